// Directory service wiring: whoami, search, duty, admin edit, delete, department and role rename, role
// delete, live updates.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Service } from '../service.ts';
import { BleepError } from '../xmpp/errors.ts';
import { auditCommand } from './audit.ts';
import { WHOAMI_FORM, whoamiValues } from './codec.ts';
import { deleteEntryCommand } from './delete.ts';
import { editCommand } from './edit.ts';
import { renameCommand } from './rename.ts';
import { deleteRoleCommand, renameRoleCommand } from './role-commands.ts';
import { DUTY_FORM, entryValues, RESULT_TABLE, SEARCH_FORM } from './forms.ts';
import { DirectoryLive } from './live.ts';
import { probeStaff } from './probe.ts';
import { firstResults, searchEntries } from './search.ts';
import { whoami } from './whoami.ts';

export const directoryService: Service = {
  name: 'directory',
  register({ config, store, authz, router, commands, online, changes, send, log }) {
    const { directory } = store;
    const admins = new Set(config.admins);
    const live = new DirectoryLive(online, config.opsHost, send);

    router.presence(async (caller, type) => {
      if (!authz.isStaff(caller) || !online.presence(caller, type)) return;
      // Came online or went offline: everyone online sees it.
      const entry = await directory.get(caller.bare);
      if (entry) live.publish(entry);
    });
    changes.on((change) => live.changed(change));

    commands.add({
      node: COMMANDS.whoami,
      name: 'Who am I',
      permission: 'staff',
      run: async ({ caller }) => ({
        kind: 'done',
        form: WHOAMI_FORM,
        values: whoamiValues(await whoami(directory, admins, caller)),
      }),
    });

    commands.add({
      node: COMMANDS.directory,
      name: 'Find a colleague',
      permission: 'staff',
      run: async ({ step, input }) => {
        if (step === 0) return { kind: 'form', form: SEARCH_FORM, last: true };
        const found = searchEntries(await directory.list(), {
          text: input?.[F.query] as string | undefined,
          role: input?.[F.roles] as string | undefined,
          department: input?.[F.department] as string | undefined,
          onDutyOnly: input?.[F.onDuty] === true,
        });
        const { shown, note } = firstResults(found, config.limits.directoryResults);
        const rows = shown.map((e) => entryValues(live.listing(e)));
        return { kind: 'done', form: RESULT_TABLE, rows, ...(note ? { note } : {}) };
      },
    });

    commands.add({
      node: COMMANDS.duty,
      name: 'Go on or off duty',
      permission: 'staff',
      run: async ({ caller, step, input }) => {
        const mine = await directory.get(caller.bare);
        if (!mine) throw new BleepError('not-in-directory');
        if (step === 0) return { kind: 'form', form: DUTY_FORM, values: { [F.onDuty]: mine.onDuty }, last: true };
        const updated = (await directory.setDuty(caller.bare, input?.[F.onDuty] === true))!;
        await changes.emit({ before: mine, after: updated });
        return { kind: 'done', note: updated.onDuty ? 'You are on duty.' : 'You are off duty.' };
      },
    });

    commands.add(editCommand(directory, changes, config.domain));
    commands.add(deleteEntryCommand(directory, store.audit, changes));
    commands.add(
      renameCommand({
        directory,
        rooms: store.departmentRooms,
        changes,
        domain: config.domain,
        mucHost: config.mucHost,
      }),
    );
    commands.add(renameRoleCommand(directory, store.presets, changes, config.domain));
    commands.add(deleteRoleCommand(directory, store.presets, changes));
    commands.add(auditCommand(store.audit));

    return {
      relinked: () =>
        void probeStaff(directory, config.admins, config.opsHost, send).then(
          (count) => log.info({ count }, 'asked who is online'),
          (err: Error) => log.warn({ err: err.message }, 'could not ask who is online'),
        ),
    };
  },
};
