// For integration tests: a real Prosody from the runner (on SQLite, or on a
// throwaway PostgreSQL database in the int-pg project), the component on it,
// and the demo-like directory.
import { NS_COMMANDS, NS_DATA, NS_STANZAS } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { exchange, login, submitForm, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { Writable } from 'node:stream';
import { startComponent, type RunningComponent, type Service } from './index.ts';
import type { Limits } from './config.ts';
import { createLogger, type Logger } from './log.ts';

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
  /** Stops the component and starts it again on the same settings and data (Prosody keeps running); `whileAway` runs in between. */
  restartComponent(whileAway?: () => Promise<void>): Promise<RunningComponent>;
  stop(): Promise<void>;
}

/** A test account and its directory entry (no name: not in the directory). */
export interface StaffMember {
  readonly user: string;
  readonly password: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly onDuty?: boolean;
}

export async function startHarness(
  opts: {
    logger?: Logger;
    services?: readonly Service[];
    settings?: Record<string, string>;
    /** Accounts beside STAFF (alarm responders, say). */
    staff?: readonly StaffMember[];
    limits?: Partial<Limits>;
  } = {},
): Promise<Harness> {
  const staff: readonly StaffMember[] = [...STAFF, ...(opts.staff ?? [])];
  // settingsEnv: the .env the settings commands' CLI reads on Prosody's side (prosody/modules/mod_bleep_settings.lua).
  const prosody = await startTestProsody({ overrides: opts.settings, accounts: [...staff], settingsEnv: true });
  const s = prosody.settings;
  const seed = staff.filter((p) => p.name).map((p) => ({ ...p, jid: `${p.user}@${s.domain}` }));
  const component = await startComponent({
    settings: s,
    seed,
    logger: opts.logger ?? createLogger('silent'),
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const clients: Client[] = [];
  const h: Harness = {
    prosody,
    component,
    async restartComponent(whileAway) {
      await h.component.stop();
      await whileAway?.();
      h.component = await startComponent({ settings: s, logger: opts.logger ?? createLogger('silent') });
      return h.component;
    },
    async login(user) {
      const c = await login(
        s,
        staff.find((p) => p.user === user)!,
      );
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.stop().catch(() => {})));
      await h.component.stop();
      await prosody.stop();
    },
  };
  return h;
}

// XEP-0050 and IQ helpers live with the test client, for the e2e suite too.
export { exchange, nextStanza, runCommand, submitForm, xml } from '@bleep/prosody-config/test-client';

/**
 * Runs a three-step admin editor (alarm-preset-edit, template-edit): `first` picks what to edit, then the
 * prefilled form comes back and is submitted with `change` applied. The reply is the refusal of the first step
 * when there is one; `prefilled` is the form's values as the component gave them.
 */
export async function editWithForm(
  c: Client,
  to: string,
  node: string,
  first: Record<string, string>,
  change: (v: Record<string, string[]>) => void,
): Promise<{ reply: XmlElement; prefilled?: Record<string, string[]> }> {
  const command = (attrs: Record<string, string>, x?: XmlElement) =>
    xml('iq', { type: 'set', to }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));
  const opened = await exchange(c, command({ action: 'execute' }));
  if (opened.attrs.type === 'error') return { reply: opened };
  const sessionid = opened.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  const form = await exchange(c, command({ sessionid, action: 'next' }, submitForm(first)));
  const values: Record<string, string[]> = {};
  for (const f of form.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!.getChildren('field'))
    if (f.attrs.var !== 'FORM_TYPE') values[f.attrs.var!] = f.getChildren('value').map((v) => v.text());
  const prefilled = structuredClone(values);
  change(values);
  return { prefilled, reply: await exchange(c, command({ sessionid, action: 'complete' }, submitForm(values))) };
}

/** A command's note to the user ('' when none). */
export const noteOf = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.getChildText('note') ?? '';

/** The readable text of an error answer ('' when none). */
export const errorTextOf = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';

/** The rows of a command's result table (XEP-0004 §3.4), each field's values by var. */
export function tableRows(reply: XmlElement): Record<string, string[]>[] {
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return x
    .getChildren('item')
    .map((i) =>
      Object.fromEntries(
        i.getChildren('field').map((f) => [f.attrs.var!, f.getChildren('value').map((v) => v.text())]),
      ),
    );
}

/** A logger whose lines a test can read (warnings and up), to see what an operator would. */
export function memoryLog(level = 'warn'): { logger: Logger; lines(): string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines: () => [...lines] };
}
