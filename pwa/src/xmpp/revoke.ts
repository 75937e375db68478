// Sign-out revokes this device's FAST tokens on the server as well as here:
// XEP-0484 §4.4, one more sign-in with the token and <fast invalidate='true'/>,
// after which Prosody deletes every token of this account and device, the one
// a renewal replaced included (prosody/modules/mod_bleep_fast_revoke.lua). A
// copy of either is then worthless at once, not only when it expires. Best
// effort, bounded in time: sign-out never waits on a server that does not answer.
import { client, xml, type XmlElement } from '@xmpp/client';
import { NO_PASSWORD, userAgent, type Authenticate } from './credentials.ts';
import type { SavedSignIn } from './device.ts';

const NS_FAST = 'urn:xmpp:fast:0';

/** xmpp.js 0.14 sends a bare <fast/>; this marks it for invalidation on its way out. */
function invalidating(el: XmlElement | undefined): XmlElement | undefined {
  return el?.name === 'fast' && el.attrs.xmlns === NS_FAST ? xml('fast', { xmlns: NS_FAST, invalidate: 'true' }) : el;
}

/** Where the device signed in: the server (config.ts serviceUrl) and this device's id. */
export interface RevokeTarget {
  readonly service: string;
  readonly domain: string;
  readonly deviceId: string;
}

/** Resolves true once the server has taken the token (and so revoked the device's tokens). */
export async function revokeToken(at: RevokeTarget, saved: SavedSignIn, timeoutMs = 5_000): Promise<boolean> {
  let authenticated = () => {};
  const done = new Promise<void>((resolve) => (authenticated = resolve));
  const xmpp = client({
    service: at.service,
    domain: at.domain,
    username: saved.username,
    credentials: async (authenticate: Authenticate) => {
      await authenticate({ username: saved.username, token: saved }, NO_PASSWORD, userAgent(at.deviceId));
      authenticated(); // the server has deleted the token; no need to bind a resource
    },
    timeout: timeoutMs,
  });
  xmpp.reconnect.stop(); // one attempt only
  const auth = xmpp.fast.auth.bind(xmpp.fast);
  xmpp.fast.auth = (args) =>
    auth({
      ...args,
      authenticate: (a) => args.authenticate({ ...a, streamFeatures: a.streamFeatures.map(invalidating) }),
    });
  xmpp.fast.deleteToken = async () => {}; // refused: nothing left to revoke
  xmpp.on('error', () => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  // Online counts too: the stream can be bound before the callback above resumes
  // (xmpp.js checks the server's HT-SHA-256 answer with an async WebCrypto call
  // while the features after <success/> are already being handled; under load it
  // finishes last), and online means the server took the token.
  const online = xmpp.start().then(
    () => true,
    () => false,
  );
  const ok = await Promise.race([done.then(() => true), online, timeout]);
  clearTimeout(timer);
  await xmpp.stop().catch(() => {});
  return ok;
}
