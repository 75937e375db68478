// The worker's notifications: shown, and listed (to count them on the app
// badge) only once none of its own is still being shown. Why: Chromium's
// getNotifications() deletes the stored record of every notification it was
// not told is on display, and one whose showNotification() is still under way
// (recorded, not displayed yet) is such a one. It stays on screen, but it is
// no longer listed or counted, and Chromium reads that record to hand a tap
// or a button to the worker, so by its code a Code Blue's Acknowledge would
// do nothing. Several pushes at once were enough: one push's badge update
// listed while the next was being shown (e2e push.spec: 6 at once lost 4).
// https://source.chromium.org/chromium/chromium/src/+/main:content/browser/notifications/platform_notification_context_impl.cc
// (DoReadAllNotificationDataForServiceWorkerRegistration; notification_event_dispatcher_impl.cc reads the record).

type Registration = Pick<ServiceWorkerRegistration, 'showNotification' | 'getNotifications'>;

export interface ShownNotifications {
  show(title: string, options: NotificationOptions): Promise<void>;
  list(): Promise<Notification[]>;
}

export function shownNotifications(registration: Registration): ShownNotifications {
  const showing = new Set<Promise<void>>();
  return {
    show(title, options) {
      const shown = registration.showNotification(title, options);
      const settled = shown.catch(() => {});
      showing.add(settled);
      void settled.then(() => showing.delete(settled));
      return shown;
    },
    async list() {
      while (showing.size) await Promise.all(showing);
      // In the same task as the check above: no show of ours can start in between.
      return registration.getNotifications();
    },
  };
}
