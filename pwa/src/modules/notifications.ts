// Wires conversations to notifications: a new message while the app is in the background,
// and a click on a push notification (the service worker asks this window to open its view).
import type { App } from 'vue';
import type { Router } from 'vue-router';
import { preview, useMessages } from '../features/messages/index.ts';
import { useDirectory } from '../features/directory/index.ts';
import { useNotify } from '../features/notify/index.ts';

export function notifications(router: Router) {
  return {
    install(_app: App): void {
      // A click on a push notification (sw/push.ts) opens its view in this window.
      navigator.serviceWorker?.addEventListener('message', (e: MessageEvent<{ type?: string; url?: string }>) => {
        const url = e.data?.type === 'OPEN' ? e.data.url : undefined;
        if (url?.startsWith('/') && !url.startsWith('//')) void router.push(url);
      });
      const notify = useNotify();
      const directory = useDirectory();
      useMessages().onIncoming((c, line) => {
        const who = line.from ? directory.nameOf(line.from) : line.nick;
        const path = `/${c.type === 'chat' ? 'chat' : 'room'}/${encodeURIComponent(c.jid)}`;
        notify.message(
          c.type === 'chat' ? who : `${who} in ${c.name}`,
          preview(line.content),
          () => void router.push(path),
        );
      });
    },
  };
}
