// Decrypted messages, kept on this device (per account, in IndexedDB): an
// OMEMO ratchet message can be decrypted only once (DESIGN.md), so a reload
// or an archive page shows what was read before from here, matched by the
// archive's stanza-id, else by sender and message id. The user's own
// messages are kept as they are sent: they are not encrypted for the device
// that sent them.
import type { Kv } from './kv.ts';
import type { Undecryptable } from './reasons.ts';

/** What a message said, or why it could not be read (that, too, is kept: a second try would fail otherwise). */
export type Kept = { readonly text: string } | { readonly reason: Undecryptable };

export interface Plaintexts {
  get(archiveId: string, from: string, id: string): Promise<Kept | undefined>;
  put(archiveId: string, from: string, id: string, kept: Kept): Promise<void>;
}

export function plaintexts(kv: Kv): Plaintexts {
  const keys = (archiveId: string, from: string, id: string) =>
    [archiveId && `plain:archive:${archiveId}`, id && `plain:${from}\n${id}`].filter(Boolean);
  return {
    async get(archiveId, from, id) {
      for (const k of keys(archiveId, from, id)) {
        const kept = await kv.get<Kept>(k);
        if (kept) return kept;
      }
      return undefined;
    },
    async put(archiveId, from, id, kept) {
      for (const k of keys(archiveId, from, id)) await kv.put(k, kept);
    },
  };
}
