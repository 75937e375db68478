// alarm-resolve, alarm-break-glass and alarm-report: who may is decided in
// close.ts (the trigger, or the `incidents` permission) and authz.ts.
import { ALARM_COMMANDS, INCIDENT_FIELDS as F, type ReportFormat } from '@bleep/protocol';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import { breakGlass, resolve, type CloseDeps } from './close.ts';
import { breakGlassForm, REPORT_FORM, REPORT_RESULT, resolveForm } from './incident-forms.ts';
import { render, reportLines } from './report.ts';

const text = (v: unknown) => String(v ?? '').trim();

export function incidentCommands(deps: CloseDeps): Command[] {
  return [
    {
      node: ALARM_COMMANDS.alarmResolve,
      name: 'Resolve an incident',
      permission: 'staff',
      run: async ({ caller, step, input }) => {
        if (step === 0) return { kind: 'form', form: resolveForm(await deps.store.incidents.open()), last: true };
        const i = await resolve(deps, caller, text(input?.[F.incident]), text(input?.[F.outcome]));
        return { kind: 'done', note: `${i.roomName} is resolved; the timeline is posted in its room.` };
      },
    },
    {
      node: ALARM_COMMANDS.alarmBreakGlass,
      name: 'Break the glass (join an incident room)',
      permission: 'incidents',
      run: async ({ caller, step, input }) => {
        if (step === 0) return { kind: 'form', form: breakGlassForm(await deps.store.incidents.open()), last: true };
        const i = await breakGlass(deps, caller, text(input?.[F.incident]), text(input?.[F.reason]));
        return { kind: 'done', note: `You are a member of ${i.roomName} now; your reason is logged and posted there.` };
      },
    },
    {
      node: ALARM_COMMANDS.alarmReport,
      name: 'Incident report',
      permission: 'staff',
      run: async ({ caller, step, input }) => {
        if (step === 0) return { kind: 'form', form: REPORT_FORM, last: true };
        const id = text(input?.[F.incident]);
        const i = await deps.store.incidents.get(id);
        if (!i) throw new BleepError('bad-form', `There is no incident ${quote(id)}.`);
        const mine = i.trigger === caller.bare || i.responders.includes(caller.bare);
        if (!mine && !(await deps.authz.holds(caller, 'incidents')))
          throw new BleepError(
            'not-allowed',
            'Only its trigger, its responders, dispatchers and admins may read an incident report.',
          );
        const format = text(input?.[F.format]) as ReportFormat;
        const report = render(i, await reportLines(deps.store, i), format);
        return {
          kind: 'done',
          form: REPORT_RESULT,
          values: { [F.incident]: i.id, [F.format]: format, [F.report]: report },
        };
      },
    },
  ];
}
