// Alarm presets on a real Prosody and the component (SQLite, and PostgreSQL
// in int-pg): seeded, listed to staff, edited by admins with every reason
// for a refusal, nothing stored when refused, and the edit audited.
import { ALARM_COMMANDS, NS_COMMANDS, NS_DATA, PRESET_FIELDS as F } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { editWithForm, exchange, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let admin: Client;
let nurse: Client;
let ops: string;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  admin = await h.login('admin');
  nurse = await h.login('nurse');
});
afterAll(() => h?.stop());

const command = (node: string, attrs: Record<string, string>, x?: XmlElement) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));

/** Runs alarm-preset-edit: the id, then the prefilled form with `change` applied. */
const editPreset = (c: Client, id: string, change: (v: Record<string, string[]>) => void) =>
  editWithForm(c, ops, ALARM_COMMANDS.alarmPresetEdit, { [F.id]: id }, change);

async function presets(c: Client) {
  const result = await exchange(c, command(ALARM_COMMANDS.alarmPresets, { action: 'execute' }));
  const x = result.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return x.getChildren('item').map((item) => {
    const row: Record<string, string[]> = {};
    for (const f of item.getChildren('field')) row[f.attrs.var!] = f.getChildren('value').map((v) => v.text());
    return row;
  });
}

const errorText = (el: XmlElement) => el.getChild('error')?.getChildText('text') ?? '';

it('seeds the six presets and lists them to any staff member', async () => {
  const rows = await presets(nurse);
  expect(rows.map((r) => r[F.name]![0]).sort()).toEqual(
    ['Code Blue', 'Fire', 'Mass Casualty', 'Rapid Response', 'Security', 'Stroke Alert'].sort(),
  );
  const blue = rows.find((r) => r[F.id]![0] === 'code-blue')!;
  expect(blue[F.ack]).toEqual(['anaesthesia 1', 'nurse 2']);
  expect(blue[F.ladder]).toEqual(['60 role:doctor', '120 on-duty']);
});

it('lets an admin change a preset, prefilled, and keeps an audit record of it', async () => {
  const { prefilled, reply } = await editPreset(admin, 'code-blue', (v) => {
    v[F.ack] = ['anaesthesia 1', 'nurse 1'];
    v[F.repeat] = ['20'];
  });
  expect(prefilled![F.name]).toEqual(['Code Blue']);
  expect(reply.attrs.type).toBe('result');
  expect(reply.getChild('command', NS_COMMANDS)!.getChildText('note')).toBe('Saved the preset Code Blue.');
  const blue = (await presets(nurse)).find((r) => r[F.id]![0] === 'code-blue')!;
  expect(blue[F.ack]).toEqual(['anaesthesia 1', 'nurse 1']);
  expect(blue[F.repeat]).toEqual(['20']);
  const [record] = await h.component.store.audit.list({ target: 'preset:code-blue', limit: 1 });
  expect(record).toMatchObject({ actor: `admin@${h.prosody.settings.domain}`, action: 'alarm-preset-edit' });
});

it('refuses an invalid preset with every reason, and stores nothing', async () => {
  const before = await presets(nurse);
  const { reply } = await editPreset(admin, 'fire', (v) => {
    v[F.colour] = ['red'];
    v[F.ack] = ['surgeon 1'];
    v[F.ladder] = ['30 role:security', '20 on-duty'];
  });
  expect(reply.attrs.type).toBe('error');
  expect(reply.getChild('error')!.getChild('bad-request')).toBeDefined();
  expect(errorText(reply)).toBe(
    'The preset has problems: Colour: "red" is not a colour like #1d4ed8; ' +
      'Escalation step 2: must come later than the step before (30 s).',
  );
  expect(await presets(nurse)).toEqual(before);
});

it('adds a new preset under a new id', async () => {
  const { prefilled, reply } = await editPreset(admin, 'bomb-threat', (v) => {
    Object.assign(v, {
      [F.name]: ['Bomb Threat'],
      [F.colour]: ['#111827'],
      [F.icon]: ['shield'],
      [F.severity]: ['critical'],
      [F.roles]: ['security'],
      [F.onDutyOnly]: ['true'],
      [F.triggerRoles]: ['dispatcher'],
      [F.details]: ['location', 'note'],
      [F.ack]: ['security 2'],
      [F.ladder]: ['60 on-duty'],
      [F.repeat]: ['30'],
    });
  });
  expect(prefilled![F.name]).toEqual([]);
  expect(reply.getChild('command', NS_COMMANDS)?.getChildText('note')).toBe('Added the preset Bomb Threat.');
  expect((await presets(nurse)).find((r) => r[F.id]![0] === 'bomb-threat')?.[F.triggerRoles]).toEqual(['dispatcher']);
});

it('lets only admins edit presets', async () => {
  const { reply } = await editPreset(nurse, 'code-blue', () => {});
  expect(reply.getChild('error')!.getChild('forbidden')).toBeDefined();
  expect(errorText(reply)).toBe('Only admins may run "Edit an alarm preset".');
});
