// How the app authenticates each time a stream opens (sign-in, reload,
// reconnect): with the password only for the sign-in the user typed it for,
// otherwise with this device's FAST token (XEP-0484). No password is ever
// stored, and none is kept for reconnects: a device an admin signed out (its
// tokens revoked, issue #13 "Lost phone") must not sign itself in again.
import { xml, type XmlElement } from '@xmpp/client';

export interface FastToken {
  readonly mechanism: string;
  readonly token: string;
  /** ISO date. */
  readonly expiry: string;
}

/** @xmpp/client 0.14's `credentials` callback arguments (client/lib/createOnAuthenticate.js). */
export type Authenticate = (
  creds: { username: string; password?: string; token?: FastToken },
  mechanism: string | undefined,
  userAgent?: XmlElement,
) => Promise<void>;
/** Null when the server offers no FAST (or no SASL2). */
export interface FastOffer {
  readonly mechanisms: string[];
  fetch(): Promise<FastToken | undefined>;
}
export interface Entity {
  isSecure(): boolean;
}

/**
 * A mechanism no SASL factory knows: when the server refuses the token and
 * there is no password, xmpp.js then stops before sending anything, instead
 * of trying PLAIN with an empty password.
 */
export const NO_PASSWORD = 'X-BLEEP-NO-PASSWORD';

/** XEP-0388 §2.1: a stable id per device; FAST binds tokens to it. */
export function userAgent(id: string): XmlElement {
  return xml('user-agent', { id }, xml('software', {}, 'Bleep'));
}

/** Worth sending: not expired here, and a mechanism the server still offers. */
export function usable(t: FastToken | undefined, offered: readonly string[], now = Date.now()): t is FastToken {
  return !!t && offered.includes(t.mechanism) && Date.parse(t.expiry) > now;
}

export function credentials(opts: {
  username: string;
  /** The password typed for this sign-in, until it is done (session.ts); then undefined. */
  password(): string | undefined;
  userAgent: XmlElement;
  /** No password and no token the server could take: this device must sign in again. */
  ended(): void;
}) {
  return async (authenticate: Authenticate, mechanisms: string[], fast: FastOffer | null, entity: Entity) => {
    const token = await fast?.fetch();
    const password = opts.password();
    if (!password && !usable(token, fast?.mechanisms ?? [])) {
      opts.ended();
      throw new Error('No sign-in token for this device');
    }
    // DESIGN.md: the browser build has no SCRAM, so PLAIN, and only over TLS.
    const mechanism = !password
      ? NO_PASSWORD
      : entity.isSecure()
        ? mechanisms[0]
        : mechanisms.find((m) => m !== 'PLAIN');
    await authenticate({ username: opts.username, password, token }, mechanism, opts.userAgent);
  };
}
