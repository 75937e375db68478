// Issue #3: a room conversation with three members, in three browsers. The
// dispatcher creates a members-only room with two colleagues; they are
// invited and join; everyone sees everyone's messages with sender names.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
const browsers: Browser[] = [];
let dana: Page;
let amara: Page;
let priya: Page;

beforeAll(async () => {
  stack = await startTestStack();
  const pages: Page[] = [];
  for (const user of ['dispatcher', 'doctor1', 'nurse']) {
    const b = await openBrowser(stack.settings.tls.cert);
    browsers.push(b);
    const p = await b.context.newPage();
    await signIn(p, stack, user);
    pages.push(p);
  }
  [dana, amara, priya] = pages as [Page, Page, Page];
});

afterAll(async () => {
  for (const b of browsers) await b.close();
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
    await dana.getByTestId('room-new').click();
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
    await dana.getByTestId('room-composer').fill('Handover at 7, bay 3');
    await dana.getByTestId('room-send').click();
    await amara.getByTestId('room-composer').fill('I will be there');
    await amara.getByTestId('room-send').click();
    await priya.getByTestId('room-composer').fill('Bed 12 needs a drip check');
    await priya.getByTestId('room-send').click();

    const all = ['Handover at 7, bay 3', 'I will be there', 'Bed 12 needs a drip check'];
    for (const p of [dana, amara, priya]) await expect.poll(() => bodies(p), { timeout: 15_000 }).toEqual(all);
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
});
