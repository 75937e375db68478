// The app icon's badge (Badging API, https://w3c.github.io/badging/) is the
// unread count while the app runs; with the app closed the service worker
// keeps it at the notifications shown (sw/push.ts), and the next time the app
// runs it is the unread count again. Where the browser has no badge (most
// desktops without an installed app), nothing happens.
import { watch, type Ref } from 'vue';

type Badging = { setAppBadge?(n?: number): Promise<void>; clearAppBadge?(): Promise<void> };

export function followAppBadge(unread: Readonly<Ref<number>>, nav: Badging = navigator as Badging): void {
  watch(unread, (n) => void (n > 0 ? nav.setAppBadge?.(n) : nav.clearAppBadge?.())?.catch(() => {}), {
    immediate: true,
  });
}
