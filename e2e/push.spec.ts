// Issue #12: a Web Push delivered to Bleep's service worker (DevTools
// protocol ServiceWorker.deliverPushMessage, as the push service would) shows
// the right notification: who wrote (never the text), one per conversation;
// an alarm that stays until acted on; a request's button answers it through
// the app's origin without opening the app, and so does a real alarm's
// Acknowledge; the app badge follows the notifications shown; pushes at once are all kept. The payloads are the component's
// own (protocol PushPayload; component/src/push/push.int.test.ts has them come
// through Prosody and a push endpoint).
import { COMMANDS, NS_COMMANDS, NS_DATA, REQUEST_FIELDS as F, type PushPayload } from '@bleep/protocol';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerTokens } from '../component/src/responses/token.ts';
import { openBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

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
  icon: string;
}
/** What the test added to the worker (watchWorker). */
interface Watched {
  pushesSeen: number;
  notifications(tag?: string): Promise<Notification[]>;
}
const worker = () => browser.context.serviceWorkers()[0]!;

/** The notifications on display, as the worker lists them (watchWorker: never while one is still being shown). */
const shown = () =>
  worker().evaluate(async () =>
    (await (self as unknown as Watched).notifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      requireInteraction: n.requireInteraction,
      icon: n.icon,
    })),
  ) as Promise<Shown[]>;

const deliver = (p: PushPayload) =>
  cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(page.url()).origin,
    registrationId,
    data: JSON.stringify(p),
  });

/** How many pushes reached the worker: counted by a listener the test adds (watchWorker). */
const pushesSeen = () => worker().evaluate(() => (self as unknown as Watched).pushesSeen);

/**
 * Adds to the worker a count of the pushes it received and `notifications()`, which lists the notifications only once
 * no showNotification() call of the worker is still under way. Why: Chromium's getNotifications() deletes the stored
 * record of every notification it was not told is on display, and one whose record is written but whose display is
 * not done yet is such a one; deleted, it is never listed again
 * (https://source.chromium.org/chromium/chromium/src/+/main:content/browser/notifications/platform_notification_context_impl.cc,
 * DoReadAllNotificationDataForServiceWorkerRegistration). That was the first-push flake: the test polled from the
 * page as soon as the pushes had arrived, and a session's first showNotification is slow (11-103 ms here, median 29,
 * against 4-10 ms for a later one: Chromium creates its notification database then), so now and then the first poll
 * fell between the write and the display. In each of the 11 failing runs of 27 (the first test alone, load 15-18) the
 * page's first getNotifications() was called before the worker's showNotification() resolved, and a later push of
 * the same tag was listed again. The pushes are counted to tell a lost push from a lost notification.
 */
async function watchWorker(): Promise<void> {
  await worker().evaluate(() => {
    const sw = self as unknown as Watched & {
      registration: ServiceWorkerRegistration;
      addEventListener(t: string, f: () => void): void;
    };
    sw.pushesSeen = 0;
    sw.addEventListener('push', () => void (sw.pushesSeen += 1));
    const showing = new Set<Promise<void>>();
    const proto = Object.getPrototypeOf(sw.registration) as ServiceWorkerRegistration;
    const show = proto.showNotification;
    proto.showNotification = function (this: ServiceWorkerRegistration, ...args) {
      const p = show.apply(this, args);
      const settled = p.then(
        () => {},
        () => {},
      );
      showing.add(settled);
      void settled.then(() => showing.delete(settled));
      return p;
    };
    sw.notifications = async (tag) => {
      while (showing.size) await Promise.all(showing);
      // Called in the same task as the check above: no showNotification can start in between.
      return sw.registration.getNotifications(tag ? { tag } : undefined);
    };
  });
}

/** What the browser does when the person taps the notification with `tag` (or one of its buttons). */
const click = (tag: string, action = '') =>
  worker().evaluate(
    async ([t, a]) => {
      // Worker-only names, which the page's DOM types lack.
      const sw = self as unknown as Watched & {
        NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
        dispatchEvent(e: Event): boolean;
      };
      const [n] = await sw.notifications(t!);
      sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: n!, action: a! }));
    },
    [tag, action],
  );

