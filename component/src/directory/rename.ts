// directory-rename-department: an admin renames a department for all its
// staff at once (issue #13 part 2). Each entry is checked with the one entry
// rule (validate.ts) and saved with its own audit record (department old →
// new), all in one transaction with the department's room record
// (edit-each.ts says what is not in it), and each change is told to the
// services that follow the directory: the department keeps its room, address,
// members and history, and the room takes the new name (rooms/departments.ts).
// A new name that is already a department's merges the two: the people move
// to that department's room, invited at once, and the old room, left by its
// last person, is retired with its history (rooms/retire.ts).
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { roomOfDepartment } from '../rooms/department-room.ts';
import type { DepartmentRoomStore, DirectoryStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { DirectoryChanges } from './changes.ts';
import { editEach, people } from './edit-each.ts';
import { RENAME_FORM } from './forms.ts';
import { entryProblems } from './validate.ts';

export interface RenameDeps {
  readonly directory: DirectoryStore;
  readonly rooms: DepartmentRoomStore;
  readonly changes: DirectoryChanges;
  readonly domain: string;
  readonly mucHost: string;
}

export function renameCommand({ directory, rooms, changes, domain, mucHost }: RenameDeps): Command {
  return {
    node: COMMANDS.directoryRenameDepartment,
    waitsFor: ['rooms'], // it renames the department's room: set up at start
    name: 'Rename a department',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: RENAME_FORM, last: true };
      const from = String(input![F.department]).trim();
      const to = String(input![F.newDepartment]).trim();
      if (!to || to === from) throw new BleepError('bad-form', 'The new name must differ from the old one.');
      const staff = (await directory.list()).filter((e) => e.department === from);
      if (!staff.length) throw new BleepError('bad-form', `Nobody works in a department called "${from}".`);
      const problems = entryProblems({ ...staff[0]!, department: to }, domain).filter((p) =>
        p.startsWith('Department'),
      );
      if (problems.length) throw new BleepError('bad-form', `The new name has problems: ${problems.join('; ')}.`);
      // Its room recorded before the rename moves the record (a department the rooms have not seen yet).
      await roomOfDepartment(rooms, from, mucHost);
      await editEach(
        directory,
        changes,
        staff,
        (e) => ({ ...e, department: to }),
        { actor: caller.bare, action: COMMANDS.directoryRenameDepartment },
        { from, to },
      );
      return { kind: 'done', note: `Renamed ${from} to ${to} for ${people(staff.length)}.` };
    },
  };
}
