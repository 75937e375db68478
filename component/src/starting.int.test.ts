// While the component is connected but its start is not done, a command whose
// service is still starting is refused with a temporary error the clients send
// again (type wait, service-unavailable, Bleep key `starting`, a readable text),
// and answered once it is done. The start is held by a service of the test's
// own (startComponent's `services`), whose start work waits for the test: it
// comes after the alarms and the requests and before the department rooms
// (services.ts), so the alarms and the templates are answered meanwhile, and a
// command that reads the department rooms waits.
import {
  ALARM_COMMANDS,
  COMMANDS,
  NS_BLEEP_ERRORS,
  NS_COMMANDS,
  NS_DISCO_INFO,
  NS_STANZAS,
  TEMPLATE_COMMANDS,
} from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { exchange, login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startComponent, type RunningComponent, type Service } from './index.ts';
import { createLogger } from './log.ts';
import { STAFF } from './test-support.ts';

const PROBE = 'start-probe';
let release!: () => void;
const released = new Promise<void>((r) => (release = r));
let holding!: () => void;
const held = new Promise<void>((r) => (holding = r));
const slowStart: Service = {
  name: 'slow-start',
  register({ commands }) {
    commands.add({ node: PROBE, name: 'Probe', permission: 'staff', run: () => ({ kind: 'done', note: 'answered' }) });
    return {
      online: async () => {
        holding();
        await released;
      },
    };
  },
};

let prosody: RunningProsody;
let starting: Promise<RunningComponent>;
let nurse: Client;
beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [...STAFF] });
  const s = prosody.settings;
  const seed = STAFF.filter((p) => p.name).map((p) => ({ ...p, jid: `${p.user}@${s.domain}` }));
  starting = startComponent({ settings: s, seed, logger: createLogger('silent'), services: [slowStart] });
  starting.catch(() => {}); // awaited in the tests; a failed start fails them there
  nurse = await login(
    s,
    STAFF.find((p) => p.user === 'nurse')!,
  );
});
afterAll(async () => {
  release();
  await nurse?.stop().catch(() => {});
  await (await starting.catch(() => undefined))?.stop();
  await prosody?.stop();
});

const execute = (node: string) =>
  xml(
    'iq',
    { type: 'set', to: prosody.settings.opsHost },
    xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' }),
  );
const elementsOf = (e: XmlElement | undefined) =>
  ((e as unknown as { children?: (XmlElement | string)[] } | undefined)?.children ?? []).filter(
    (c): c is XmlElement => typeof c !== 'string',
  );
function refusal(reply: XmlElement) {
  const e = reply.getChild('error');
  return {
    stanza: reply.attrs.type,
    type: e?.attrs.type,
    condition: elementsOf(e).find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name,
    key: elementsOf(e).find((c) => c.attrs.xmlns === NS_BLEEP_ERRORS)?.name,
    text: e?.getChildText('text', NS_STANZAS),
  };
}
const WAIT = {
  stanza: 'error',
  type: 'wait',
  condition: 'service-unavailable',
  key: 'starting',
  text: 'Bleep is starting; try again in a few seconds.',
};
const status = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.attrs.status;

it('refuses a command of a service still starting with a wait error that says so, and answers it once started', async () => {
  await held;
  expect(refusal(await exchange(nurse, execute(PROBE)))).toEqual(WAIT);
  // The department rename waits for the department rooms (Command.waitsFor), set up last.
  expect(refusal(await exchange(nurse, execute(COMMANDS.directoryRenameDepartment)))).toEqual(WAIT);
  // Meanwhile the alarms (started first), the templates (started before the held service), whoami (the
  // directory has no start work) and disco#info (static) are answered.
  expect(status(await exchange(nurse, execute(COMMANDS.whoami)))).toBe('completed');
  expect(status(await exchange(nurse, execute(ALARM_COMMANDS.alarmPresets)))).toBe('completed');
  expect(status(await exchange(nurse, execute(TEMPLATE_COMMANDS.templates)))).toBe('completed');
  const info = xml('iq', { type: 'get', to: prosody.settings.opsHost }, xml('query', { xmlns: NS_DISCO_INFO }));
  expect((await exchange(nurse, info)).attrs.type).toBe('result');

  release();
  await starting;
  const probe = await exchange(nurse, execute(PROBE));
  expect(probe.attrs.type).toBe('result');
  expect(probe.getChild('command', NS_COMMANDS)?.getChildText('note')).toBe('answered');
  // Now the rename gets its usual answer: the nurse is no directory admin.
  expect(refusal(await exchange(nurse, execute(COMMANDS.directoryRenameDepartment))).key).toBe('not-allowed');
});
