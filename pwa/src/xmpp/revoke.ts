// Sign-out revokes this device's FAST token on the server as well as here:
// XEP-0484 §4.4, one more sign-in with the token and <fast invalidate='true'/>,
// after which Prosody (mod_sasl2_fast) deletes it. A copy of the token is then
// worthless at once, not only when it expires. Best effort, bounded in time:
// sign-out never waits on a server that does not answer.
import { client, xml, type XmlElement } from '@xmpp/client';
import type { ServerConfig } from './config.ts';
import { NO_PASSWORD, userAgent, type Authenticate } from './credentials.ts';
import { deviceId, type SavedSignIn } from './device.ts';

const NS_FAST = 'urn:xmpp:fast:0';

/** xmpp.js 0.14 sends a bare <fast/>; this marks it for invalidation on its way out. */
function invalidating(el: XmlElement | undefined): XmlElement | undefined {
  return el?.name === 'fast' && el.attrs.xmlns === NS_FAST ? xml('fast', { xmlns: NS_FAST, invalidate: 'true' }) : el;
}

export async function revokeToken(config: ServerConfig, saved: SavedSignIn, timeoutMs = 5_000): Promise<boolean> {
  let authenticated = () => {};
  const done = new Promise<void>((resolve) => (authenticated = resolve));
  const xmpp = client({
    service: `wss://${location.host}${config.websocketPath}`,
    domain: config.domain,
    username: saved.username,
    credentials: async (authenticate: Authenticate) => {
      await authenticate({ username: saved.username, token: saved }, NO_PASSWORD, userAgent(deviceId()));
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
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
  const started = xmpp.start().catch(() => {});
  let ok = false;
  await Promise.race([done.then(() => (ok = true)), started, timer]);
  await xmpp.stop().catch(() => {});
  return ok;
}
