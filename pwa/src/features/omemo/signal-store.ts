// The Signal library's storage interface over one account's Kv.
// Trust is ours, not the library's: it asks by bare JID alone, but OMEMO has
// an identity per device, so it is told yes (blind trust before verification,
// DESIGN.md) and the per-device identities are kept and checked in trust.ts.
import type { KeyPairType, SessionRecordType, StorageType } from '@privacyresearch/libsignal-protocol-typescript';
import type { Kv } from './kv.ts';

export function signalStore(kv: Kv): StorageType {
  return {
    getIdentityKeyPair: () => kv.get<KeyPairType>('own:identity'),
    getLocalRegistrationId: () => kv.get<number>('own:registration'),
    isTrustedIdentity: async () => true,
    async saveIdentity(address, publicKey) {
      const known = await kv.get<ArrayBuffer>(`identity:${address}`);
      // The library saves it again at every message it encrypts: written only when new or changed.
      if (known && equal(known, publicKey)) return false;
      await kv.put(`identity:${address}`, publicKey);
      return !!known;
    },
    loadPreKey: (id) => kv.get<KeyPairType>(`prekey:${id}`),
    storePreKey: (id, pair) => kv.put(`prekey:${id}`, pair),
    removePreKey: (id) => kv.del(`prekey:${id}`),
    storeSession: (address, record) => kv.put(`session:${address}`, record),
    loadSession: (address) => kv.get<SessionRecordType>(`session:${address}`),
    loadSignedPreKey: (id) => kv.get<KeyPairType>(`signed:${id}`),
    storeSignedPreKey: (id, pair) => kv.put(`signed:${id}`, pair),
    removeSignedPreKey: (id) => kv.del(`signed:${id}`),
  };
}

export function equal(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
