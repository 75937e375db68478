// Admin → Directory (issue #13 part 2): the staff directory's entries, its
// departments and its roles, as the directory lists them, and the admin's
// commands on them: edit an entry (directory-edit), delete one
// (directory-delete), rename a department (directory-rename-department), rename
// a role or take it from everyone (directory-rename-role, directory-delete-role). Each
// answer is the component's note, or a throw with its refusal in words.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useDirectory } from '../directory/directory.store.ts';
import { useComplete, type Filled } from './complete.ts';
import { rolesOf, type EntryDraft } from './entry-draft.ts';
import { tally, type Tally } from './tally.ts';

export const useDirectoryAdmin = defineStore('admin-directory', () => {
  const directory = useDirectory();
  const complete = useComplete();

  /** Everyone in the directory, by name. */
  const entries = computed(() => [...directory.entries].sort((a, b) => a.name.localeCompare(b.name)));
  /** Each department with how many people work in it, by name. */
  const departments = computed<Tally[]>(() =>
    tally(directory.entries.map((e) => (e.department ? [e.department] : []))),
  );
  /** Each role with how many people hold it, by name. */
  const roles = computed<Tally[]>(() => tally(directory.entries.map((e) => e.roles)));

  /**
   * Runs the command and reads the directory again: the live updates bring each edit, but not a deletion, and
   * the admin's lists should show the result as they read the note.
   */
  async function change(node: string, values: Filled, fallback: string): Promise<string> {
    const { note } = await complete(node, values, fallback);
    await directory.refresh();
    return note;
  }

  /** Saves the entry as drafted. */
  const save = (d: EntryDraft) =>
    change(
      COMMANDS.directoryEdit,
      {
        [F.jid]: d.jid,
        [F.name]: d.name,
        [F.roles]: rolesOf(d.roles),
        [F.department]: d.department,
        [F.extension]: d.extension,
      },
      'The entry was not saved. Try again.',
    );

  /** Takes the person out of the directory (their account stays). */
  const remove = (jid: string) =>
    change(COMMANDS.directoryDelete, { [F.jid]: jid }, 'The entry was not deleted. Try again.');

  /** Renames the department for everyone in it. */
  const renameDepartment = (from: string, to: string) =>
    change(
      COMMANDS.directoryRenameDepartment,
      { [F.department]: from, [F.newDepartment]: to.trim() },
      'The department was not renamed. Try again.',
    );

  /** Renames the role for everyone who holds it. */
  const renameRole = (from: string, to: string) =>
    change(
      COMMANDS.directoryRenameRole,
      { [F.role]: from, [F.newRole]: to.trim() },
      'The role was not renamed. Try again.',
    );

  /** Takes the role from everyone who holds it. */
  const deleteRole = (role: string) =>
    change(COMMANDS.directoryDeleteRole, { [F.role]: role }, 'The role was not deleted. Try again.');

  return { entries, departments, roles, save, remove, renameDepartment, renameRole, deleteRole };
});
