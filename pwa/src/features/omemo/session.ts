// What the encryption steps need of the signed-in account: its engine (keys
// and sessions), its kept plaintexts, and the connection to ask and send with.
import type { XmlElement } from '@xmpp/client';
import type { Request } from './devices.ts';
import type { Engine } from './engine.ts';
import type { Kv } from './kv.ts';
import type { Plaintexts } from './plaintext.ts';

export interface OmemoSession {
  /** The account's bare JID. */
  readonly me: string;
  readonly engine: Engine;
  readonly kv: Kv;
  readonly plain: Plaintexts;
  readonly request: Request;
  send(el: XmlElement): Promise<void>;
  /**
   * Resolves once this device's bundle and id are published on the account
   * (announced); rejects with HeldBack('own-keys') if that does not happen
   * within a bound.
   */
  ready(): Promise<void>;
}

/** The session of the account signed in now; null when nobody is. */
export type CurrentSession = () => Promise<OmemoSession | null>;
