// Issue #13 part 2 in Chromium: Admin → Directory. An admin moves a doctor
// into the nurse's department (a role the component refuses is shown with its
// reason first), renames that department after a confirmation saying what
// happens to its room (the nurse, who has it open, sees it take the new name
// with its messages kept), renames a role (one a preset names is refused with the
// reason), and deletes another entry after a confirmation saying what that
// does. The nurse, signed in meanwhile, sees her colleague under the new
// department name, and the deleted entry leave her list, without reloading;
// the audit log lists the rename and the deletion.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import { showTab } from './support/nav.ts';
import { SHOTS } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let admin: Page;
let nurse: Page;

beforeAll(async () => {
  const s = await startAdmin('nurse');
  ({ stack, admin } = s);
  [nurse] = s.others;
  return s.close;
});

const entry = (user: string) => admin.locator(`[data-testid="entry"][data-jid="${account(stack, user).jid}"]`);
const department = (name: string) => admin.locator(`[data-testid="department"][data-department="${name}"]`);

/** Admin → Directory (on a desktop the Accounts list stays beside it, so no back link). */
async function openDirectory(): Promise<void> {
  await admin.getByTestId('tab-admin').click();
  await admin.getByTestId('admin-directory-link').click();
  await entry('admin').waitFor({ timeout: 15_000 });
}

