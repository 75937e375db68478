// directory-edit: an admin adds or changes an entry. The entry is checked
// (validate.ts), saved with its audit record in one transaction, and told to
// the services that follow the directory.
import { randomUUID } from 'node:crypto';
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { DirectoryStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { DirectoryChanges } from './changes.ts';
import { EDIT_FORM } from './forms.ts';
import { canonicalJid, entryProblems } from './validate.ts';

export function editCommand(directory: DirectoryStore, changes: DirectoryChanges, domain: string): Command {
  return {
    node: COMMANDS.directoryEdit,
    name: 'Edit a directory entry',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: EDIT_FORM, last: true };
      const entry = {
        jid: String(input![F.jid]),
        name: String(input![F.name]),
        roles: (input![F.roles] as readonly string[] | undefined) ?? [],
        department: (input![F.department] as string | undefined) ?? '',
        extension: (input![F.extension] as string | undefined) ?? '',
      };
      const problems = entryProblems(entry, domain);
      if (problems.length) throw new BleepError('bad-form', `The entry has problems: ${problems.join('; ')}.`);
      const { before, after } = await directory.edit(
        { ...entry, jid: canonicalJid(entry.jid), name: entry.name.trim() },
        { id: randomUUID(), at: new Date().toISOString(), actor: caller.bare, action: COMMANDS.directoryEdit },
      );
      await changes.emit({
        ...(before ? { before } : {}),
        after,
        cause: { actor: caller.bare, action: COMMANDS.directoryEdit },
      });
      return { kind: 'done', note: `Saved ${after.name}.` };
    },
  };
}
