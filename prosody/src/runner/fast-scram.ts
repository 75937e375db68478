// Test and benchmark helper: many logins in Node without the cost of SCRAM.
// sasl-scram-sha-1 (used by @xmpp/client) computes PBKDF2 as 4096+ separate
// WebCrypto HMAC calls, about 0.35 s a login (DESIGN.md). RFC 5802 §2.2's
// Hi() *is* PBKDF2-HMAC-SHA-1 with dkLen = the hash length, which Node's
// crypto.pbkdf2 computes natively in a few milliseconds. The exchange on the
// wire is unchanged: Prosody still checks a real SCRAM proof.
import { pbkdf2Sync } from 'node:crypto';
import { createRequire } from 'node:module';

interface Bitops {
  Hi(text: string, salt: Uint8Array, iterations: number): Promise<Uint8Array>;
}

let done = false;

/** Replaces sasl-scram-sha-1's Hi with native PBKDF2, once per process. */
export function useNativePbkdf2(): void {
  if (done) return;
  // Resolve the copy @xmpp/sasl-scram-sha-1 itself loads (CommonJS, so the module object is shared).
  const fromXmpp = createRequire(createRequire(import.meta.url).resolve('@xmpp/sasl-scram-sha-1/package.json'));
  const bitops = fromXmpp('sasl-scram-sha-1/lib/bitops.js') as Bitops;
  bitops.Hi = async (text, salt, iterations) => new Uint8Array(pbkdf2Sync(text, salt, iterations, 20, 'sha1'));
  done = true;
}