describe('Admin → Directory', () => {
  it('edits an entry, showing the component’s refusal in its words first', async () => {
    await openDirectory();
    expect(await admin.locator('[data-testid="role"][data-role="cardiology"]').textContent()).toContain('1');
    await entry('doctor2').click();
    await admin.getByTestId('entry-roles').fill('doctor, Not A Role!');
    await admin.getByTestId('entry-save').click();
    await expect
      .poll(() => admin.getByTestId('entry-refused').textContent(), { timeout: 15_000 })
      .toMatch(/The entry has problems/);
    await admin.getByTestId('entry-roles').fill('doctor, anaesthesia');
    await admin.getByTestId('entry-department').fill('Emergency');
    await admin.getByTestId('entry-save').click();
    await expect
      .poll(() => admin.getByTestId('entry-done').textContent(), { timeout: 15_000 })
      .toBe(`Saved ${account(stack, 'doctor2').name}.`);
  });

  it('renames a department after a confirmation; its nurse sees the new name, on her room too, its history kept', async () => {
    const jonas = account(stack, 'doctor2');
    await showTab(nurse, 'colleagues');
    const colleague = nurse.locator(`[data-testid="directory-entry"][data-jid="${jonas.jid}"]`);
    await expect.poll(() => colleague.textContent(), { timeout: 15_000 }).toContain('Emergency');
    // She has her department's room open and has written in it.
    await showTab(nurse, 'chats');
    await nurse.locator('[data-testid="room"]', { hasText: 'Emergency' }).click();
    await expect.poll(() => nurse.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Emergency');
    const roomUrl = nurse.url();
    await nurse.getByTestId('room-composer').fill('Bed 4 needs a porter');
    await nurse.getByTestId('room-send').click();
    const bodies = () => nurse.getByTestId('room-body').allTextContents();
    await expect.poll(bodies, { timeout: 15_000 }).toContain('Bed 4 needs a porter');

    await openDirectory();
    await expect.poll(() => department('Emergency').textContent(), { timeout: 15_000 }).toContain('2 people');
    await department('Emergency').getByTestId('department-new-name').fill('Emergency Medicine');
    await department('Emergency').getByTestId('department-rename').click();
    const effect = await department('Emergency').getByTestId('confirm-effect').textContent();
    expect(effect).toContain('Rename Emergency to Emergency Medicine for 2 people?');
    expect(effect).toContain('The department keeps its room and its messages');
    await admin.screenshot({ path: join(SHOTS, 'admin-department-rename-confirm.png') });
    await department('Emergency').getByTestId('department-rename-confirm').click();
    await expect
      .poll(() => admin.getByTestId('departments-done').textContent(), { timeout: 15_000 })
      .toBe('Renamed Emergency to Emergency Medicine for 2 people.');
    expect(await department('Emergency').count()).toBe(0);
    expect(await department('Emergency Medicine').textContent()).toContain('2 people');

    // Live, without a reload: the room she has open takes the new name, at the same address, with what was said in it.
    await expect
      .poll(() => nurse.getByTestId('room-title').textContent(), { timeout: 15_000 })
      .toBe('Emergency Medicine');
    expect(nurse.url()).toBe(roomUrl);
    expect(await bodies()).toContain('Bed 4 needs a porter');
    await nurse.screenshot({ path: join(SHOTS, 'admin-department-renamed-room.png') });
    // And the directory's update reaches her list.
    await showTab(nurse, 'colleagues');
    await expect.poll(() => colleague.textContent(), { timeout: 15_000 }).toContain('Emergency Medicine');
  });

  it('renames a role after a confirmation, and shows why one an alarm preset names is refused', async () => {
    const role = (name: string) => admin.locator(`[data-testid="role"][data-role="${name}"]`);
    await openDirectory();
    await role('nurse').getByTestId('role-delete').click();
    await role('nurse').getByTestId('role-delete-confirm').click();
    await expect
      .poll(() => admin.getByTestId('roles-refused').textContent(), { timeout: 15_000 })
      .toMatch(/alarm presets .*code-blue.* name the role "nurse": change them first/);
    // Roles that give permissions are changed person by person: no rename or delete for them here.
    expect(await role('dispatcher').getByTestId('role-delete').count()).toBe(0);

    await role('cardiology').getByTestId('role-new-name').fill('cardiac');
    await role('cardiology').getByTestId('role-rename').click();
    expect(await role('cardiology').getByTestId('confirm-effect').textContent()).toContain(
      'Rename the role cardiology to cardiac for 1 person?',
    );
    await role('cardiology').getByTestId('role-rename-confirm').click();
    await expect
      .poll(() => admin.getByTestId('roles-done').textContent(), { timeout: 15_000 })
      .toBe('Renamed the role cardiology to cardiac for 1 person.');
    expect(await role('cardiology').count()).toBe(0);
    expect(await entry('doctor1').textContent()).toContain('cardiac');
  });

  it('deletes an entry after a confirmation; the nurse’s list loses it live; the audit log lists both', async () => {
    const dana = account(stack, 'dispatcher');
    await showTab(nurse, 'colleagues');
    const gone = nurse.locator(`[data-testid="directory-entry"][data-jid="${dana.jid}"]`);
    await gone.waitFor({ timeout: 15_000 });
    await entry('dispatcher').click();
    await admin.getByTestId('entry-delete').click();
    expect(await admin.getByTestId('confirm-effect').textContent()).toMatch(
      /out of the staff directory\? They lose their roles and leave the room of Dispatch; their account stays/,
    );
    await admin.getByTestId('entry-delete-confirm').click();
    await expect
      .poll(() => admin.getByTestId('entry-done').textContent(), { timeout: 15_000 })
      .toBe(`${dana.name} is no longer in the directory; their account stays.`);
    await openDirectory();
    expect(await entry('dispatcher').count()).toBe(0);
    // Live, without a reload: the removal reaches the nurse's colleagues list.
    await expect.poll(() => gone.count(), { timeout: 15_000 }).toBe(0);

    await admin.getByTestId('tab-admin').click();
    await admin.getByTestId('admin-audit-link').click();
    const rows = admin.getByTestId('audit-row');
    const deleted = rows.filter({ hasText: 'directory-delete' }).filter({ hasText: dana.jid });
    await deleted.first().waitFor({ timeout: 15_000 });
    const renamed = rows.filter({ hasText: 'directory-rename-department' });
    expect(await renamed.count()).toBe(2);
    for (const user of ['nurse', 'doctor2'])
      expect(await renamed.filter({ hasText: account(stack, user).jid }).textContent()).toContain(
        'department: Emergency → Emergency Medicine',
      );
  });
});