beforeAll(async () => {
  stack = await startTestStack();
  browser = await openBrowser(stack.settings.tls.cert);
  // Allowed before the app and its service worker first run.
  await browser.context.grantPermissions(['notifications'], { origin: new URL(stack.url).origin });
  page = await browser.context.newPage();
  await signIn(page, stack, 'nurse');
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
  await watchWorker();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The app badge as the phone would show it: what the worker last set (the Badging API, recorded from now on). */
async function recordBadge(): Promise<() => Promise<number | undefined>> {
  await worker().evaluate(() => {
    const nav = self.navigator as unknown as Record<string, unknown> & { badge?: number };
    nav.setAppBadge = (n: number) => Promise.resolve(void (nav.badge = n));
    nav.clearAppBadge = () => Promise.resolve(void (nav.badge = 0));
  });
  return () => worker().evaluate(() => (self.navigator as unknown as { badge?: number }).badge);
}

describe('push in the service worker', () => {
  it('shows a message push as who wrote, text hidden, one notification per conversation', async () => {
    const from = `doctor1@${stack.settings.domain}`;
    const before = await pushesSeen();
    await deliver({ kind: 'message', from, name: 'Amara Okafor' });
    await deliver({ kind: 'message', from, name: 'Amara Okafor' });
    await expect.poll(pushesSeen).toBe(before + 2);
    await expect
      .poll(async () => (await shown()).filter((n) => n.tag === `chat:${from}`))
      .toEqual([
        {
          title: 'New message from Amara Okafor',
          body: 'Open Bleep to read it.',
          tag: `chat:${from}`,
          requireInteraction: false,
          icon: expect.stringMatching(/\/icons\/icon-192\.png$/),
        },
      ]);
  });

  it('keeps an alarm on screen until acted on, in its colour; a tap opens the incident', async () => {
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
    // Its icon is in the preset's colour: the pixel at its centre-left, read back in the page.
    const icon = (await shown()).find((n) => n.tag === 'alarm:abcd2345')!.icon;
    const rgb = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return [...g.getImageData(Math.round(img.width / 4), Math.round(img.height / 2), 1, 1).data.slice(0, 3)];
    }, icon);
    expect(rgb).toEqual([0x1d, 0x4e, 0xd8]);
    // Tapping it opens the incident room in the open app. (A dispatched event carries no user activation, so
    // the window's focus() is refused here; the view still changes.)
    await click('alarm:abcd2345');
    await expect
      .poll(() => decodeURIComponent(new URL(page.url()).pathname))
      .toBe(`/room/alarm-abcd2345@${stack.settings.mucHost}`);
  });

  it("answers a request from the notification's button, recorded by the component, without opening a view", async () => {
    const { login, exchange, submitForm, xml } = await import('@bleep/prosody-config/test-client');
    const ops = stack.settings.opsHost;
    const nurse = `nurse@${stack.settings.domain}`;
    // Dr Okafor asks the nurse to accept a patient (the request command's two steps).
    const doctor = await login(stack.settings, account(stack, 'doctor1'));
    const cmd = (attrs: Record<string, string>, x?: Parameters<typeof exchange>[1]) =>
      exchange(
        doctor,
        xml(
          'iq',
          { type: 'set', to: ops },
          xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.request, ...attrs }, ...(x ? [x] : [])),
        ),
        10_000,
      );
    const first = await cmd({ action: 'execute' });
    const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
    await cmd({ sessionid, action: 'next' }, submitForm({ [F.template]: 'accept-patient', [F.people]: [nurse] }));
    const done = await cmd({ sessionid, action: 'complete' }, submitForm({ patient: 'Mr Test', bed: '4' }));
    const id = done
      .getChild('command', NS_COMMANDS)!
      .getChild('x', NS_DATA)!
      .getChildren('field')
      .find((f) => f.attrs.var === 'id')!
      .getChildText('value')!;
    await doctor.stop();
    // The push as the component makes it: its token for this request and the nurse.
    const token = new AnswerTokens(stack.settings.componentSecret).issue({
      request: id,
      by: nurse,
      expires: Date.now() + 60_000,
    });
    await deliver({
      kind: 'request',
      request: `req-${id}@${ops}`,
      title: 'Accept patient',
      from: `doctor1@${stack.settings.domain}`,
      name: 'Dr Amara Okafor',
      choices: [
        { value: 'accept', label: 'Accept' },
        { value: 'decline', label: 'Decline' },
      ],
      answer: token,
    });
    const tag = `request:req-${id}@${ops}`;
    await expect.poll(async () => (await shown()).some((n) => n.tag === tag)).toBe(true);
    // The person taps Accept on the notification: the browser fires notificationclick with that action.
    const url = page.url();
    await click(tag, 'accept');
    // The component's answer replaces the notification; the app did not navigate.
    await expect
      .poll(async () => (await shown()).find((n) => n.tag === tag), { timeout: 15_000 })
      .toMatchObject({ title: 'Answered', body: 'Answered "Accept Patient": Accept.' });
    expect(page.url()).toBe(url);
    // The same origin path refuses a token the component did not issue, in words.
    const refused = await page.evaluate(async () => {
      const body = JSON.stringify({ token: 'x.y', choice: 'accept' });
      const r = await fetch('/push/answer', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: r.status, ...((await r.json()) as object) };
    });
    expect(refused).toMatchObject({ status: 401, ok: false, error: 'bad-token' });
  });

  it('acknowledges a real Code Blue from the notification: recorded by the component, the alarm screen goes', async () => {
    const { login, runCommand } = await import('@bleep/prosody-config/test-client');
    const { ALARM_COMMANDS, ALARM_FIELDS, ALARM_RAISED_FIELDS, PRESET_IDS } = await import('@bleep/protocol');
    const nurse = `nurse@${stack.settings.domain}`;
    // Code Blue reaches the nurses on duty: the nurse goes on duty in the app.
    await page.getByTestId('duty-toggle').check();
    await expect.poll(() => page.getByTestId('duty-toggle').isChecked(), { timeout: 15_000 }).toBe(true);
    // Dr Okafor raises it from another client; the result names the acknowledgement request.
    const doctor = await login(stack.settings, account(stack, 'doctor1'));
    const raised = await runCommand(doctor, stack.settings.opsHost, ALARM_COMMANDS.alarm, {
      [ALARM_FIELDS.preset]: PRESET_IDS.codeBlue,
      // A place of its own: a retry's alarm must not be merged into this attempt's incident (issue #10's merge).
      [ALARM_FIELDS.location]: `Ward 3 bay ${Date.now() % 1000}`,
    });
    await doctor.stop();
    const field = (v: string) =>
      raised
        .getChild('command', NS_COMMANDS)!
        .getChild('x', NS_DATA)!
        .getChildren('field')
        .find((f) => f.attrs.var === v)!
        .getChildText('value')!;
    const [incident, request] = [field(ALARM_RAISED_FIELDS.incident), field(ALARM_RAISED_FIELDS.request)];
    // The open app shows it full screen; the phone in her pocket gets the push as the component makes it.
    await page.getByTestId('alarm-screen').waitFor({ timeout: 15_000 });
    const token = new AnswerTokens(stack.settings.componentSecret).issue({
      request: request.split('@')[0]!.slice('req-'.length),
      by: nurse,
      expires: Date.now() + 60_000,
    });
    await deliver({
      kind: 'alarm',
      incident,
      name: 'Code Blue',
      colour: '#1d4ed8',
      room: field(ALARM_RAISED_FIELDS.room),
      request,
      answer: token,
    });
    const tag = `alarm:${incident}`;
    await expect.poll(async () => (await shown()).some((n) => n.tag === tag)).toBe(true);
    // She taps Acknowledge on the lock screen.
    await click(tag, 'acknowledge');
    await expect
      .poll(async () => (await shown()).find((n) => n.tag === tag), { timeout: 15_000 })
      .toMatchObject({ title: 'Answered', body: expect.stringMatching(/Acknowledge/) });
    // The component recorded it: the app shows an alarm only while it has no answer of hers, so it goes.
    await expect.poll(() => page.getByTestId('alarm-screen').count(), { timeout: 15_000 }).toBe(0);
  });

  it('keeps the app badge at the number of notifications; a tap opens that chat and takes one off', async () => {
    const badge = await recordBadge();
    const count = async () => (await shown()).length;
    const from = `doctor2@${stack.settings.domain}`;
    await deliver({ kind: 'message', from, name: 'Dr Jonas Weber' });
    await expect.poll(async () => (await shown()).some((n) => n.tag === `chat:${from}`)).toBe(true);
    const before = await count();
    expect(before).toBeGreaterThan(1);
    await expect.poll(badge).toBe(before);
    await click(`chat:${from}`);
    // The tap opens that conversation in the open app.
    await expect.poll(() => decodeURIComponent(new URL(page.url()).pathname)).toBe(`/chat/${from}`);
    await expect.poll(count).toBe(before - 1);
    await expect.poll(badge).toBe(before - 1);
  });

  it('keeps every one of several pushes at once: each still listed afterwards, all counted on the badge', async () => {
    // Six colleagues write at the same moment. The worker's badge update after one notification used to list while
    // the next was still being shown, and Chromium then dropped that one's record (sw/shown-notifications.ts): it
    // was no longer listed or counted, and a tap on it would no longer reach the worker.
    const badge = await recordBadge();
    const before = (await shown()).length;
    const seen = await pushesSeen();
    const from = [1, 2, 3, 4, 5, 6].map((i) => `colleague${i}@${stack.settings.domain}`);
    await Promise.all(from.map((f, i) => deliver({ kind: 'message', from: f, name: `Colleague ${i + 1}` })));
    await expect.poll(pushesSeen).toBe(seen + from.length);
    const tags = (await shown()).map((n) => n.tag);
    expect(from.map((f) => `chat:${f}`).filter((t) => !tags.includes(t))).toEqual([]);
    await expect.poll(badge).toBe(before + from.length);
  });
});
