// Issue #12: a Web Push delivered to Bleep's service worker (DevTools
// protocol ServiceWorker.deliverPushMessage, as the push service would) shows
// the right notification: who wrote (never the text), one per conversation;
// an alarm that stays until acted on. The payloads are the component's own
// (protocol PushPayload; component/src/push/push.int.test.ts has them come
// through Prosody and a push endpoint).
import type { PushPayload } from '@bleep/protocol';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/sign-in.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let registrationId = '';

interface Shown {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
}
const shown = () =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      requireInteraction: n.requireInteraction,
    })),
  ) as Promise<Shown[]>;

const deliver = (p: PushPayload) =>
  cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(page.url()).origin,
    registrationId,
    data: JSON.stringify(p),
  });

beforeAll(async () => {
  stack = await startTestStack();
  browser = await openBrowser(stack.settings.tls.cert);
  page = await browser.context.newPage();
  await signIn(page, stack, 'nurse');
  await browser.context.grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => {}));
  cdp = await browser.context.newCDPSession(page);
  const found = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const r = registrations.find((x) => x.scopeURL.startsWith(new URL(page.url()).origin) && !x.isDeleted);
      if (r) resolve(r.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  registrationId = await found;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('push in the service worker', () => {
  it('shows a message push as who wrote, text hidden, one notification per conversation', async () => {
    const from = `doctor1@${stack.settings.domain}`;
    await deliver({ kind: 'message', from, name: 'Amara Okafor' });
    await deliver({ kind: 'message', from, name: 'Amara Okafor' });
    await expect
      .poll(async () => (await shown()).filter((n) => n.tag === `chat:${from}`))
      .toEqual([
        {
          title: 'New message from Amara Okafor',
          body: 'Open Bleep to read it.',
          tag: `chat:${from}`,
          requireInteraction: false,
        },
      ]);
  });

  it('keeps an alarm on screen until acted on', async () => {
    await deliver({
      kind: 'alarm',
      incident: 'abcd2345',
      name: 'Code Blue',
      colour: '#1d4ed8',
      room: `alarm-abcd2345@${stack.settings.mucHost}`,
      request: '',
    });
    await expect
      .poll(async () => (await shown()).find((n) => n.tag === 'alarm:abcd2345'))
      .toMatchObject({ title: 'CODE BLUE', requireInteraction: true });
  });
});
