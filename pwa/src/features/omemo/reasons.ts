import { AskFirst } from '../messages/outbound.ts';

// Why a message could not be decrypted: one registry of reasons, each with
// the text the user sees in place of the message.

export const UNDECRYPTABLE = {
  malformed: 'This encrypted message is damaged (its header could not be read).',
  'not-for-this-device': 'This message was not encrypted for this device.',
  'before-this-device': 'This message was sent before this device was set up for encryption.',
  'no-session': 'This message could not be decrypted: no secure session with the sender’s device.',
  'bad-key': 'This message could not be decrypted: its key is invalid or was already used.',
  'bad-payload': 'This message could not be decrypted: its content is damaged or incomplete.',
  'untrusted-sender': 'This message came from a device that does not belong to its sender.',
  'sender-unknown':
    'This message could not be decrypted yet: the room did not say who wrote it. Open the room again later to read it from its history.',
} as const;

export type Undecryptable = keyof typeof UNDECRYPTABLE;

// Why a message of ours is held back instead of going (it stays pending, the
// outbox tries again): never sent in the clear because encryption could not
// be decided.
export const HELD = {
  'devices-unknown':
    'Waiting to encrypt: the colleague’s encryption devices could not be read yet. It is not sent unencrypted.',
  'devices-unreachable': 'Waiting to encrypt: none of the colleague’s devices can be reached for encryption.',
  'own-keys': 'Waiting to encrypt: this device’s encryption keys are not published yet.',
} as const;

/** A message held back for one of the reasons above. */
export class HeldBack extends Error {
  constructor(reason: keyof typeof HELD) {
    super(HELD[reason]);
    this.name = 'HeldBack';
  }
}

// Why a message cannot be encrypted for someone at all (not a wait: the
// server said so, or this device has no encryption). It then goes in the
// clear only when the user chose that for this message (issue #11: a hospital
// never sends unencrypted without saying so); until then it waits, asking.
export const CANNOT = {
  'no-devices': 'the colleague has no encryption device; their app does not use OMEMO',
  'no-member-devices': 'no other member of this room has an encryption device yet',
  'no-session': 'encryption could not start on this device',
} as const;

export interface Cannot {
  /** The person, or the room. */
  readonly jid: string;
  readonly reason: keyof typeof CANNOT;
}

/** What the user is asked: why it cannot be encrypted, and the two choices. */
export function cannotText(who: readonly Cannot[]): string {
  const why = [...new Set(who.map((c) => CANNOT[c.reason]))].join('; ');
  return `Not sent yet: it cannot be encrypted (${why}). Send it unencrypted, or cancel.`;
}

/** A message that would go in the clear: the user is asked first (messages/outbound.ts). */
export class Unencrypted extends AskFirst {
  readonly who: readonly Cannot[];
  constructor(who: readonly Cannot[]) {
    super(cannotText(who));
    this.name = 'Unencrypted';
    this.who = who;
  }
}
