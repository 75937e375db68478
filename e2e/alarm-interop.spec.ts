// Issue #10 with standard clients as responders (the brief names Converse.js
// and Profanity among them): Dr Amara Okafor raises Code Blue with the `alarm`
// ad-hoc command (as any XMPP client can); Dr Jonas Weber (anaesthesia) runs
// Converse.js 14 in Chromium (bench/converse-page.ts, INTEROP.md) and Priya
// Shah (nurse) runs Profanity in tmux (prosody/src/runner/test-profanity.ts),
// both on duty. Each gets the alarm, enters the incident room and answers 1 by
// text as the body says: Jonas to the request's address, Priya by typing it in
// the room. The component's tally posted in the room counts them. Neither client does all of it unaided
// (protocol/README.md, "Standard clients as responders", says what the user
// does instead); the steps here are those. No OMEMO: the alarm and the room's
// posts are the component's, in the clear.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  ALARM_RAISED_FIELDS as R,
  COMMANDS,
  DIRECTORY_FIELDS,
  PRESET_IDS,
} from '@bleep/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConverseChatWith, routeConverse, signInConverse } from '../bench/converse-page.ts';
import { startProfanity, type Profanity } from '../prosody/src/runner/test-profanity.ts';
import { openBrowser, type Browser } from './support/browser.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let browser: Browser;
let converse: Page;
let prof: Profanity;
let room = '';
let request = '';

type Converse = {
  api: { rooms: { open(jid: string, attrs: object, force: boolean): Promise<unknown> } };
  state: {
    chatboxes: {
      get(jid: string):
        | {
            messages: { models: { get(k: string): unknown }[] };
            occupants: { models: { get(k: string): unknown }[] };
            session?: { get(k: string): unknown };
            close(): Promise<void>;
          }
        | undefined;
    };
  };
};

/** The message bodies Converse holds in its chat or room `jid`. */
const converseBodies = (jid: string) =>
  converse.evaluate((j) => {
    const c = (window as unknown as { __benchConverse: Converse }).__benchConverse;
    return (c.state.chatboxes.get(j)?.messages.models ?? []).map((m) => String(m.get('body') ?? ''));
  }, jid);
/** The nicknames of the occupants Converse lists in `jid`, once it has entered it. */
const converseOccupants = (jid: string) =>
  converse.evaluate((j) => {
    const c = (window as unknown as { __benchConverse: Converse }).__benchConverse;
    const muc = c.state.chatboxes.get(j);
    if (muc?.session?.get('connection_status') !== 5) return []; // ROOMSTATUS.ENTERED
    return muc.occupants.models.map((o) => String(o.get('nick')));
  }, jid);

beforeAll(async () => {
  stack = await startTestStack();
  const { login, runCommand } = await import('@bleep/prosody-config/test-client');
  // Code Blue reaches the on-duty anaesthetists, doctors and nurses: Jonas and Priya go on duty (the `duty`
  // command, as from another of their devices), so both are responders.
  for (const user of ['doctor2', 'nurse']) {
    const c = await login(stack.settings, account(stack, user));
    await new Promise((r) => setTimeout(r, 500)); // stream management first (DESIGN.md trap)
    const done = await runCommand(c, stack.settings.opsHost, COMMANDS.duty, { [DIRECTORY_FIELDS.onDuty]: 'true' });
    await c.stop();
    expect(done.attrs.type).toBe('result');
  }
  browser = await openBrowser(stack.settings.tls.cert);
  converse = await browser.context.newPage();
  const jonas = account(stack, 'doctor2');
  const url = await routeConverse(browser.context, stack.url, { jid: jonas.jid, password: jonas.password });
  prof = await startProfanity();
  const priya = account(stack, 'nurse');
  await Promise.all([signInConverse(converse, url), prof.signIn(priya.jid, priya.password, stack.settings.ports.c2s)]);
}, 120_000);

afterAll(async () => {
  prof?.stop();
  await browser?.close();
  await stack?.close();
});

