// Duty shift wiring (issue #9): follows duty changes, owns the warning and
// end timers, and the duty-extend command.
import { LOCATION_COMMANDS } from '@bleep/protocol';
import type { Service } from '../service.ts';
import { ShiftNotices } from './notices.ts';
import { Shifts } from './shifts.ts';

export const shiftsService: Service = {
  name: 'shifts',
  register({ config, store, scheduler, changes, commands, send }) {
    const shifts = new Shifts({
      shifts: store.shifts,
      directory: store.directory,
      scheduler,
      changes,
      notices: new ShiftNotices(config.opsHost, send),
      ...config.duty,
    });
    changes.on(({ before, after }) => shifts.follow(before, after));

    commands.add({
      node: LOCATION_COMMANDS.dutyExtend,
      name: 'Extend my shift',
      permission: 'staff',
      run: async ({ caller }) => {
        const s = await shifts.extend(caller.bare);
        const ends = new Date(s.endsAt).toISOString().slice(11, 16);
        return { kind: 'done', note: `Your shift now ends at ${ends} UTC. It cannot be extended again.` };
      },
    });

    return { online: () => shifts.adoptOnDuty() };
  },
};
