// An OMEMO message this device could not decrypt: shown as such, with the
// reason, in place of the text (issue #11). Only the app's own decryption step
// marks a message so (security.ts); a sender cannot.
import { undecryptableReason } from '../security.ts';
import type { Kind } from './kind.ts';

export interface Undecryptable {
  readonly kind: 'undecryptable';
  readonly reason: string;
}

export const undecryptable: Kind<Undecryptable> = {
  kind: 'undecryptable',
  shown: true,
  preview: (c) => c.reason,
  parse(msg) {
    const reason = undecryptableReason(msg);
    return reason ? { kind: 'undecryptable', reason } : undefined;
  },
};
