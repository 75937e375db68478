// Wires conversations to notifications: a new message while the app is in the background.
import type { App } from 'vue';
import type { Router } from 'vue-router';
import { preview, useMessages } from '../features/messages/index.ts';
import { useDirectory } from '../features/directory/index.ts';
import { useNotify } from '../features/notify/index.ts';

export function notifications(router: Router) {
  return {
    install(_app: App): void {
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
