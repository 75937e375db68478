// Web Push in the service worker (issue #12): show what the component pushed
// (push-notification.ts), keep the app badge at the number of notifications
// shown, and open the right view on a click (an open window is reused); a
// button answers from the notification itself (push-answer.ts). Every
// notification goes through shown-notifications.ts, which never lists one
// still being shown.
import { alarmIcon } from './alarm-icon.ts';
import { answerFromNotification } from './push-answer.ts';
import { notificationFor, parsePush, type ShownData } from './push-notification.ts';
import { shownNotifications, type ShownNotifications } from './shown-notifications.ts';

type BadgeNavigator = WorkerNavigator & { setAppBadge?(n?: number): Promise<void>; clearAppBadge?(): Promise<void> };

async function updateBadge(self: ServiceWorkerGlobalScope, shown: ShownNotifications): Promise<void> {
  const nav = self.navigator as BadgeNavigator;
  const count = (await shown.list()).length;
  await (count ? nav.setAppBadge?.(count) : nav.clearAppBadge?.())?.catch(() => {});
}

async function open(self: ServiceWorkerGlobalScope, url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const client = windows[0];
  if (!client) return void (await self.clients.openWindow(url));
  // The app routes the path itself (its router listens for this), without a reload that would sign in again;
  // told first, so that a refused focus (no user activation) still leaves the app on the right view.
  client.postMessage({ type: 'OPEN', url });
  await client.focus().catch(() => undefined);
}

export function installPush(self: ServiceWorkerGlobalScope): void {
  const notifications = shownNotifications(self.registration);
  self.addEventListener('push', (event) => {
    const payload = parsePush(event.data?.text());
    // Browsers require every push to show something (userVisibleOnly).
    const shown = payload
      ? notificationFor(payload)
      : { title: 'Bleep', options: { body: 'Something new: open Bleep.', tag: 'bleep', data: { url: '/' } } };
    const show = async () => {
      // An alarm in its preset's colour (alarm-icon.ts).
      const icon = payload?.kind === 'alarm' ? await alarmIcon(payload.colour, shown.options.icon ?? '') : undefined;
      await notifications.show(shown.title, { ...shown.options, ...(icon ? { icon } : {}) });
      await updateBadge(self, notifications);
    };
    event.waitUntil(show());
  });

  self.addEventListener('notificationclick', (event) => {
    const data = (event.notification.data as ShownData | null) ?? { url: '/' };
    const tag = event.notification.tag;
    event.notification.close();
    const clicked = async () => {
      const after = event.action
        ? await answerFromNotification(self.fetch.bind(self), tag, data, event.action)
        : 'open';
      if (after === 'open') await open(self, data.url);
      else await notifications.show(after.title, after.options);
      await updateBadge(self, notifications);
    };
    event.waitUntil(clicked());
  });

  self.addEventListener('notificationclose', (event) => event.waitUntil(updateBadge(self, notifications)));
}
