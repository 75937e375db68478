// 1:1 conversations: what is theirs alone (message carbons for the user's
// other devices) and the list of them; the conversations themselves, their
// history, receipts and read markers are the messages feature's.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { instant } from '../../xmpp/stamp.ts';
import { useMessages } from '../messages/index.ts';
import { enableCarbons } from './codec.ts';

export const useChat = defineStore('chat', () => {
  const connection = useConnection();
  const messages = useMessages();

  connection.onReady((client) => void request(client, enableCarbons()).catch(() => {}));

  /** Chats with at least one message, the most recent first. */
  const list = computed(() =>
    [...messages.conversations.values()]
      .filter((c) => c.type === 'chat' && c.lines.length > 0)
      .sort((a, b) => instant(b.lines.at(-1)!.at) - instant(a.lines.at(-1)!.at)),
  );

  return { list };
});
