// OMEMO between Profanity (Debian's 0.13.1, built with OMEMO) and the PWA's
// own OMEMO code, through Bleep's Prosody (issue #11 part 2), both ways. What
// Profanity needs (README, "Other clients"): its keys are made only on
// `/omemo gen`; it encrypts only after `/omemo start` in the chat's window
// (its policy is manual: an encrypted message in does not switch it on); it
// sends to a new colleague's device without asking for trust first, and shows
// OMEMO lines with its OMEMO character `~`.
import 'fake-indexeddb/auto';
import { NS_OMEMO } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login } from '@bleep/prosody-config/test-client';
import { startProfanity, type Profanity } from '@bleep/prosody-config/test-profanity';
import { xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announce } from './devices.ts';
import { side, sendText, until, type Side } from './test-side.ts';

const DANA = { user: 'dispatcher', password: 'dispatcher-password-1' };
const PROF = { user: 'prof-user', password: 'prof-password-1' };
const TO_PROFANITY = 'Bed 4 potassium 6.8 from Bleep';
const TO_BLEEP = 'Repeating the ECG now from Profanity';

let prosody: RunningProsody;
let prof: Profanity;
let dana: Side;
let profJid = '';

beforeAll(async () => {
  // As in omemo.int.test.ts: the curve library's abort-on-rejection listener is not for tests.
  for (const l of process.listeners('unhandledRejection')) if (l.name === 'abort') process.off('unhandledRejection', l);
  prosody = await startTestProsody({ accounts: [DANA, PROF] });
  const d = await login(prosody.settings, DANA);
  await d.send(xml('presence') as never);
  dana = await side(d, `${DANA.user}@${prosody.settings.domain}`, prosody.settings);
  await announce(dana.session.request, dana.session.engine, dana.jid);
  profJid = `${PROF.user}@${prosody.settings.domain}`;
  prof = await startProfanity();
}, 60_000);

afterAll(async () => {
  prof?.stop();
  await dana?.client.stop().catch(() => {});
  await prosody?.stop();
});

describe('OMEMO with Profanity', () => {
  it('Profanity signs in and makes and announces its OMEMO keys', async () => {
    await prof.signIn(profJid, PROF.password, prosody.settings.ports.c2s);
    await prof.makeKeys();
  }, 60_000);

  it("Bleep's message reaches Profanity encrypted, and Profanity shows it as OMEMO", async () => {
    // Bleep encrypts for Profanity's device once it is on its list (the server says so).
    const to = { jid: profJid } as Side; // a 1:1 chat (a string would be a room)
    let sent: Awaited<ReturnType<typeof sendText>> | undefined;
    for (const end = Date.now() + 30_000; !sent && Date.now() < end;) {
      // Until its device list is published the message is held back (a throw), never sent in the clear.
      sent = await sendText(dana, to, TO_PROFANITY).catch(() => undefined);
      if (!sent) await new Promise((r) => setTimeout(r, 250));
    }
    if (!sent) throw new Error(`Bleep never encrypted for Profanity; it shows:\n${prof.screen()}`);
    expect(sent.getChild('encrypted', NS_OMEMO)).toBeDefined();
    expect(sent.getChildText('body')).not.toContain('potassium');
    prof.type(`/msg ${dana.jid}`);
    await prof.until(
      'the message, marked OMEMO (~)',
      () => prof.screen().includes(`~ ${dana.jid}/`) && prof.screen().includes(TO_PROFANITY),
    );
  }, 60_000);

  it("Profanity's answer reaches Bleep encrypted, and Bleep decrypts it (a closed lock)", async () => {
    prof.type('/omemo start');
    await prof.shown('[OMEMO]');
    prof.type(TO_BLEEP);
    const raw = await until(
      () =>
        dana.raw.find(
          (el) => el.name === 'message' && el.getChild('encrypted', NS_OMEMO) && el.attrs.from?.startsWith(profJid),
        ),
      30_000,
    );
    expect(raw.getChildText('body') ?? '').not.toContain('ECG');
    const got = await until(
      () => dana.got.find((e) => e.content.kind === 'text' && e.content.body === TO_BLEEP),
      30_000,
    );
    expect(got.from).toMatch(new RegExp(`^${profJid}`));
    expect(got.security).toBe('encrypted');
  }, 60_000);
});
