// The inbound step (messages/pipeline.ts): an OMEMO message is decrypted once
// and what it said kept on this device; later copies (live and from the
// archive while joining a room, carbons, a reload) are read from there by
// stanza-id, origin-id or id, before any decryption. What cannot be decrypted is shown with
// the reason, never dropped, never a throw. A prekey message is answered with
// a key-transport message, and its used prekey replaced in the bundle.
import { NS_EME, NS_HINTS, NS_OMEMO, NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import type { InboundTransform } from '../messages/pipeline.ts';
import { markDecrypted, markUndecryptable } from '../messages/security.ts';
import { encryptedElement, parseEncrypted } from './codec.ts';
import { publishOwnBundle } from './devices.ts';
import type { Kept } from './plaintext.ts';
import { UNDECRYPTABLE } from './reasons.ts';
import type { OmemoSession, CurrentSession } from './session.ts';

/** §4.6: an empty message that completes the session (or moves the ratchet on, a heartbeat). */
async function answer(s: OmemoSession, to: string, device: number): Promise<void> {
  const e = await s.engine.encrypt(undefined, [{ jid: to, id: device }]);
  await s.send(xml('message', { to, type: 'chat' }, encryptedElement(e), xml('store', { xmlns: NS_HINTS })));
}

async function decryptNow(s: OmemoSession, el: XmlElement, from: string, at: string): Promise<Kept | undefined> {
  const parsed = parseEncrypted(el);
  if (!parsed.ok) return { reason: parsed.reason };
  // A session is its sender's (XEP-0384 §4.6): with nobody to file it under, a prekey would be used up on a session
  // that no later message finds. The room's archive copy names the sender (messages/inbound.ts) and is read then.
  // A key-transport or heartbeat message (§4.6: no payload) carries no words: when it cannot be read (one of this
  // account's own from the archive, not encrypted for this device; or another device's), there is nothing to show.
  const words = parsed.value.payload !== undefined;
  if (!from) return words ? { reason: 'sender-unknown' } : undefined;
  // The engine returns reasons; anything it throws still must not drop the message.
  const got = await s.engine.decrypt(from, parsed.value, at).catch(() => ({ ok: false, reason: 'bad-key' }) as const);
  if (!got.ok) return words ? { reason: got.reason } : undefined;
  if (got.bundleChanged) void publishOwnBundle(s.request, s.engine).catch(() => {});
  if (got.answer) void answer(s, from, parsed.value.sid).catch(() => {});
  return got.text === undefined ? undefined : { text: got.text };
}

/** The message as the app reads it: the plaintext as its body, or the reason it has none. */
function shown(msg: XmlElement, kept: Kept | undefined): XmlElement {
  msg.children = msg.children.filter(
    (c) => typeof c === 'string' || (c.name !== 'body' && c.attrs.xmlns !== NS_EME && c.attrs.xmlns !== NS_OMEMO),
  );
  if (kept && 'text' in kept) {
    msg.children.push(xml('body', {}, kept.text));
    markDecrypted(msg);
  } else if (kept) markUndecryptable(msg, UNDECRYPTABLE[kept.reason]);
  return msg;
}

export function decryptStep(current: CurrentSession): InboundTransform {
  return async (msg, env) => {
    const el = msg.getChild('encrypted', NS_OMEMO);
    if (!el) return msg;
    const s = await current();
    if (!s) return shown(msg, { reason: 'no-session' });
    // Every id a copy of it may come with: live, as a carbon, from an archive (a room's keeps no id attribute).
    const ids = [msg.getChild('origin-id', NS_SID)?.attrs.id ?? '', msg.attrs.id ?? ''];
    const kept = await s.plain.get(env.archiveId, env.from, ids);
    // Read before (by any copy): never decrypted again; kept under this copy's ids too, for the next one.
    if (kept && 'text' in kept) {
      await s.plain.put(env.archiveId, env.from, ids, kept);
      return shown(msg, kept);
    }
    // Not read, or a copy could not be: this one may be (one whose sender was not known yet failed). A text
    // replaces the failure kept; a failure again changes nothing (the first one says why).
    const now = await decryptNow(s, el, env.from, env.at);
    if (now && (ids.some(Boolean) || env.archiveId)) await s.plain.put(env.archiveId, env.from, ids, now);
    return shown(msg, now && 'reason' in now ? (kept ?? now) : now);
  };
}