describe('a Code Blue answered from Converse.js and Profanity', () => {
  it('raised by command, it reaches both: the body, and an invitation to the incident room', async () => {
    const { login, runCommand } = await import('@bleep/prosody-config/test-client');
    const amara = await login(stack.settings, account(stack, 'doctor1'));
    await new Promise((r) => setTimeout(r, 500));
    const raised = await runCommand(amara, stack.settings.opsHost, ALARM_COMMANDS.alarm, {
      [F.preset]: PRESET_IDS.codeBlue,
      [F.location]: 'Ward 3',
      [F.bed]: '4',
    });
    await amara.stop();
    const result = new Map(
      (raised.getChild('command')?.getChild('x')?.getChildren('field') ?? []).map((f) => [
        f.attrs.var,
        f.getChildText('value') ?? '',
      ]),
    );
    room = result.get(R.room) ?? '';
    request = result.get(R.request) ?? '';
    expect(result.get(R.alerted)).toBe('2');
    expect(room).toMatch(/^alarm-.+@conference\./);
    expect(request).toMatch(/^req-.+@ops\./);

    // Converse shows the body, in a chat with the room's address, saying where to answer.
    const alarm = `CODE BLUE · WARD 3, BED 4. Triggered by Dr Amara Okafor at`;
    await expect
      .poll(async () => (await converseBodies(room)).find((t) => t.startsWith(alarm)), { timeout: 30_000 })
      .toContain(
        `Join the incident room ${room} and type 1 (Acknowledge), 2 (On my way) or 3 (Decline) there, or reply to ${request}.`,
      );
    // Profanity shows the invitation, with the room's name as its reason (not the body: protocol/README.md, "Standard clients as responders").
    await prof.shown(`Use '/join ${room}' to accept the invitation`);
    expect(prof.screen()).toMatch(/Message: Code Blue · Ward 3, bed 4 · \d\d:\d\d/);
  });

  it('Converse enters the room, answers 1 to the request address, and the tally counts it', async () => {
    // Confirming Converse's invitation prompt does nothing: the alarm's chat holds the room's address
    // (protocol/README.md, "Standard clients as responders"). Dismissed, the chat closed, the room entered by
    // its address as "Add a groupchat" does.
    // One prompt per invitation: the alarm repeats every 30 s while unanswered, and a slow run sees two.
    await converse.locator('converse-confirm-modal.show').first().waitFor();
    await converse.evaluate(() =>
      document.querySelectorAll<HTMLElement>('converse-confirm-modal input[value="Cancel"]').forEach((b) => b.click()),
    );
    await converse.evaluate(
      async ({ jid, nick }) => {
        const c = (window as unknown as { __benchConverse: Converse }).__benchConverse;
        await c.state.chatboxes.get(jid)!.close();
        await c.api.rooms.open(jid, { nick }, true);
      },
      { jid: room, nick: 'doctor2' },
    );
    await expect.poll(() => converseOccupants(room), { timeout: 30_000 }).toContain('doctor2');
    // The component's request post, with the same address to answer.
    await expect
      .poll(async () => (await converseBodies(room)).find((t) => t.startsWith('Dr Amara Okafor asks: Code Blue')), {
        timeout: 30_000,
      })
      .toContain(`Reply here or to ${request} with 1 = Acknowledge`);

    await openConverseChatWith(converse, request);
    await converse.locator(`converse-chat[jid="${request}"] textarea.chat-textarea`).fill('1');
    await converse.keyboard.press('Enter');
    await expect
      .poll(async () => (await converseBodies(request)).find((t) => t.startsWith('Your answer')), { timeout: 30_000 })
      .toMatch(/^Your answer: Acknowledge\./);
    await expect
      .poll(async () => (await converseBodies(room)).find((t) => t.startsWith('Dr Jonas Weber: ')), { timeout: 30_000 })
      .toMatch(
        /^Dr Jonas Weber: Acknowledge \(\d+ s\)\. Acknowledged: anaesthesia 1\/1, nurse 0\/2\. Missing: 2 nurse\.$/,
      );
  });

  it('Profanity joins from the invitation, types 1 in the room, and the tally counts it', async () => {
    prof.type(`/join ${room}`);
    await prof.until('Priya among the occupants', () => /\s{2}nurse\s*$/m.test(prof.screen()));
    await prof.shown(`Reply here or to ${request} with 1 = Acknowledge`);
    // In the room's window, as a plain client's user would: the component maps the nick to Priya's JID.
    prof.type('1');
    const tally = /Priya Shah: Acknowledge \(\d+ s\)\. Acknowledged: anaesthesia 1\/1, nurse 1\/2\. Missing: 1 nurse\./;
    await prof.until('the tally counting Priya in the room', () => tally.test(prof.screen()));
    // The same post reaches the other responder's client.
    await expect
      .poll(async () => (await converseBodies(room)).find((t) => t.startsWith('Priya Shah: ')), { timeout: 30_000 })
      .toMatch(tally);
  });
});
