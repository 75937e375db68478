// Wires chats and rooms to notifications: a new message while the app is in the background.
import type { App } from 'vue';
import type { Router } from 'vue-router';
import { useChat } from '../features/chat/chat.store.ts';
import { useDirectory } from '../features/directory/directory.store.ts';
import { useNotify } from '../features/notify/notify.store.ts';
import { useRooms } from '../features/rooms/rooms.store.ts';

export function notifications(router: Router) {
  return {
    install(_app: App): void {
      const notify = useNotify();
      const directory = useDirectory();
      useChat().onIncoming((line) =>
        notify.message(
          directory.nameOf(line.peer),
          line.body,
          () => void router.push(`/chat/${encodeURIComponent(line.peer)}`),
        ),
      );
      useRooms().onIncoming((room, line) =>
        notify.message(
          `${line.from ? directory.nameOf(line.from) : line.nick} in ${room.name}`,
          line.body,
          () => void router.push(`/room/${encodeURIComponent(room.jid)}`),
        ),
      );
    },
  };
}
