// Runs one step of a component command over the signed-in stream: the parsed
// step, or a throw with the component's refusal (refusalText reads it) or OFFLINE.
// Every step passes here, so here the page keeps its open sessions, to cancel
// them when it goes away (open-sessions.ts).
import type { Client, XmlElement } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { parseStep, serviceAway, type CommandStep } from './command.ts';
import { OpenSessions } from './open-sessions.ts';

export const OFFLINE = 'You are offline.';

/** Nothing was done, and the same step can simply be sent again later: no stream, or the service away (serviceAway). */
export const notNow = (err: unknown): boolean => serviceAway(err) || (err as Error | undefined)?.message === OFFLINE;

/** Each stream's open sessions, cancelled on that page's pagehide. */
const held = new WeakMap<Client, OpenSessions>();

/** The open sessions of `client`'s page; the first call listens for `target`'s pagehide. */
export function openSessions(client: Client, ops: string, target: EventTarget | undefined = globalThis): OpenSessions {
  let open = held.get(client);
  if (!open) {
    const sessions = (open = new OpenSessions());
    held.set(client, sessions);
    target?.addEventListener?.('pagehide', () => sessions.cancelAll(ops, (iq) => void client.send(iq).catch(() => {})));
  }
  return open;
}

export function useCommands() {
  const connection = useConnection();
  /** `timeout`: how long to wait for the answer (ms; the IQ default when left out). */
  return async function run(iq: (ops: string) => XmlElement, timeout?: number): Promise<CommandStep> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!client || !ops || connection.state !== 'online') throw new Error(OFFLINE);
    const open = openSessions(client, ops);
    const sent = iq(ops);
    open.note(sent);
    const step = parseStep(await request(client, sent, timeout));
    if (step instanceof Error) throw step;
    open.note(sent, step);
    return step;
  };
}
