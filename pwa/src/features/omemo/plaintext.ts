// Decrypted messages, kept on this device (per account, in IndexedDB): an
// OMEMO ratchet message can be decrypted only once (DESIGN.md), so a reload
// or an archive page shows what was read before from here, matched by the
// archive's stanza-id, else by sender and message id (origin-id or id). The
// user's own messages are kept as they are sent: they are not encrypted for
// the device that sent them.
import type { Kv } from './kv.ts';
import type { Undecryptable } from './reasons.ts';

/** What a message said, or why it could not be read (kept too, so that every copy says the same). */
export type Kept = { readonly text: string } | { readonly reason: Undecryptable };

export interface Plaintexts {
  /** What any copy of the message said; else why one could not be read; else undefined. */
  get(archiveId: string, from: string, ids: readonly string[]): Promise<Kept | undefined>;
  /**
   * Keeps it under every id it has. A text replaces a reason; a reason replaces nothing: a second decryption of a
   * message read before fails, and the first failure says why better than a second one.
   */
  put(archiveId: string, from: string, ids: readonly string[], kept: Kept): Promise<void>;
}

export function plaintexts(kv: Kv): Plaintexts {
  const keys = (archiveId: string, from: string, ids: readonly string[]) => [
    ...(archiveId ? [`plain:archive:${archiveId}`] : []),
    ...new Set(ids.filter(Boolean).map((id) => `plain:${from}\n${id}`)),
  ];
  return {
    async get(archiveId, from, ids) {
      let failed: Kept | undefined;
      for (const k of keys(archiveId, from, ids)) {
        const kept = await kv.get<Kept>(k);
        if (kept && 'text' in kept) return kept;
        failed ??= kept;
      }
      return failed;
    },
    async put(archiveId, from, ids, kept) {
      for (const k of keys(archiveId, from, ids)) {
        if ('text' in kept || !(await kv.get<Kept>(k))) await kv.put(k, kept);
      }
    },
  };
}
