// Runs one step of a component command over the signed-in stream: the parsed
// step, or a throw with the component's refusal (refusalText reads it) or OFFLINE.
import type { XmlElement } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { parseStep, type CommandStep } from './command.ts';

export const OFFLINE = 'You are offline.';

export function useCommands() {
  const connection = useConnection();
  /** `timeout`: how long to wait for the answer (ms; the IQ default when left out). */
  return async function run(iq: (ops: string) => XmlElement, timeout?: number): Promise<CommandStep> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!client || !ops || connection.state !== 'online') throw new Error(OFFLINE);
    const step = parseStep(await request(client, iq(ops), timeout));
    if (step instanceof Error) throw step;
    return step;
  };
}
