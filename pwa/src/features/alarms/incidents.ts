// Incidents in the PWA (issue #10), part of the alarms store: the open ones
// (alarm-incidents, then the component's pushed changes), and resolving one,
// breaking the glass into its room and its report, each the component's
// incident command filled in at once.
import { ALARM_COMMANDS, INCIDENT_FIELDS } from '@bleep/protocol';
import { ref } from 'vue';
import { commandIq } from '../forms/command.ts';
import { submitForm } from '../forms/dataform.ts';
import type { useCommands } from '../forms/run.ts';
import { useMessages } from '../messages/index.ts';
import { parseOpenIncidents, parseReport, type OpenIncident } from './codec.ts';

type Run = ReturnType<typeof useCommands>;
/** A failure in words: offline, the component's refusal, or `fallback`. */
type Say = (err: unknown, fallback: string) => string;

export function useIncidents(run: Run, say: Say) {
  const messages = useMessages();
  const open = ref<OpenIncident[]>([]);
  const openError = ref('');

  async function loadOpen(): Promise<void> {
    try {
      // The component's list of open incidents (the map reads the same), not the resolve form's choices.
      const list = parseOpenIncidents(await run((ops) => commandIq(ops, ALARM_COMMANDS.alarmIncidents, 'execute')));
      if (list instanceof Error) throw list;
      open.value = list;
      openError.value = '';
    } catch (err) {
      openError.value = say(err, 'The open incidents could not be loaded.');
    }
  }

  // Pushed by the component to dispatchers as it happens (issue #10 part 5): the list changes at once.
  messages.onIncidentNews((n) => {
    const others = open.value.filter((i) => i.id !== n.incident);
    open.value = n.row ? [n.row, ...others].sort((a, b) => b.created.localeCompare(a.created)) : others;
  });

  /** Runs an incident command on `incident` in one go: its form, filled in with `more`. */
  async function onIncident(node: string, incident: string, more: Record<string, string>) {
    const step = await run((ops) => commandIq(ops, node, 'execute'));
    const values = { [INCIDENT_FIELDS.incident]: incident, ...more };
    const filled = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]]));
    return run((ops) => commandIq(ops, node, 'complete', step.sessionid, submitForm(step.form!, filled)));
  }

  /** Resolves an incident with its outcome: '' when done, else the refusal in words. */
  async function resolve(incident: string, outcome: string): Promise<string> {
    try {
      await onIncident(ALARM_COMMANDS.alarmResolve, incident, { [INCIDENT_FIELDS.outcome]: outcome });
      open.value = open.value.filter((i) => i.id !== incident);
      return '';
    } catch (err) {
      return say(err, 'The incident was not resolved. Try again.');
    }
  }

  /**
   * Breaks the glass (issue #10, safety): a dispatcher or admin who is not a
   * responder joins an incident room with a stated reason, which the
   * component logs and posts there; it then invites them (rooms.store joins).
   * '' when done, else the refusal in words.
   */
  async function breakGlass(incident: string, reason: string): Promise<string> {
    try {
      await onIncident(ALARM_COMMANDS.alarmBreakGlass, incident, { [INCIDENT_FIELDS.reason]: reason });
      return '';
    } catch (err) {
      return say(err, 'The glass was not broken. Try again.');
    }
  }

  /** The printable timeline of an incident. */
  async function report(incident: string): Promise<string[] | Error> {
    try {
      return parseReport(await onIncident(ALARM_COMMANDS.alarmReport, incident, { [INCIDENT_FIELDS.format]: 'text' }));
    } catch (err) {
      return new Error(say(err, 'The report could not be made. Try again.'));
    }
  }

  /** Sign-out: nothing of the incidents stays. */
  const forget = () => void (open.value = []);

  return { open, openError, loadOpen, resolve, breakGlass, report, forget };
}
