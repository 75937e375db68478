// The full-screen alarm's colour with a fake client (issue #10): today's alarm names its preset, not its colour
// (protocol AlarmPayload), so the screen takes the preset's colour as this device keeps it; a preset the device
// has not listed yet (a first sign-in, a new preset) is asked for at once, the alarm red meanwhile.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { ALARM_COMMANDS, FORM_ALARM_PRESETS, NS_COMMANDS } from '@bleep/protocol';
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
