// Quick-response templates edited by admins (issue #13 part 4), on a real
// Prosody and the component (SQLite, and PostgreSQL in int-pg): listed to
// staff; an edit is saved, audited, and is what the next request sends; an
// invalid one is refused with every reason and changes nothing; only admins edit.
// A deletion is audited, stays deleted, and spares the template the map sends.
import {
  COMMANDS,
  NS_COMMANDS,
  NS_REQUEST,
  REQUEST_FIELDS as R,
  TEMPLATE_COMMANDS,
  TEMPLATE_FIELDS as F,
  TEMPLATE_IDS,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './templates.ts';
import {
  editWithForm,
  exchange,
  nextStanza,
  runCommand,
  startHarness,
  submitForm,
  tableRows,
  xml,
  type Harness,
} from '../test-support.ts';

let h: Harness;
let admin: Client;
let nurse: Client;
let dispatcher: Client;
let ops: string;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  admin = await h.login('admin');
  nurse = await h.login('nurse');
  dispatcher = await h.login('dispatcher');
  // Online (available presence), so a message to the bare address reaches the dispatcher's session.
  await dispatcher.send(xml('presence'));
});
afterAll(() => h?.stop());

const command = (node: string, attrs: Record<string, string>, x?: XmlElement) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));
const editTemplate = (c: Client, id: string, change: (v: Record<string, string[]>) => void) =>
  editWithForm(c, ops, TEMPLATE_COMMANDS.templateEdit, { [F.id]: id }, change);
const templates = async (c: Client) =>
  tableRows(await exchange(c, command(TEMPLATE_COMMANDS.templates, { action: 'execute' })));
const errorText = (el: XmlElement) => el.getChild('error')?.getChildText('text') ?? '';
const note = (el: XmlElement) => el.getChild('command', NS_COMMANDS)?.getChildText('note');

/** The nurse sends `template` to the dispatcher; resolves with the <request/> the dispatcher receives. */
async function sendToDispatcher(template: string, fields: Record<string, string>) {
  const received = nextStanza(dispatcher, (el) => !!el.getChild('request', NS_REQUEST));
  const first = await exchange(nurse, command(COMMANDS.request, { action: 'execute' }));
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  const to = { [R.template]: template, [R.people]: [`dispatcher@${h.prosody.settings.domain}`] };
  const step = await exchange(nurse, command(COMMANDS.request, { sessionid, action: 'next' }, submitForm(to)));
  expect(step.attrs.type, step.toString()).toBe('result');
  const done = await exchange(nurse, command(COMMANDS.request, { sessionid, action: 'complete' }, submitForm(fields)));
  expect(done.attrs.type, done.toString()).toBe('result');
  return (await received).getChild('request', NS_REQUEST)!;
}

it('lists the seeded templates to any staff member, in their own form', async () => {
  const rows = await templates(nurse);
  expect(rows.map((r) => r[F.id]![0])).toEqual(Object.values(TEMPLATE_IDS));
  const accept = rows[0]!;
  expect(accept[F.choices]).toEqual(['accept primary accepts Accept', 'decline neutral declines Decline']);
  expect(accept[F.rule]).toEqual(['exclusive']);
  expect(accept[F.escalateRoles]).toEqual(['doctor']);
  expect(accept[F.fields]).toEqual([
    'patient text required Patient',
    'bed text optional Bed',
    'note text optional Note',
  ]);
});

it("saves an admin's edit, audits it, and the next request is sent with it", async () => {
  const { prefilled, reply } = await editTemplate(admin, TEMPLATE_IDS.acceptPatient, (v) => {
    v[F.title] = ['Accept Patient (ED)'];
    v[F.choices] = ['accept primary accepts Take', 'later neutral declines Later', 'decline danger declines No'];
    v[F.escalateRoles] = ['dispatcher'];
    v[F.fields] = ['patient text required Patient', 'eta text optional ETA'];
  });
  expect(prefilled![F.title]).toEqual(['Accept Patient']);
  expect(reply.attrs.type, reply.toString()).toBe('result');
  expect(note(reply)).toBe('Saved the template Accept Patient (ED).');

  const sent = await sendToDispatcher(TEMPLATE_IDS.acceptPatient, { patient: 'Mr Lee', eta: '10 min' });
  expect(sent.attrs.title).toBe('Accept Patient (ED)');
  expect(sent.getChildren('choice').map((c) => [c.attrs.value, c.text()])).toEqual([
    ['accept', 'Take'],
    ['later', 'Later'],
    ['decline', 'No'],
  ]);

  const [record] = await h.component.store.audit.list({ kind: 'template', limit: 1 });
  expect(record).toMatchObject({
    actor: `admin@${h.prosody.settings.domain}`,
    action: TEMPLATE_COMMANDS.templateEdit,
    target: `template:${TEMPLATE_IDS.acceptPatient}`,
    before: { title: 'Accept Patient', escalation: { roles: ['doctor'] } },
    after: { title: 'Accept Patient (ED)', escalation: { roles: ['dispatcher'] } },
  });
});

