// For integration tests: a real Prosody from the runner (on SQLite, or on a
// throwaway PostgreSQL database in the int-pg project), the component on it,
// and the demo-like directory.
import { startProsody, testSettings, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { startComponent, type RunningComponent } from './index.ts';
import { createLogger } from './log.ts';

export const STAFF = [
  { user: 'admin', password: 'admin-password-1', name: 'Alex Morgan', roles: [], department: 'IT' },
  {
    user: 'dispatcher',
    password: 'dispatcher-password-1',
    name: 'Dana Reyes',
    roles: ['dispatcher'],
    department: 'Dispatch',
  },
  { user: 'nurse', password: 'nurse-password-1', name: 'Priya Shah', roles: ['nurse'], department: 'Emergency' },
  { user: 'newcomer', password: 'newcomer-password-1', name: '', roles: [], department: '' },
];

export interface Harness {
  prosody: RunningProsody;
  component: RunningComponent;
  login(user: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const prosody = await startProsody({ settings: await testSettings(), accounts: STAFF });
  const s = prosody.settings;
  const seed = STAFF.filter((p) => p.name).map((p) => ({ ...p, jid: `${p.user}@${s.domain}` }));
  const component = await startComponent({ settings: s, seed, logger: createLogger('silent') });
  const clients: Client[] = [];
  return {
    prosody,
    component,
    async login(user) {
      const c = await login(
        s,
        STAFF.find((p) => p.user === user)!,
      );
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.stop().catch(() => {})));
      await component.stop();
      await prosody.stop();
    },
  };
}

/** Sends an IQ and returns the reply, error or not (iqCaller.request throws on errors). */
export async function exchange(client: Client, iq: XmlElement, timeoutMs = 5000): Promise<XmlElement> {
  const id = iq.attrs.id ?? `t${Math.random().toString(36).slice(2)}`;
  iq.attrs.id = id;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${id}`)), timeoutMs);
    client.on('stanza', ((el: XmlElement) => {
      if (el.attrs.id === id && (el.attrs.type === 'result' || el.attrs.type === 'error')) {
        clearTimeout(timer);
        resolve(el);
      }
    }) as never);
    void client.send(iq);
  });
}

export { xml };

const NS_COMMANDS = 'http://jabber.org/protocol/commands';
const NS_DATA = 'jabber:x:data';

/** A data form of type submit with the given field values. */
export function submitForm(fields: Record<string, string | string[]>): XmlElement {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    ...Object.entries(fields).map(([v, vals]) =>
      xml('field', { var: v }, ...[vals].flat().map((val) => xml('value', {}, val))),
    ),
  );
}

/** Runs a two-step XEP-0050 command: execute, then submit the form; returns the last reply. */
export async function runCommand(client: Client, to: string, node: string, fields: Record<string, string | string[]>) {
  const command = (attrs: Record<string, string>, x?: XmlElement) =>
    xml('iq', { type: 'set', to }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));
  const first = await exchange(client, command({ action: 'execute' }));
  if (first.attrs.type === 'error') return first;
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  return exchange(client, command({ sessionid, action: 'complete' }, submitForm(fields)));
}

/** Resolves with the first stanza the client receives that matches. */
export function nextStanza(client: Client, match: (el: XmlElement) => boolean): Promise<XmlElement> {
  return new Promise((resolve) => client.on('stanza', ((el: XmlElement) => match(el) && resolve(el)) as never));
}
