// Issue #13 part 6 on a real Prosody: every kind of admin action lands in the
// one audit log with who, when, and the value before and after (never a
// password), and Prosody's admins read it with the audit-log command:
// filtered by time, actor and kind, a page at a time. Anyone else is refused
// with a reason.
import {
  ACCOUNT_COMMANDS,
  ACCOUNT_FIELDS as A,
  ALARM_COMMANDS,
  ALARM_FIELDS,
  ALARM_RAISED_FIELDS as R,
  AUDIT_COMMANDS,
  AUDIT_FIELDS as AF,
  AUDIT_LOG_FIELDS as L,
  AUDIT_PAGE,
  COMMANDS,
  DIRECTORY_FIELDS as D,
  INCIDENT_FIELDS as I,
  LOCATION_COMMANDS,
  NS_COMMANDS,
  NS_DATA,
  NS_STANZAS,
  PRESET_FIELDS as P,
  SITE_FIELDS,
} from '@bleep/protocol';
import { signInDevice, submitForm, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, tableRows, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let admin: Client;
const opened: Client[] = [];
const leaver = { user: 'leaver', password: 'leaver-password-1', name: 'Lee Vance', roles: ['nurse'], department: 'ED' };
const PASSWORD = 'a-new-secret-Pa55word';

beforeAll(async () => {
  h = await startHarness({ staff: [leaver] });
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.stop().catch(() => {})));
  await h?.stop();
});

const jid = (user: string) => `${user}@${domain}`;
const command = (node: string, attrs: Record<string, string>, x?: XmlElement) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));
const ok = (reply: XmlElement) => expect(reply.attrs.type, reply.toString()).toBe('result');
const errorText = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
const auditLog = (fields: Record<string, string> = {}, who = admin) =>
  runCommand(who, ops, AUDIT_COMMANDS.auditLog, fields);
const records = async (fields: Record<string, string> = {}) => {
  const reply = await auditLog(fields);
  ok(reply);
  return tableRows(reply).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v[0] ?? ''])));
};

/** alarm-preset-edit: the preset id, then its form prefilled, changed by `change`. */
async function editPreset(id: string, change: (v: Record<string, string[]>) => void) {
  const node = ALARM_COMMANDS.alarmPresetEdit;
  const first = await exchange(admin, command(node, { action: 'execute' }));
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  const form = await exchange(admin, command(node, { sessionid, action: 'next' }, submitForm({ [P.id]: id })));
  const values: Record<string, string[]> = {};
  for (const f of form.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!.getChildren('field'))
    if (f.attrs.var !== 'FORM_TYPE') values[f.attrs.var!] = f.getChildren('value').map((v) => v.text());
  change(values);
  return exchange(admin, command(node, { sessionid, action: 'complete' }, submitForm(values)));
}

