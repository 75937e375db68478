// Blind trust before verification (DESIGN.md): every device of a colleague is
// used as soon as it appears; a user may verify a device by comparing its
// fingerprint (or scanning it). Once a colleague has a verified device, any
// other device of theirs that is not verified is flagged: it may be a new
// phone, or someone else's. A verified device whose key changes loses its
// verification. Kept per account (Kv).
import { fingerprint } from './fingerprint.ts';
import type { Kv } from './kv.ts';

export interface DeviceTrust {
  readonly jid: string;
  readonly id: number;
  readonly fingerprint: string;
  readonly verified: boolean;
  /** Not verified while another device of the same person is: show it as new. */
  readonly flagged: boolean;
}

interface Record {
  readonly fingerprint: string;
  readonly verified: boolean;
}

const key = (jid: string, id: number) => `trust:${jid}.${id}`;

export function trustStore(kv: Kv) {
  async function record(jid: string, id: number, identityKey: Uint8Array): Promise<Record> {
    const fp = fingerprint(identityKey);
    const known = await kv.get<Record>(key(jid, id));
    if (known?.fingerprint === fp) return known;
    const fresh = { fingerprint: fp, verified: false };
    await kv.put(key(jid, id), fresh);
    return fresh;
  }

  return {
    /** The devices of `jid` whose keys are known, each with its trust. */
    async devices(jid: string, identities: readonly { id: number; key: Uint8Array }[]): Promise<DeviceTrust[]> {
      const recs = await Promise.all(identities.map(async (d) => ({ id: d.id, ...(await record(jid, d.id, d.key)) })));
      const anyVerified = recs.some((r) => r.verified);
      return recs.map((r) => ({ jid, ...r, flagged: anyVerified && !r.verified }));
    },
    /** The user compared the fingerprint (or scanned it) and it matches. */
    async verify(jid: string, id: number, fp: string): Promise<boolean> {
      const known = await kv.get<Record>(key(jid, id));
      if (!known || known.fingerprint !== fp) return false;
      await kv.put(key(jid, id), { ...known, verified: true });
      return true;
    },
  };
}
