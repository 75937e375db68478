// The open incidents on the dispatcher's map (issue #10, part 5), on a real
// Prosody and the component (SQLite, and PostgreSQL in int-pg): an incident
// raised at a site room is listed there, one raised where nothing matches
// takes the trigger’s shared GPS position (and one with no place given tells
// responders the building that GPS point is in), a resolved one leaves the list,
// dispatchers are told of an incident opened or resolved as it happens, and
// a nurse may not read the list nor is told.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as A,
  ALARM_RAISED_FIELDS as R,
  COMMANDS,
  DIRECTORY_FIELDS as D,
  INCIDENT_FIELDS as I,
  LOCATION_NODE,
  NS_ALARM,
  NS_ALARM_INCIDENTS_CHANGE,
  NS_COMMANDS,
  NS_GEOLOC,
  NS_PUBSUB,
  NS_STANZAS,
  OPEN_INCIDENT_FIELDS as F,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, nextStanza, runCommand, startHarness, tableRows, xml, type Harness } from '../test-support.ts';
import { responders } from './test-staff.ts';

let h: Harness;
let ops: string;
let nurse: Client;
let dispatcher: Client;
let doctor: Client;

beforeAll(async () => {
  // One responder on duty (the doctor), to read the alarm a GPS-only trigger sends.
  h = await startHarness({ staff: responders(['anaes', 'nurse2', 'nurse3']) });
  ops = h.prosody.settings.opsHost;
  [nurse, dispatcher, doctor] = (await Promise.all(['nurse', 'dispatcher', 'doctor'].map((u) => h.login(u)))) as [
    Client,
    Client,
    Client,
  ];
  await runCommand(nurse, ops, COMMANDS.duty, { [D.onDuty]: 'true' });
  // Available, so that alarms to the doctor's bare JID reach this session (RFC 6121 §8.5.2).
  await doctor.send(xml('presence'));
});
afterAll(() => h?.stop());

const raise = async (location: string) => {
  const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, { [A.preset]: 'code-blue', [A.location]: location });
  const x = reply.getChild('command')!.getChild('x')!;
  return Object.fromEntries(x.getChildren('field').map((f) => [f.attrs.var!, f.getChildText('value') ?? '']));
};
const list = async (who: Client) => {
  // One step: the table comes with the answer to execute.
  const reply = await exchange(
    who,
    xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node: ALARM_COMMANDS.alarmIncidents })),
  );
  return { reply, rows: reply.attrs.type === 'result' ? tableRows(reply) : [] };
};
const one = (rows: Record<string, string[]>[], id: string) =>
  Object.fromEntries(Object.entries(rows.find((r) => r[F.incident]?.[0] === id) ?? {}).map(([k, v]) => [k, v[0]]));

/** The nurse shares GPS (XEP-0080): a point inside the demo site's South wing, ±12 m. */
async function shareGps() {
  const geoloc = xml(
    'geoloc',
    { xmlns: NS_GEOLOC },
    xml('lat', {}, '52.0011'),
    xml('lon', {}, '4.3641'),
    xml('accuracy', {}, '12'),
    xml('timestamp', {}, new Date().toISOString()),
  );
  const published = await exchange(
    nurse,
    xml(
      'iq',
      { type: 'set', to: ops },
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: LOCATION_NODE }, xml('item', {}, geoloc))),
    ),
  );
  expect(published.attrs.type).toBe('result');
}

it('lists an incident raised at a site room at that room, and one raised elsewhere at the trigger’s GPS position', async () => {
  // Shared in the car park; nothing in the site model is called that.
  await shareGps();
  const icu = await raise('North wing · Floor 1 · ICU');
  const carPark = await raise('Car park');

  const { rows } = await list(dispatcher);
  expect(rows.map((r) => r[F.incident]![0])).toEqual([carPark[R.incident], icu[R.incident]]);
  expect(one(rows, icu[R.incident]!)).toMatchObject({
    [F.room]: icu[R.room],
    [F.colour]: '#1d4ed8',
    [F.location]: 'North wing · Floor 1 · ICU',
    [F.building]: 'north',
    [F.floor]: 'n1',
    [F.place]: 'n1-3',
    [F.lat]: '',
  });
  expect(one(rows, icu[R.incident]!)[F.name]).toMatch(/^Code Blue · North wing · Floor 1 · ICU · \d\d:\d\d$/);
  expect(one(rows, carPark[R.incident]!)).toMatchObject({
    [F.location]: 'Car park',
    [F.lat]: '52.0011',
    [F.lon]: '4.3641',
    [F.building]: '',
  });

  // Resolved, it leaves the map.
  const done = await runCommand(nurse, ops, ALARM_COMMANDS.alarmResolve, {
    [I.incident]: icu[R.incident]!,
    [I.outcome]: 'false alarm',
  });
  expect(done.attrs.type).toBe('result');
  expect((await list(dispatcher)).rows.map((r) => r[F.incident]![0])).toEqual([carPark[R.incident]]);
});

