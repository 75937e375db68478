// Who the signed-in user is (name, roles, department), asked of the component
// on every new stream (whoami, protocol/README.md) and kept on the connection
// for every page to read. A bad answer is an error value, shown, never thrown.
import { defineStore } from 'pinia';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { parseWhoAmI, whoamiIq } from './codec.ts';

export const useMe = defineStore('me', () => {
  const connection = useConnection();

  connection.onReady(async (client, config) => {
    try {
      const answer = parseWhoAmI(await request(client, whoamiIq(config.opsHost)));
      if (connection.xmpp !== client) return; // signed out meanwhile
      if (answer instanceof Error) connection.error = answer.message;
      else connection.me = answer;
    } catch {
      connection.error = 'The Bleep service did not answer. Your messages still work; try again later.';
    }
  });

  return {};
});