describe('the audit log', () => {
  it(
    'holds every kind of admin action with who, when, before and after, and never a password',
    { timeout: 90_000 },
    async () => {
      const started = new Date().toISOString();
      ok(
        await runCommand(admin, ops, COMMANDS.directoryEdit, {
          [D.jid]: jid('newcomer'),
          [D.name]: 'Jonas Weber',
          [D.roles]: ['doctor'],
        }),
      );
      const site = (await h.component.store.site.get())!;
      ok(
        await runCommand(admin, ops, LOCATION_COMMANDS.siteEdit, {
          [SITE_FIELDS.model]: JSON.stringify({ ...site, campus: { ...site.campus, name: 'St. Audit' } }),
        }),
      );
      ok(await editPreset('fire', (v) => (v[P.repeat] = ['45'])));
      ok(await runCommand(admin, ops, ACCOUNT_COMMANDS.accountDisable, { [A.jid]: jid('leaver') }));
      ok(await runCommand(admin, ops, ACCOUNT_COMMANDS.accountEnable, { [A.jid]: jid('leaver') }));
      ok(
        await runCommand(admin, ops, ACCOUNT_COMMANDS.accountPassword, {
          [A.jid]: jid('leaver'),
          [A.password]: PASSWORD,
        }),
      );
      await signInDevice(h.prosody.settings, { ...leaver, password: PASSWORD }, 'lost-phone', undefined, opened);
      const device = createHash('sha256').update('lost-phone').digest('hex');
      ok(await runCommand(admin, ops, ACCOUNT_COMMANDS.deviceSignout, { [A.jid]: jid('leaver'), [A.device]: device }));
      ok(await runCommand(admin, ops, ACCOUNT_COMMANDS.accountDelete, { [A.jid]: jid('leaver') }));
      const nurse = await h.login('nurse');
      const alarm = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, {
        [ALARM_FIELDS.preset]: 'fire',
        [ALARM_FIELDS.location]: 'Ward 9',
      });
      ok(alarm);
      const incident = alarm
        .getChild('command', NS_COMMANDS)!
        .getChild('x', NS_DATA)!
        .getChildren('field')
        .find((f) => f.attrs.var === R.incident)!
        .getChildText('value')!;
      ok(
        await runCommand(admin, ops, ALARM_COMMANDS.alarmBreakGlass, {
          [I.incident]: incident,
          [I.reason]: 'checking the fire drill',
        }),
      );

      const rows = await records({ [L.from]: started });
      const byAction = (action: string) => rows.filter((r) => r[L.action] === action);
      const expected: [action: string, target: string, change: RegExp][] = [
        [COMMANDS.directoryEdit, jid('newcomer'), /name: .*Jonas Weber/],
        [LOCATION_COMMANDS.siteEdit, 'site', /^campus: .* → .*St\. Audit/],
        [ALARM_COMMANDS.alarmPresetEdit, 'preset:fire', /^repeatS: \d+ → 45$/],
        [ACCOUNT_COMMANDS.accountDisable, jid('leaver'), /^disabled: false → true$/],
        [ACCOUNT_COMMANDS.accountEnable, jid('leaver'), /^disabled: true → false$/],
        [ACCOUNT_COMMANDS.accountPassword, jid('leaver'), /^password: /],
        [
          ACCOUNT_COMMANDS.deviceSignout,
          jid('leaver'),
          new RegExp(`^device ${device.slice(0, 8)}: signed in → signed out$`),
        ],
        [ACCOUNT_COMMANDS.accountDelete, jid('leaver'), /^account: exists → deleted$/],
        [ALARM_COMMANDS.alarmBreakGlass, `incident:${incident}`, /reason: checking the fire drill/],
      ];
      for (const [action, target, change] of expected) {
        const [r] = byAction(action);
        expect(r, `${action} is in the audit log`).toBeDefined();
        expect(r).toMatchObject({ [L.actor]: jid('admin'), [L.target]: target });
        expect(r![L.change]).toMatch(change);
        expect(r![L.new], `${action} keeps the value after`).not.toBe('');
        expect(Date.parse(r![L.at]!)).toBeGreaterThanOrEqual(Date.parse(started));
      }
      // Before and after as JSON: the site's old and new name.
      const [siteRow] = byAction(LOCATION_COMMANDS.siteEdit);
      expect(JSON.parse(siteRow![L.old]!).campus.name).toBe(site.campus.name);
      expect(JSON.parse(siteRow![L.new]!).campus.name).toBe('St. Audit');
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    },
  );

  it(
    'filters by actor, kind of target and time, and pages back from the last record',
    { timeout: 60_000 },
    async () => {
      // Enough records for three pages: directory edits by the admin.
      const t0 = new Date().toISOString();
      // Ids unique to this run (a retry adds its own), ordered as written.
      const run = randomUUID().slice(0, 8);
      const id = (i: number) => `${run}-${String(i).padStart(3, '0')}`;
      for (let i = 0; i < AUDIT_PAGE + 5; i++)
        await h.component.store.audit.record({
          id: id(i),
          at: new Date(Date.parse(t0) + 1000 + i).toISOString(),
          actor: jid('dispatcher'),
          action: 'test-action',
          target: i % 2 ? jid('nurse') : 'preset:code-blue',
          before: { n: i },
          after: { n: i + 1 },
        });
      const first = await records({ [L.actor]: jid('dispatcher'), [L.from]: t0 });
      expect(first).toHaveLength(AUDIT_PAGE);
      expect(first[0]![L.id]).toBe(id(AUDIT_PAGE + 4));
      const second = await records({ [L.actor]: jid('dispatcher'), [L.from]: t0, [L.before]: first.at(-1)![L.id]! });
      expect(second.map((r) => r[L.id])).toEqual([4, 3, 2, 1, 0].map(id));
      expect(await records({ [L.actor]: jid('dispatcher'), [L.before]: id(0) })).toEqual([]);

      const people = await records({ [L.actor]: jid('dispatcher'), [L.kind]: 'person', [L.from]: t0 });
      expect(people.every((r) => r[L.target] === jid('nurse'))).toBe(true);
      expect(people).toHaveLength(27);
      const presets = await records({ [L.kind]: 'preset', [L.from]: t0 });
      expect(presets).toHaveLength(28);
      const window = await records({
        [L.actor]: jid('dispatcher'),
        [L.from]: new Date(Date.parse(t0) + 1010).toISOString(),
        [L.to]: new Date(Date.parse(t0) + 1013).toISOString(),
      });
      expect(window.map((r) => r[L.id])).toEqual([12, 11, 10].map(id));
      expect(window[0]).toMatchObject({ [L.old]: '{"n":12}', [L.new]: '{"n":13}', [L.change]: 'n: 12 → 13' });
    },
  );

  it('refuses a bad filter, saying what is wrong', async () => {
    const reply = await auditLog({ [L.from]: 'yesterday', [L.kind]: 'Nope!' });
    expect(reply.getChild('error')?.getChild('bad-request', NS_STANZAS)).toBeDefined();
    expect(errorText(reply)).toMatch(/From: a date and time.*What: a kind/);
  });

  it("is for the server's admins only: a directory admin and staff are refused, with who may", async () => {
    const newcomer = await h.login('newcomer');
    ok(
      await runCommand(admin, ops, COMMANDS.directoryEdit, {
        [D.jid]: jid('newcomer'),
        [D.name]: 'Jonas Weber',
        [D.roles]: ['admin'],
      }),
    );
    for (const who of [newcomer, await h.login('nurse')]) {
      const reply = await auditLog({}, who);
      expect(reply.getChild('error')?.getChild('forbidden', NS_STANZAS)).toBeDefined();
      expect(errorText(reply)).toMatch(/server's admins/);
    }
  });

  it("directory-audit still answers, under the component's 256 KiB per stanza, with a huge edit among the newest, saying it was cut", async () => {
    // A site model edit of 600 kB of change text (made up: a real one is a big JSON value too).
    const target = `site:${randomUUID().slice(0, 8)}`;
    await h.component.store.audit.record({
      id: randomUUID(),
      at: new Date(Date.now() + 60_000).toISOString(), // the newest record
      actor: jid('admin'),
      action: LOCATION_COMMANDS.siteEdit,
      target,
      before: { campus: 'x'.repeat(300_000) },
      after: { campus: 'y'.repeat(300_000) },
    });
    const reply = await exchange(admin, command(COMMANDS.directoryAudit, { action: 'execute' }));
    ok(reply);
    expect(reply.toString().length).toBeLessThan(256 * 1024);
    const [huge] = tableRows(reply).filter((r) => r[AF.target]?.[0] === target);
    expect(huge![AF.change]![0]).toMatch(/^campus: x+…$/);
    expect(huge![AF.change]![0]!.length).toBeLessThanOrEqual(500);
    const note = reply.getChild('command', NS_COMMANDS)!.getChildText('note');
    expect(note).toMatch(/cut short.*audit-log/);
  });

  it('audit-log answers a page holding records of any size: values too long are cut short, and the row says so', async () => {
    // Before and after of ~450 KiB and ~600 KiB as written (an "&" is 5 bytes escaped, "病" 3 in UTF-8), newest.
    const target = `site:${randomUUID().slice(0, 8)}`;
    await h.component.store.audit.record({
      id: randomUUID(),
      at: new Date(Date.now() + 120_000).toISOString(),
      actor: jid('admin'),
      action: LOCATION_COMMANDS.siteEdit,
      target,
      before: { campus: '&'.repeat(90_000) },
      after: { campus: '病'.repeat(200_000) },
    });
    const reply = await auditLog();
    ok(reply);
    expect(Buffer.byteLength(reply.toString())).toBeLessThan(256 * 1024);
    expect(reply.getChild('command', NS_COMMANDS)!.getChildText('note')).toMatch(/cut short.*"Cut short" column/);
    const [row] = await records();
    expect(row).toMatchObject({ [L.target]: target, [L.cut]: 'old new change' });
    expect(row![L.old]).toMatch(/^\{"campus":"&+…$/);
    expect(row![L.new]).toMatch(/^\{"campus":"病+…$/);
    expect(row![L.change]).toMatch(/^campus: &+…$/);
    // The pages after it: the directory-audit test's huge record cut the same way, every other record whole.
    const older = await records({ [L.before]: row![L.id]! });
    expect(older.length).toBeGreaterThan(1);
    expect(older.map((r) => r[L.cut]).filter(Boolean)).toEqual(['old new change']);
  });
});
