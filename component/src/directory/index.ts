// Directory service wiring: whoami, search, duty, admin edit, live updates.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Commands } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Caller, Router } from '../xmpp/router.ts';
import type { DirectoryStore } from '../store/types.ts';
import type { DirectoryChanges } from './changes.ts';
import { WHOAMI_FORM, whoamiValues } from './codec.ts';
import { DUTY_FORM, EDIT_FORM, entryValues, RESULT_TABLE, SEARCH_FORM } from './forms.ts';
import type { DirectoryLive } from './live.ts';
import { searchEntries } from './search.ts';
import { seedDirectory } from './seed.ts';
import { whoami } from './whoami.ts';

export interface DirectoryDeps {
  readonly directory: DirectoryStore;
  readonly admins: ReadonlySet<string>;
  readonly isStaff: (c: Caller) => boolean;
  readonly live: DirectoryLive;
  /** Where duty changes and edits are told; live updates are one of its listeners. */
  readonly changes: DirectoryChanges;
}

export function registerDirectory(router: Router, commands: Commands, deps: DirectoryDeps): void {
  const { directory, admins, isStaff, live, changes } = deps;
  const isAdmin = async (c: Caller) =>
    isStaff(c) && (admins.has(c.bare) || ((await directory.get(c.bare))?.roles.includes('admin') ?? false));

  router.presence((caller, type) => {
    if (!isStaff(caller) || !live.presence(caller, type)) return;
    // Came online or went offline: everyone online sees it.
    void directory.get(caller.bare).then((entry) => entry && live.publish(entry), changes.report);
  });
  changes.on(({ after }) => after && live.publish(after));

  commands.add({
    node: COMMANDS.whoami,
    name: 'Who am I',
    allowed: isStaff,
    run: async ({ caller }) => ({
      kind: 'done',
      form: WHOAMI_FORM,
      values: whoamiValues(await whoami(directory, admins, caller)),
    }),
  });

  commands.add({
    node: COMMANDS.directory,
    name: 'Find a colleague',
    allowed: isStaff,
    run: async ({ step, input }) => {
      if (step === 0) return { kind: 'form', form: SEARCH_FORM, last: true };
      const found = searchEntries(await directory.list(), {
        text: input?.[F.query] as string | undefined,
        role: input?.[F.roles] as string | undefined,
        department: input?.[F.department] as string | undefined,
        onDutyOnly: input?.[F.onDuty] === true,
      });
      return { kind: 'done', form: RESULT_TABLE, rows: found.map((e) => entryValues(live.listing(e))) };
    },
  });

  commands.add({
    node: COMMANDS.duty,
    name: 'Go on or off duty',
    allowed: isStaff,
    run: async ({ caller, step, input }) => {
      const mine = await directory.get(caller.bare);
      if (!mine) throw new BleepError('not-in-directory');
      if (step === 0) return { kind: 'form', form: DUTY_FORM, values: { [F.onDuty]: mine.onDuty }, last: true };
      const updated = (await directory.setDuty(caller.bare, input?.[F.onDuty] === true))!;
      await changes.emit({ before: mine, after: updated });
      return { kind: 'done', note: updated.onDuty ? 'You are on duty.' : 'You are off duty.' };
    },
  });

  commands.add({
    node: COMMANDS.directoryEdit,
    name: 'Edit a directory entry',
    allowed: isAdmin,
    run: async ({ step, input }) => {
      if (step === 0) return { kind: 'form', form: EDIT_FORM, last: true };
      const entry = {
        jid: String(input![F.jid]),
        name: String(input![F.name]),
        roles: (input![F.roles] as readonly string[] | undefined) ?? [],
        department: (input![F.department] as string | undefined) ?? '',
        extension: (input![F.extension] as string | undefined) ?? '',
      };
      const before = await directory.get(entry.jid.toLowerCase());
      const problems = await seedDirectory(directory, [entry]);
      if (problems.length) throw new BleepError('bad-form', `The entry has problems: ${problems.join('; ')}.`);
      const saved = (await directory.get(entry.jid.toLowerCase()))!;
      await changes.emit({ before, after: saved });
      return { kind: 'done', note: `Saved ${saved.name}.` };
    },
  });
}
