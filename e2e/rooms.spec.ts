// Issue #3: a room conversation with three members, in three browsers. The
// dispatcher creates a members-only room with two colleagues; they are
// invited and join; everyone sees everyone's messages with sender names,
// unread counts, read markers, corrections, retractions, messages written
// offline (once each), and older history paged from the room's archive.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes, recordNotifications } from './support/notifications.ts';
import { openSettings, showTab, startNew } from './support/nav.ts';
import { encryptionOn } from './support/omemo.ts';
import { people, SHOTS, type People } from './support/people.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';
import { goOffline } from './support/offline.ts';

let stack: TestStack;
let crowd: People;
let dana: Page;
let amara: Page;
let priya: Page;

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  dana = await crowd.signIn('dispatcher');
  amara = await crowd.signIn('doctor1');
  priya = await crowd.signIn('nurse');
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

const bodies = (p: Page) => p.getByTestId('room-body').allTextContents();

describe('group room with three members', () => {
  it("puts each person in their department's room, made by the component", async () => {
    await priya.locator('[data-testid="room"]', { hasText: 'Emergency' }).waitFor({ timeout: 15_000 });
    await amara.locator('[data-testid="room"]', { hasText: 'Cardiology' }).waitFor({ timeout: 15_000 });
    expect(await priya.locator('[data-testid="room"]', { hasText: 'Cardiology' }).count()).toBe(0);
  });

  it('creates a room, invites two colleagues, and all three talk', async () => {
    // Each device is on its account's OMEMO device list before anyone writes: a
    // message encrypted before a device exists cannot be read on it (issue #11).
    for (const p of [dana, amara, priya]) await encryptionOn(p);
    await startNew(dana, 'room');
    await dana.getByTestId('room-name').fill('Bay 3 handover');
    for (const user of ['doctor1', 'nurse'])
      await dana.locator(`[data-testid="room-member"][data-jid="${account(stack, user).jid}"]`).check();
    await dana.getByTestId('room-create').click();
    await expect.poll(() => dana.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Bay 3 handover');

    for (const p of [amara, priya]) {
      const entry = p.locator('[data-testid="room"]', { hasText: 'Bay 3 handover' });
      await entry.waitFor({ timeout: 15_000 });
      await entry.click();
    }
    // Each answers what they have seen: messages are encrypted as they go (issue #11),
    // so one sent a moment later by someone else may reach the room first.
    const say = async (p: Page, text: string, next?: Page) => {
      await p.getByTestId('room-composer').fill(text);
      await p.getByTestId('room-send').click();
      if (next) await expect.poll(async () => (await bodies(next)).at(-1), { timeout: 15_000 }).toBe(text);
    };
    await say(dana, 'Handover at 7, bay 3', amara);
    await say(amara, 'I will be there', priya);
    await say(priya, 'Bed 12 needs a drip check');

    const all = ['Handover at 7, bay 3', 'I will be there', 'Bed 12 needs a drip check'];
    for (const p of [dana, amara, priya]) await expect.poll(() => bodies(p), { timeout: 15_000 }).toEqual(all);
    // A members-only, non-anonymous room: end-to-end encrypted for every member's devices (issue #11).
    const locks = (p: Page) =>
      p.getByTestId('room-lock').evaluateAll((els) => els.map((e) => e.getAttribute('data-security')));
    for (const p of [dana, amara, priya]) expect(await locks(p)).toEqual(['encrypted', 'encrypted', 'encrypted']);
    await expect
      .poll(() => priya.getByTestId('room-sender').allTextContents())
      .toEqual(['Dana Reyes', 'Dr Amara Okafor', 'You']);
  });

  it('brings the room and its history back after a reload (bookmarks, XEP-0402)', async () => {
    await priya.reload();
    await signIn(priya, stack, 'nurse');
    const entry = priya.locator('[data-testid="room"]', { hasText: 'Bay 3 handover' });
    await entry.waitFor({ timeout: 15_000 });
    await entry.click();
    await expect
      .poll(() => bodies(priya), { timeout: 15_000 })
      .toEqual(['Handover at 7, bay 3', 'I will be there', 'Bed 12 needs a drip check']);
  });

  const entry = (p: Page) => p.locator('[data-testid="room"]', { hasText: 'Bay 3 handover' });
  const backHome = (p: Page) => showTab(p, 'chats');

  it('shows the last message and unread count in the room list, and who has read each message', async () => {
    await backHome(priya);
    await dana.getByTestId('room-composer').fill('Bed 7 is free');
    await dana.getByTestId('room-send').click();
    await expect
      .poll(() => dana.getByTestId('room-status').last().textContent(), { timeout: 15_000 })
      .toContain('delivered');
    await expect.poll(() => entry(priya).getByTestId('room-unread').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await entry(priya).getByTestId('last-message').textContent()).toBe('Dana Reyes: Bed 7 is free');
    await priya.screenshot({ path: join(SHOTS, 'room-list-unread.png') });
    await entry(priya).click();
    // Priya opened it: her read marker reaches Dana (XEP-0333 in the room), and her count is gone.
    await expect
      .poll(() => dana.getByTestId('room-read-by').last().textContent(), { timeout: 15_000 })
      .toContain('Priya Shah');
    await backHome(priya);
    expect(await entry(priya).getByTestId('room-unread').count()).toBe(0);
    await entry(priya).click();
  });

  it('shows a correction and a retraction to every member', async () => {
    await dana.getByTestId('room-edit').click();
    await dana.getByTestId('room-composer').fill('Bed 8 is free');
    await dana.getByTestId('room-send').click();
    for (const p of [amara, priya]) {
      await expect.poll(() => bodies(p), { timeout: 15_000 }).toContain('Bed 8 is free');
      expect(await bodies(p)).not.toContain('Bed 7 is free');
      expect(await p.getByTestId('room-edited').count()).toBe(1);
    }
    await dana.getByTestId('room-retract').last().click();
    for (const p of [amara, priya]) {
      await expect.poll(() => p.getByTestId('room-retracted').count(), { timeout: 15_000 }).toBe(1);
      expect(await bodies(p)).not.toContain('Bed 8 is free');
    }
  });

  it('shows who is typing in the room, until their message arrives', async () => {
    await amara.getByTestId('room-composer').click();
    await amara.keyboard.type('Coming');
    await expect
      .poll(() => dana.getByTestId('room-typing').textContent(), { timeout: 15_000 })
      .toBe('Dr Amara Okafor is typing…');
    await amara.keyboard.press('Enter');
    await expect.poll(() => dana.getByTestId('room-typing').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await bodies(dana)).at(-1)).toBe('Coming');
  });

  it('keeps room messages written offline and sends each exactly once', async () => {
    const context = priya.context();
    await goOffline(priya);
    await expect
      .poll(() => priya.getByTestId('connection-state').textContent(), { timeout: 20_000 })
      .not.toBe('online');
    for (const text of ['Offline room one', 'Offline room two']) {
      await priya.getByTestId('room-composer').fill(text);
      await priya.getByTestId('room-send').click();
    }
    await expect.poll(() => priya.getByTestId('room-status').last().textContent()).toContain('sending');
    await context.setOffline(false);
    for (const p of [dana, amara])
      await expect
        .poll(() => bodies(p), { timeout: 30_000 })
        .toEqual(expect.arrayContaining(['Offline room one', 'Offline room two']));
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
    for (const p of [dana, amara, priya]) {
      const texts = await bodies(p);
      expect(texts.filter((t) => t === 'Offline room one')).toHaveLength(1);
      expect(texts.filter((t) => t === 'Offline room two')).toHaveLength(1);
    }
    await expect
      .poll(() => priya.getByTestId('room-status').last().textContent(), { timeout: 15_000 })
      .toContain('delivered');
  });

  it('pages older room history from the archive after a reload', async () => {
    // A second session of Dana's posts 40 messages: more than one archive page.
    const room = await dana.evaluate(() => decodeURIComponent(location.pathname.split('/').pop()!));
    const { login, xml } = await import('@bleep/prosody-config/test-client');
    const bulk = await login(stack.settings, account(stack, 'dispatcher'));
    await new Promise((r) => setTimeout(r, 500)); // stream management first (DESIGN.md trap)
    const joined = new Promise<void>((resolve) =>
      bulk.on('stanza', ((el: { name: string; attrs: Record<string, string>; toString(): string }) => {
        if (el.name === 'presence' && el.toString().includes('code="110"')) resolve();
      }) as never),
    );
    await bulk.send(
      xml('presence', { to: `${room}/Dana desk` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })),
    );
    await joined;
    const sent = Array.from({ length: 40 }, (_, i) => `Bulk ${i + 1}`);
    for (const [i, body] of sent.entries())
      await bulk.send(xml('message', { to: room, type: 'groupchat', id: `bulk-${i}` }, xml('body', {}, body)));
    await expect.poll(async () => (await bodies(dana)).at(-1), { timeout: 20_000 }).toBe('Bulk 40');
    await bulk.stop();

    await amara.reload();
    await signIn(amara, stack, 'doctor1');
    await entry(amara).click();
    await expect.poll(async () => (await bodies(amara)).at(-1), { timeout: 15_000 }).toBe('Bulk 40');
    // The newest page first: the start of the conversation is not there yet.
    expect(await bodies(amara)).not.toContain('Handover at 7, bay 3');
    for (let i = 0; i < 10 && (await amara.getByTestId('room-load-older').count()) > 0; i++) {
      await amara.getByTestId('room-load-older').click();
      await new Promise((r) => setTimeout(r, 300));
    }
    const texts = await bodies(amara);
    expect(texts[0]).toBe('Handover at 7, bay 3');
    expect(texts.filter((t) => t.startsWith('Bulk '))).toEqual(sent);
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
    await amara.screenshot({ path: join(SHOTS, 'room-history.png') });
  });

  it('notifies of room messages in the background, without the text by default', async () => {
    await backHome(priya);
    await recordNotifications(priya);
    await openSettings(priya);
    await priya.getByTestId('notify-enable').click();
    await dana.getByTestId('room-composer').fill('Bed 9 has a fever of 39.5');
    await dana.getByTestId('room-send').click();
    await expect
      .poll(() => notes(priya), { timeout: 15_000 })
      .toEqual([{ title: 'New message from Dana Reyes in Bay 3 handover', body: 'Open Bleep to read it.' }]);
  });

  it('keeps people who were not added out of the members-only room', async () => {
    const room = await dana.evaluate(() => decodeURIComponent(location.pathname.split('/').pop()!));
    expect(room).toMatch(/^bay-3-handover-.+@conference\./);
    // doctor2 was never added: Prosody refuses the join (registration-required).
    const { login, xml } = await import('@bleep/prosody-config/test-client');
    const outsider = await login(stack.settings, account(stack, 'doctor2'));
    for (
      let i = 0;
      i < 100 && !(outsider as unknown as { streamManagement: { enabled: boolean } }).streamManagement.enabled;
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    const refused = new Promise<string>((resolve) =>
      outsider.on('stanza', ((el: { name: string; attrs: Record<string, string>; toString(): string }) => {
        if (el.name === 'presence' && el.attrs.type === 'error') resolve(el.toString());
      }) as never),
    );
    await outsider.send(
      xml('presence', { to: `${room}/Jonas` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })),
    );
    expect(await refused).toContain('registration-required');
    await outsider.stop();
  });

  it("moves a person's department room with the directory: the new one appears; the old one, which she left last, stays retired and read-only", async () => {
    await priya.goto(stack.url); // home, signed in again with this device's token
    await priya.locator('[data-testid="room"]', { hasText: 'Emergency' }).waitFor({ timeout: 15_000 });
    const { login, runCommand } = await import('@bleep/prosody-config/test-client');
    const admin = await login(stack.settings, account(stack, 'admin'));
    await new Promise((r) => setTimeout(r, 500)); // stream management first (DESIGN.md trap)
    const nurse = account(stack, 'nurse');
    const saved = await runCommand(admin, stack.settings.opsHost, 'directory-edit', {
      jid: nurse.jid,
      name: nurse.name,
      roles: ['nurse'],
      department: 'Cardiology',
      extension: '',
    });
    await admin.stop();
    expect(saved.attrs.type).toBe('result');
    await priya.locator('[data-testid="room"]', { hasText: 'Cardiology' }).waitFor({ timeout: 15_000 });
    // Nobody works in Emergency any more: its room is retired, never destroyed, and she keeps it to read.
    const retired = priya.locator('[data-testid="room"]', { hasText: 'Retired · Emergency' });
    await retired.waitFor({ timeout: 15_000 });
    // Still hers on every device: a reload keeps it, read-only, with the room's last message saying why.
    await priya.reload();
    await priya.locator('[data-testid="room"]', { hasText: 'Cardiology' }).waitFor({ timeout: 15_000 });
    await retired.click();
    await expect
      .poll(() => priya.getByTestId('room-read-only').textContent(), { timeout: 15_000 })
      .toBe('This room is read only: its history is kept for you to read.');
    expect(await priya.getByTestId('room-composer').count()).toBe(0);
    await expect
      .poll(async () => (await bodies(priya)).at(-1), { timeout: 15_000 })
      .toBe('Nobody works in this department any more; this room is kept read-only for its history.');
    await priya.screenshot({ path: join(SHOTS, 'room-department-retired.png') });
  });
});