it('refuses an invalid template with every reason, and changes nothing', async () => {
  const before = await templates(nurse);
  const { reply } = await editTemplate(admin, TEMPLATE_IDS.confirmAppointment, (v) => {
    v[F.choices] = [
      'confirm primary accepts Confirm',
      'confirm neutral declines Decline',
      'maybe neutral declines',
      'a neutral declines A',
      'b neutral declines B',
      'c neutral declines C',
      'd neutral declines D',
      'e neutral declines E',
    ];
    v[F.escalateAfter] = ['60'];
    v[F.escalateRoles] = ['surgeon'];
    v[F.escalatePeople] = ['someone@other.example'];
  });
  expect(reply.attrs.type).toBe('error');
  expect(reply.getChild('error')!.getChild('bad-request')).toBeDefined();
  expect(errorText(reply)).toBe(
    'The template has problems: Buttons: "maybe neutral declines" is not "<value> <style> <accepts|declines> <label>"; ' +
      'Buttons: give 2 to 6 buttons (there are 7); Buttons: the value "confirm" is used twice; ' +
      'Escalate to people: "someone@other.example" is not an account of this hospital: only name@' +
      `${h.prosody.settings.domain} (not another server, not a subdomain); ` +
      'Escalate to roles: nobody in the directory holds the role "surgeon".',
  );
  expect(await templates(nurse)).toEqual(before);
  expect(
    await h.component.store.audit.list({ target: `template:${TEMPLATE_IDS.confirmAppointment}`, limit: 1 }),
  ).toEqual([]);
});

it('adds a new template under a new id, last, and staff can send it', async () => {
  const { prefilled, reply } = await editTemplate(admin, 'porter-needed', (v) => {
    Object.assign(v, {
      [F.title]: ['Porter needed'],
      [F.choices]: ['coming primary accepts Coming', 'busy neutral declines Busy'],
      [F.rule]: ['quorum'],
      [F.quorum]: ['1'],
      [F.expires]: ['600'],
      [F.fields]: ['where text required Where'],
    });
  });
  expect(prefilled![F.title]).toEqual([]);
  expect(note(reply)).toBe('Added the template Porter needed.');
  expect((await templates(nurse)).map((r) => r[F.id]![0]).at(-1)).toBe('porter-needed');
  const sent = await sendToDispatcher('porter-needed', { where: 'Ward 3' });
  expect(sent.attrs.title).toBe('Porter needed');
});

it('lets only admins edit templates', async () => {
  const { reply } = await editTemplate(nurse, TEMPLATE_IDS.joinTeam, () => {});
  expect(reply.getChild('error')!.getChild('forbidden')).toBeDefined();
  expect(errorText(reply)).toBe('Only admins may run "Edit a quick-response template".');
});

it("deletes a template, audited: staff no longer see or send it, and the start's seeding leaves it deleted", async () => {
  const remove = (c: Client, id: string) => runCommand(c, ops, TEMPLATE_COMMANDS.templateDelete, { [F.id]: id });
  const ids = async () => (await templates(nurse)).map((r) => r[F.id]![0]);
  const reply = await remove(admin, TEMPLATE_IDS.joinTeam);
  expect(note(reply)).toBe('Deleted the template Join the Team. Requests already sent keep it.');
  expect(await ids()).not.toContain(TEMPLATE_IDS.joinTeam);
  const [record] = await h.component.store.audit.list({ target: `template:${TEMPLATE_IDS.joinTeam}`, limit: 1 });
  expect(record).toMatchObject({
    actor: `admin@${h.prosody.settings.domain}`,
    action: TEMPLATE_COMMANDS.templateDelete,
    before: { title: 'Join the Team' },
    after: null,
  });
  // What the component does at every start: the default stays deleted.
  await h.component.store.responses.addTemplates(DEFAULT_TEMPLATES);
  expect(await ids()).not.toContain(TEMPLATE_IDS.joinTeam);

  // Sending it now is refused with the reason.
  const first = await exchange(nurse, command(COMMANDS.request, { action: 'execute' }));
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  const to = { [R.template]: TEMPLATE_IDS.joinTeam, [R.people]: [`dispatcher@${h.prosody.settings.domain}`] };
  const refused = await exchange(nurse, command(COMMANDS.request, { sessionid, action: 'next' }, submitForm(to)));
  expect(errorText(refused)).toMatch(/^The form has problems: Template: choose one of Accept Patient/);
  expect(errorText(refused)).not.toContain('Join the Team');

  expect(errorText(await remove(admin, TEMPLATE_IDS.joinTeam))).toBe(
    `There is no template "${TEMPLATE_IDS.joinTeam}".`,
  );
  // The dispatchers' map sends request-assistance: deleting it is refused, saying why.
  const inUse = await remove(admin, TEMPLATE_IDS.requestAssistance);
  expect(inUse.getChild('error')!.getChild('not-allowed')).toBeDefined();
  expect(errorText(inUse)).toMatch(/dispatchers' map sends this template .* Change it with template-edit instead\./);
  expect(await ids()).toContain(TEMPLATE_IDS.requestAssistance);
});