it('tells responders the building a GPS-only trigger is in, not "place not given"', async () => {
  await shareGps();
  // The alarm goes out before the trigger's answer: kept from now, then picked by its incident.
  const seen: XmlElement[] = [];
  const keep = (el: XmlElement) => el.getChild('alarm', NS_ALARM) && seen.push(el);
  doctor.on('stanza', keep);
  const gpsOnly = await raise('');
  const mine = (el: XmlElement) => el.getChild('alarm', NS_ALARM)?.attrs.incident === gpsOnly[R.incident];
  const got = seen.find(mine) ?? (await nextStanza(doctor, mine));
  doctor.removeListener('stanza', keep);
  const where = 'South wing (from GPS, ±12 m)';
  expect(got.getChild('alarm', NS_ALARM)!.attrs.location).toBe(where);
  expect(got.getChildText('body')).toContain(`CODE BLUE · ${where.toUpperCase()}.`);
  expect(got.getChildText('body')).not.toMatch(/place not given/i);
  // The incident room's name, as the dispatcher's list shows it.
  const row = one((await list(dispatcher)).rows, gpsOnly[R.incident]!);
  expect(row[F.name]).toMatch(/^Code Blue · South wing \(from GPS, ±12 m\) · \d\d:\d\d$/);
  expect(row).toMatchObject({ [F.location]: where, [F.lat]: '52.0011', [F.building]: '' });
});

/** The next change of the open incidents pushed to `who` (protocol/README.md, "Preset alarms"). */
const change = (who: Client, kind: string) =>
  nextStanza(
    who,
    (el) => el.name === 'message' && el.getChild('incidents', NS_ALARM_INCIDENTS_CHANGE)?.attrs.change === kind,
  );

it('tells a dispatcher at once when an incident opens, with its row, and when it is resolved, with none', async () => {
  // Online (available), as the PWA is: a headline reaches available resources only.
  for (const c of [dispatcher, nurse]) await c.send(xml('presence'));
  const told: XmlElement[] = [];
  const nurseTold = (el: XmlElement) => el.getChild('incidents', NS_ALARM_INCIDENTS_CHANGE) && told.push(el);
  nurse.on('stanza', nurseTold);
  const opened = change(dispatcher, 'opened');
  const ward = await raise('Ward 9');
  const msg = await opened;
  expect(msg.attrs).toMatchObject({ type: 'headline', from: `alarms@${ops}` });
  const payload = msg.getChild('incidents', NS_ALARM_INCIDENTS_CHANGE)!;
  expect(payload.attrs.incident).toBe(ward[R.incident]);
  const rows = tableRows(xml('iq', {}, xml('command', { xmlns: NS_COMMANDS }, payload.getChild('x')!)));
  expect(one(rows, ward[R.incident]!)).toMatchObject({ [F.room]: ward[R.room], [F.location]: 'Ward 9' });

  const resolved = change(dispatcher, 'resolved');
  await runCommand(nurse, ops, ALARM_COMMANDS.alarmResolve, { [I.incident]: ward[R.incident]!, [I.outcome]: 'done' });
  const gone = (await resolved).getChild('incidents', NS_ALARM_INCIDENTS_CHANGE)!;
  expect(gone.attrs.incident).toBe(ward[R.incident]);
  expect(gone.getChild('x')!.getChildren('item')).toEqual([]);
  nurse.removeListener('stanza', nurseTold);
  expect(told).toEqual([]);
});

it('refuses the list to a nurse, saying who may read it', async () => {
  const { reply } = await list(nurse);
  const error = reply.getChild('error') as XmlElement;
  expect(error.getChild('forbidden', NS_STANZAS)).toBeDefined();
  expect(error.getChildText('text', NS_STANZAS)).toMatch(/^Only dispatchers and admins may run "/);
});
