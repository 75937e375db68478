// Issue #13 part 2: an admin renames a role, or takes it away, for everyone
// who holds it at once. Each change is on the record with the roles before
// and after. Roles that give permissions, and roles an alarm preset names,
// are refused with the reason.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorTextOf, noteOf, runCommand, startHarness, type Harness } from '../test-support.ts';

const cardiologists = [
  {
    user: 'cole',
    password: 'cole-password-1',
    name: 'Cole Hart',
    roles: ['doctor', 'cardiology'],
    department: 'Cardiology',
  },
  {
    user: 'dee',
    password: 'dee-password-1',
    name: 'Dee Vance',
    roles: ['cardiology', 'cardiac'],
    department: 'Cardiology',
  },
];
let h: Harness;
let admin: Client;
let ops: string;
let domain: string;

beforeAll(async () => {
  h = await startHarness({ staff: cardiologists });
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const rename = (from: string, to: string) =>
  runCommand(admin, ops, COMMANDS.directoryRenameRole, { [F.role]: from, [F.newRole]: to });
const remove = (role: string) => runCommand(admin, ops, COMMANDS.directoryDeleteRole, { [F.role]: role });
const rolesOf = async (user: string) => (await h.component.store.directory.get(`${user}@${domain}`))?.roles;

it('renames a role for everyone who holds it, each change on the record', async () => {
  expect(errorTextOf(await rename('cardiology', 'Dr. Who'))).toMatch(
    /^The new name has problems: Roles: "dr\. who" must be lower-case letters/,
  );
  expect(noteOf(await rename('Cardiology', 'cardiac'))).toBe('Renamed the role cardiology to cardiac for 2 people.');
  expect(await rolesOf('cole')).toEqual(['cardiac', 'doctor']);
  // Dee held both: once now.
  expect(await rolesOf('dee')).toEqual(['cardiac']);
  const [last] = await h.component.store.audit.list({ target: `cole@${domain}`, limit: 1 });
  expect(last).toMatchObject({
    actor: `admin@${domain}`,
    action: COMMANDS.directoryRenameRole,
    before: { roles: ['cardiology', 'doctor'] },
    after: { roles: ['cardiac', 'doctor'] },
  });
});

it('takes a role from everyone who holds it; their entries stay', async () => {
  expect(noteOf(await remove('cardiac'))).toBe('Took the role "cardiac" from 2 people.');
  expect(await rolesOf('cole')).toEqual(['doctor']);
  expect(await rolesOf('dee')).toEqual([]);
  const [last] = await h.component.store.audit.list({ target: `dee@${domain}`, limit: 1 });
  expect(last).toMatchObject({ action: COMMANDS.directoryDeleteRole, after: { roles: [] } });
});

it('refuses permission roles, roles a preset names, roles nobody holds and bad names, saying why', async () => {
  expect(errorTextOf(await remove('dispatcher'))).toBe(
    'The role "dispatcher" gives permissions: give or take it person by person, on their entry.',
  );
  expect(errorTextOf(await rename('doctor', 'admin'))).toMatch(/^The role "admin" gives permissions/);
  expect(errorTextOf(await rename('nurse', 'sister'))).toMatch(
    /^The alarm presets .*code-blue.* name the role "nurse"/,
  );
  expect(errorTextOf(await remove('nobody-role'))).toBe('Nobody holds the role "nobody-role".');
  expect(await rolesOf('dispatcher')).toEqual(['dispatcher']);
  expect(await rolesOf('nurse')).toEqual(['nurse']);
  expect(await rolesOf('cole')).toEqual(['doctor']);
});
