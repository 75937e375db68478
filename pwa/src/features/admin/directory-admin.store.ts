// Admin → Directory (issue #13 part 2): the staff directory's entries, its
// departments and its roles, as the directory lists them, and the admin's
// commands on them: edit an entry (directory-edit), delete one
// (directory-delete), rename a department (directory-rename-department). Each
// answer is the component's note, or a throw with its refusal in words.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useDirectory } from '../directory/directory.store.ts';
import { useComplete } from './complete.ts';
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

  const note = async (node: string, values: Record<string, string | readonly string[]>, fallback: string) =>
    (await complete(node, values, fallback)).note;

  /** Saves the entry as drafted; the directory's live update brings the change to every list. */
  async function save(d: EntryDraft): Promise<string> {
    const done = await note(
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
    await directory.refresh();
    return done;
  }

  /** Takes the person out of the directory (their account stays). */
  async function remove(jid: string): Promise<string> {
    const done = await note(COMMANDS.directoryDelete, { [F.jid]: jid }, 'The entry was not deleted. Try again.');
    // A deletion is not pushed as a live update: read the directory again.
    await directory.refresh();
    return done;
  }

  /** Renames the department for everyone in it. */
  async function renameDepartment(from: string, to: string): Promise<string> {
    const done = await note(
      COMMANDS.directoryRenameDepartment,
      { [F.department]: from, [F.newDepartment]: to.trim() },
      'The department was not renamed. Try again.',
    );
    await directory.refresh();
    return done;
  }

  return { entries, departments, roles, save, remove, renameDepartment };
});
