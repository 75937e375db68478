// The permission table on a real Prosody: for every command, a caller who
// may run it sees it listed (disco#items) and runs it, and one who may not
// neither sees it nor runs it (forbidden, with who may). A command without a
// row here fails the test. Staff commands have no refused caller over
// Prosody (only accounts of the domain reach the component without
// federation); services.test.ts refuses other domains and the MUC there.
import {
  ACCOUNT_COMMANDS,
  ALARM_COMMANDS,
  AUDIT_COMMANDS,
  COMMANDS,
  DIRECTORY_FIELDS as F,
  INVITE_COMMANDS,
  LOCATION_COMMANDS,
  NS_COMMANDS,
  NS_DISCO_ITEMS,
  NS_STANZAS,
  PUSH_COMMANDS,
  SETTINGS_COMMANDS,
  TEMPLATE_COMMANDS,
} from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, xml, type Harness } from './test-support.ts';

let h: Harness;
let ops: string;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  for (const user of ['admin', 'dispatcher', 'nurse', 'newcomer']) clients[user] = await h.login(user);
  // A directory admin who is not a server admin: the newcomer, given the admin role.
  const fields = { [F.jid]: `newcomer@${h.prosody.settings.domain}`, [F.name]: 'Jonas Weber', [F.roles]: ['admin'] };
  expect((await runCommand(clients.admin!, ops, COMMANDS.directoryEdit, fields)).attrs.type).toBe('result');
  await runCommand(clients.dispatcher!, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
});
afterAll(() => h?.stop());

/** node → [who may run it, who may not (none for staff commands: see above)]. */
const TABLE: Record<string, [allowed: string, refused?: string]> = {
  [COMMANDS.whoami]: ['nurse'],
  [COMMANDS.directory]: ['nurse'],
  [COMMANDS.duty]: ['dispatcher'],
  [COMMANDS.roleResolve]: ['nurse'],
  [COMMANDS.roleWithdraw]: ['nurse'],
  [COMMANDS.directoryEdit]: ['newcomer', 'nurse'],
  [COMMANDS.directoryDelete]: ['newcomer', 'nurse'],
  [COMMANDS.directoryRenameDepartment]: ['newcomer', 'nurse'],
  [COMMANDS.directoryRenameRole]: ['newcomer', 'nurse'],
  [COMMANDS.directoryDeleteRole]: ['newcomer', 'nurse'],
  [COMMANDS.directoryAudit]: ['admin', 'newcomer'],
  [AUDIT_COMMANDS.auditLog]: ['admin', 'newcomer'],
  [AUDIT_COMMANDS.roleRecords]: ['admin', 'newcomer'],
  [COMMANDS.request]: ['nurse'],
  [COMMANDS.requests]: ['nurse'],
  [COMMANDS.requestsExport]: ['nurse'],
  [ALARM_COMMANDS.alarm]: ['nurse'],
  [ALARM_COMMANDS.alarmPresets]: ['nurse'],
  [ALARM_COMMANDS.alarmPresetEdit]: ['newcomer', 'nurse'],
  [TEMPLATE_COMMANDS.templates]: ['nurse'],
  [TEMPLATE_COMMANDS.templateEdit]: ['newcomer', 'nurse'],
  [TEMPLATE_COMMANDS.templateDelete]: ['newcomer', 'nurse'],
  [ALARM_COMMANDS.alarmResolve]: ['nurse'],
  [ALARM_COMMANDS.alarmBreakGlass]: ['dispatcher', 'nurse'],
  [ALARM_COMMANDS.alarmReport]: ['nurse'],
  [ALARM_COMMANDS.alarmIncidents]: ['dispatcher', 'nurse'],
  [LOCATION_COMMANDS.site]: ['nurse'],
  [LOCATION_COMMANDS.siteEdit]: ['newcomer', 'nurse'],
  // Runs for anyone on duty; the dispatcher is put on duty below. Off duty it is refused (shifts.int.test.ts).
  [LOCATION_COMMANDS.dutyExtend]: ['dispatcher'],
  [PUSH_COMMANDS.pushRegister]: ['nurse'],
  [PUSH_COMMANDS.pushUnregister]: ['nurse'],
  // Server admins only: a directory admin (the newcomer) is refused too.
  [ACCOUNT_COMMANDS.accounts]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.accountDisable]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.accountEnable]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.accountDelete]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.accountPassword]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.accountDevices]: ['admin', 'newcomer'],
  [ACCOUNT_COMMANDS.deviceSignout]: ['admin', 'newcomer'],
  [INVITE_COMMANDS.inviteCreate]: ['admin', 'newcomer'],
  [INVITE_COMMANDS.invites]: ['admin', 'newcomer'],
  [INVITE_COMMANDS.inviteRevoke]: ['admin', 'newcomer'],
  [SETTINGS_COMMANDS.settings]: ['admin', 'newcomer'],
  [SETTINGS_COMMANDS.settingsPreview]: ['admin', 'newcomer'],
  [SETTINGS_COMMANDS.settingsApply]: ['admin', 'newcomer'],
};

const listed = async (user: string) =>
  (
    await exchange(
      clients[user]!,
      xml('iq', { type: 'get', to: ops }, xml('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS })),
    )
  )
    .getChild('query', NS_DISCO_ITEMS)!
    .getChildren('item')
    .map((i) => i.attrs.node);
const execute = (user: string, node: string) =>
  exchange(
    clients[user]!,
    xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })),
    // The settings commands' first step asks Prosody, which runs its settings CLI (a Node start, ~2 s).
    15_000,
  );

describe('who may run what', () => {
  it('has a row for every command the component offers', async () => {
    expect(Object.keys(TABLE).sort()).toEqual((await listed('admin')).sort());
  });

  for (const [node, [allowed, refused]] of Object.entries(TABLE)) {
    it(`${node}: listed for and run by ${allowed}`, async () => {
      expect(await listed(allowed)).toContain(node);
      const reply = await execute(allowed, node);
      expect(reply.attrs.type).toBe('result');
    });
    if (refused)
      it(`${node}: hidden from and refused to ${refused}, saying so`, async () => {
        expect(await listed(refused)).not.toContain(node);
        const error = (await execute(refused, node)).getChild('error')!;
        expect(error.getChild('forbidden', NS_STANZAS)).toBeDefined();
        expect(error.getChildText('text', NS_STANZAS)).toMatch(
          /^Only (admins|the server's admins|dispatchers and admins) may run "/,
        );
      });
  }

  it("keeps server settings' command (the audit) from a directory admin: the two admins differ", async () => {
    expect(await listed('newcomer')).toContain(COMMANDS.directoryEdit);
    expect(await listed('newcomer')).not.toContain(COMMANDS.directoryAudit);
    expect(await listed('admin')).toEqual(expect.arrayContaining([COMMANDS.directoryEdit, COMMANDS.directoryAudit]));
  });
});
