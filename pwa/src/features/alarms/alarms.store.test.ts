// The full-screen alarm's colour with a fake client (issue #10): today's alarm names its preset, not its colour
// (protocol AlarmPayload), so the screen takes the preset's colour as this device keeps it; a preset the device
// has not listed yet (a first sign-in, a new preset) is asked for at once, the alarm red meanwhile.
// And raising with the same fake: an alarm the component could not send out (alarm-not-raised) stays queued.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import {
  ALARM_COMMANDS,
  FORM_ALARM,
  FORM_ALARM_PRESETS,
  FORM_ALARM_RAISED,
  NS_BLEEP_ERRORS,
  NS_COMMANDS,
} from '@bleep/protocol';
import parse from '@xmpp/xml/lib/parse.js';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { useAlarms } from './alarms.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));

const ME = 'anaes@h.example';
/** The golden alarm (protocol/fixtures/alarm-message.xml) on the fake server's domain. */
const alarm = (attrs = '') =>
  parse(
    readFileSync(new URL('../../../../protocol/fixtures/alarm-message.xml', import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim()
      .replaceAll('bleep.localhost', 'h.example')
      .replace('at="', `${attrs} at="`),
  ) as XmlElement;
const CODE_BLUE =
  '<item><field var="id"><value>code-blue</value></field><field var="name"><value>Code Blue</value></field>' +
  '<field var="colour"><value>#1d4ed8</value></field></item>';
const presetsAnswer = (items: string) =>
  parse(
    `<iq type="result"><command xmlns="${NS_COMMANDS}" node="${ALARM_COMMANDS.alarmPresets}" status="completed">` +
      `<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>${FORM_ALARM_PRESETS}</value></field>` +
      `<reported><field var="id"/><field var="name"/></reported>${items}</x></command></iq>`,
  ) as XmlElement;

let kept: Map<string, string>;
/** How often the presets were asked for, what the server lists, and when it answers. */
let asked: number;
let listed: string;
let answered: Promise<void>;

function client(): FakeClient {
  const c = fakeClient(ME);
  c.answer = async (iq) => {
    if (iq.getChild('command', NS_COMMANDS)?.attrs.node !== ALARM_COMMANDS.alarmPresets)
      return xml('iq', { type: 'result' });
    asked++;
    const items = listed;
    await answered;
    return presetsAnswer(items);
  };
  return c;
}

beforeEach(() => {
  kept = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => kept.set(k, v),
    removeItem: (k: string) => kept.delete(k),
  });
  vi.stubGlobal('document', { visibilityState: 'visible' });
  [asked, listed, answered] = [0, '', Promise.resolve()];
  link.reset();
  setActivePinia(createPinia());
});

afterEach(() => vi.unstubAllGlobals());

it('shows an alarm of a preset this device has not listed in the alarm red, asks for the presets, then shows its colour', async () => {
  const alarms = useAlarms();
  await link.ready(client());
  await vi.waitFor(() => expect(asked).toBe(1));
  // The server lists Code Blue from now on, but answers only when told.
  listed = CODE_BLUE;
  let answer = () => {};
  answered = new Promise((r) => (answer = r));
  link.stanza(alarm());
  await vi.waitFor(() => expect(alarms.current?.incident).toBe('k3v7q2ma'));
  expect(alarms.colourOf(alarms.current!)).toBe('#dc2626');
  expect(asked).toBe(2);
  answer();
  await vi.waitFor(() => expect(alarms.colourOf(alarms.current!)).toBe('#1d4ed8'));
  // Known now: its repeat asks nothing more.
  link.stanza(alarm('repeat="1"'));
  await vi.waitFor(() => expect(alarms.current?.repeat).toBe(1));
  expect(asked).toBe(2);
});

it('shows it in its preset’s colour at once from the presets kept on the device, with no answer from the server', async () => {
  kept.set(
    'bleep-alarm-presets',
    JSON.stringify([
      { id: 'code-blue', name: 'Code Blue', colour: '#1d4ed8', icon: 'bell', severity: '', details: [] },
    ]),
  );
  answered = new Promise(() => {});
  const alarms = useAlarms();
  await link.ready(client());
  link.stanza(alarm());
  await vi.waitFor(() => expect(alarms.current?.incident).toBe('k3v7q2ma'));
  expect(alarms.colourOf(alarms.current!)).toBe('#1d4ed8');
  expect(asked).toBe(1);
});

it('keeps an alarm the server could not send out queued under the banner, says so, and sends it again until it goes', async () => {
  const alarms = useAlarms();
  const c = client();
  const presetsOnly = c.answer;
  let completes = 0;
  c.answer = async (iq) => {
    const cmd = iq.getChild('command', NS_COMMANDS);
    if (cmd?.attrs.node !== ALARM_COMMANDS.alarm) return presetsOnly(iq);
    if (cmd.attrs.action === 'execute')
      return parse(
        `<iq type="result"><command xmlns="${NS_COMMANDS}" node="${ALARM_COMMANDS.alarm}" sessionid="s${completes}" status="executing">` +
          `<x xmlns="jabber:x:data" type="form"><field var="FORM_TYPE" type="hidden"><value>${FORM_ALARM}</value></field>` +
          `<field var="preset" type="list-single"/></x></command></iq>`,
      ) as XmlElement;
    // The component's answer when the incident room could not be made (component/src/alarms/unraised.ts).
    if (completes++ === 0)
      throw Object.assign(new Error('internal-server-error'), {
        condition: 'internal-server-error',
        text: 'The alarm did NOT go out: its incident room could not be made, so nobody was alerted.',
        application: xml('alarm-not-raised', { xmlns: NS_BLEEP_ERRORS }),
      });
    return parse(
      `<iq type="result"><command xmlns="${NS_COMMANDS}" node="${ALARM_COMMANDS.alarm}" status="completed">` +
        `<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>${FORM_ALARM_RAISED}</value></field>` +
        '<field var="incident"><value>k3v7q2ma</value></field><field var="room"><value>alarm-k3v7q2ma@conference.h.example</value></field>' +
        '<field var="alerted"><value>3</value></field></x></command></iq>',
    ) as XmlElement;
  };
  await link.ready(c);
  const preset = {
    id: 'code-blue',
    name: 'Code Blue',
    colour: '#1d4ed8',
    icon: 'heart',
    severity: 'critical',
    details: [],
  };
  await alarms.raise(preset as never, { location: 'Ward 3', bed: '', note: '' });
  // Not raised: still queued, the banner's reason and the component's words.
  expect(alarms.waiting.map((a) => a.name)).toEqual(['Code Blue']);
  expect(alarms.waitReason).toBe('not-raised');
  expect(alarms.raiseError).toMatch(/did NOT go out/);
  expect(alarms.raised).toBeNull();
  // Sent again by itself (2 s), the same trigger id: this time it goes, and the queue empties.
  await vi.waitFor(() => expect(alarms.waiting).toEqual([]), { timeout: 6000 });
  expect(completes).toBe(2);
  expect(alarms.raised?.incident).toBe('k3v7q2ma');
  // It went: its "did NOT go out" goes too, rather than standing beside "raised".
  expect(alarms.raiseError).toBe('');
});
