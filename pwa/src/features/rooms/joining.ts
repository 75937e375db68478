// Getting into a room (XEP-0045 §7.2): one join at a time per room, resolved
// when the room sends the user's own presence back (status 110) or refuses.
// The nick is the account's own name (its local part), unique per account, so
// two people with the same display name both get in; if someone else holds it
// anyway (409 conflict), the next one is tried.
import type { Client } from '@xmpp/client';
import { joinPresence } from './codec.ts';

const JOIN_TIMEOUT_MS = 15_000;
const MAX_NICKS = 5;

/** The account's nick: 'nurse' for nurse@h.example; 'nurse-2', 'nurse-3' … if taken. */
export const nickFor = (account: string, attempt = 0) =>
  `${account.split('@')[0]}${attempt > 0 ? `-${attempt + 1}` : ''}`;

export type JoinOutcome = 'in' | 'created' | 'refused';

export function joiner(client: () => Client | null, account: () => string) {
  const waiting = new Map<string, { attempt: number; done: (o: JoinOutcome) => void }>();

  function send(room: string, attempt: number): void {
    void client()
      ?.send(joinPresence(room, nickFor(account(), attempt)))
      .catch(() => {});
  }

  return {
    join(room: string): Promise<JoinOutcome> {
      if (!client()) return Promise.resolve('refused');
      const outcome = new Promise<JoinOutcome>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(room);
          resolve('refused');
        }, JOIN_TIMEOUT_MS);
        waiting.set(room, {
          attempt: 0,
          done: (o) => {
            clearTimeout(timer);
            waiting.delete(room);
            resolve(o);
          },
        });
      });
      send(room, 0);
      return outcome;
    },
    /** The room let us in. */
    entered(room: string, created: boolean): void {
      waiting.get(room)?.done(created ? 'created' : 'in');
    },
    /** The room refused; true when another nick is being tried instead. */
    refused(room: string, condition: string): boolean {
      const w = waiting.get(room);
      if (w && condition === 'conflict' && w.attempt + 1 < MAX_NICKS) {
        send(room, ++w.attempt);
        return true;
      }
      w?.done('refused');
      return false;
    },
    clear: () => waiting.clear(),
  };
}
