// Issue #11, end to end in Chromium: a live OMEMO room message from an
// occupant whose real JID Priya's app did not know when it came. Dana's room
// hid its members' addresses when Priya came in; Dana then shows them (status
// 172), and Prosody sends nobody's presence again. Jonas (the app's own OMEMO
// code in Node) writes at once: Priya's app asks the room who is behind his
// nick and shows his message decrypted, as his, without a reload.
import 'fake-indexeddb/auto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '@bleep/prosody-config/test-client';
import { xml } from '@xmpp/client';
import { announce } from '../pwa/src/features/omemo/devices.ts';
import { side, sendText, until, type Side } from '../pwa/src/features/omemo/test-side.ts';
import { configureIq, inviteStanza, joinPresence, memberIq, roomConfigIq } from '../pwa/src/features/rooms/codec.ts';
import { encryptionOn } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let crowd: People;
let priya: Page;
let dana: Side;
let jonas: Side;

const TEXT = 'Bed 12 goes to theatre now, consent is signed';

beforeAll(async () => {
  // As in omemo.int.test.ts: the curve library's Node build aborts on xmpp.js's handled-late rejections.
  for (const l of process.listeners('unhandledRejection')) if (l.name === 'abort') process.off('unhandledRejection', l);
  stack = await startTestStack();
  crowd = people(stack);
  priya = await crowd.signIn('nurse');
  const s = stack.settings;
  const sideOf = async (user: string) => {
    const c = await login(s, account(stack, user));
    await c.send(xml('presence') as never);
    const x = await side(c, `${user}@${s.domain}`, s);
    await announce(x.session.request, x.session.engine, x.jid);
    return x;
  };
  dana = await sideOf('dispatcher');
  jonas = await sideOf('doctor2');
}, 120_000);

afterAll(async () => {
  await Promise.all([dana, jonas].map((x) => x?.client.stop().catch(() => {})));
  await crowd?.close();
  await stack?.close();
});

/** Someone's presence in the room, as Dana (its owner, a moderator) sees it. */
const inRoom = (room: string, nick: string) =>
  until(() => dana.raw.find((el) => el.name === 'presence' && el.attrs.from === `${room}/${nick}`), 30_000);

describe('a live room message from an occupant not known yet', () => {
  it('is shown decrypted and as its sender’s once the room stops hiding addresses', async () => {
    // Priya's device is on her device list before Jonas writes (expect.poll, which this uses, runs only in a test).
    await encryptionOn(priya);
    const room = `handover-${Date.now().toString(36)}@${stack.settings.mucHost}`;
    const nurse = account(stack, 'nurse').jid;
    const whois = (who: string) => dana.session.request(roomConfigIq(room, { 'muc#roomconfig_whois': who }));
    await dana.client.send(joinPresence(room, 'dispatcher') as never);
    await inRoom(room, 'dispatcher');
    await dana.session.request(configureIq(room, 'Theatre handover'));
    for (const m of [nurse, jonas.jid]) await dana.session.request(memberIq(room, m));
    await whois('moderators');
    // Jonas comes in, then Priya, invited: the room shows her his nick only.
    await jonas.client.send(joinPresence(room, 'doctor2') as never);
    await inRoom(room, 'doctor2');
    await dana.client.send(inviteStanza(nurse, room, 'Theatre handover') as never);
    await inRoom(room, 'nurse');

    await whois('anyone');
    await sendText(jonas, room, TEXT);

    await priya.locator(`[data-testid="room"][data-room="${room}"]`).click();
    await expect.poll(() => priya.getByTestId('room-body').allTextContents(), { timeout: 30_000 }).toContain(TEXT);
    expect(await priya.getByTestId('room-lock').last().getAttribute('data-security')).toBe('encrypted');
    expect(await priya.getByTestId('room-sender').last().textContent()).toBe('Dr Jonas Weber');
    expect(await priya.getByTestId('room-undecryptable').count()).toBe(0);
  });
});
