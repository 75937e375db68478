// Quick responses, the sender's side (issue #8): "Request…" runs the
// component's `request` command, whose forms (template and recipients, then
// the template's fields) are declared once on the component and rendered
// here; the history (`requests`) follows each request's live state; the
// audit trail downloads as CSV (`requests-export`). Answering is the message
// pipeline's (features/messages, the request kind).
import { COMMANDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText, type CommandStep } from '../forms/command.ts';
import { OFFLINE as NOT_ONLINE, useCommands } from '../forms/run.ts';
import { initialValues, missing, submitForm, type FormValues } from '../forms/dataform.ts';
import { newerState, useMessages } from '../messages/index.ts';
import { parseExport, parseRequestList, parseSent, type RequestRow, type Sent } from './codec.ts';

const OFFLINE = 'You are offline. Requests go out when you are online, to whoever they reach then.';

export const useRequests = defineStore('requests', () => {
  const connection = useConnection();
  const messages = useMessages();

  const run = useCommands();
  const say = (err: unknown, fallback: string) =>
    err instanceof Error && err.message === NOT_ONLINE ? OFFLINE : refusalText(err, fallback);

  // --- Sending: the `request` command, one form a step.
  const step = shallowRef<CommandStep | null>(null);
  const values = ref<FormValues>({});
  const busy = ref(false);
  const error = ref('');
  const sent = ref<Sent | null>(null);

  /** Opens the command; `prefill` fills the recipient fields from where it was started (this chat's person, this room). */
  async function begin(prefill: FormValues): Promise<void> {
    await cancel();
    sent.value = null;
    error.value = '';
    busy.value = true;
    try {
      const s = await run((ops) => commandIq(ops, COMMANDS.request, 'execute'));
      step.value = s;
      values.value = s.form ? initialValues(s.form, prefill) : {};
    } catch (err) {
      error.value = say(err, 'Requests cannot be sent now. Try again in a moment.');
    } finally {
      busy.value = false;
    }
  }

  /** Submits this step's form: the next form, or the request is sent. */
  async function advance(): Promise<void> {
    const s = step.value;
    if (!s?.form || busy.value) return;
    const left = missing(s.form, values.value);
    if (left.length) {
      error.value = `Fill in ${left.join(', ')}.`;
      return;
    }
    error.value = '';
    busy.value = true;
    const action = s.actions.includes('next') ? 'next' : 'complete';
    try {
      const answer = await run((ops) => commandIq(ops, s.node, action, s.sessionid, submitForm(s.form!, values.value)));
      if (answer.status === 'completed') {
        const result = parseSent(answer);
        step.value = null;
        if (result instanceof Error) error.value = result.message;
        else sent.value = result;
        void refresh();
      } else {
        step.value = answer;
        values.value = answer.form ? initialValues(answer.form) : {};
      }
    } catch (err) {
      // The component refused this step (a field it could not take): the form stays, with the reason.
      error.value = say(err, 'The request was not sent. Check the form and try again.');
    } finally {
      busy.value = false;
    }
  }

  /** Leaves the command (XEP-0050 §4.4: cancel frees the component's session). */
  async function cancel(): Promise<void> {
    const s = step.value;
    step.value = null;
    if (s?.sessionid && s.status === 'executing')
      await run((ops) => commandIq(ops, s.node, 'cancel', s.sessionid)).catch(() => {});
  }

  // --- History: the `requests` table, kept live by each request's states.
  const rows = ref<RequestRow[]>([]);
  const listError = ref('');

  async function refresh(): Promise<void> {
    try {
      const list = parseRequestList(await run((ops) => commandIq(ops, COMMANDS.requests, 'execute')));
      if (list instanceof Error) listError.value = list.message;
      else {
        rows.value = list;
        listError.value = '';
      }
    } catch (err) {
      listError.value = say(err, 'Your requests could not be loaded. Try again in a moment.');
    }
  }

  /** Each row with the newest state known: the table's, or a live one since. */
  const history = computed(() =>
    rows.value.map((r) => {
      const live = messages.requestStates.get(r.id);
      return live ? { ...r, state: newerState(r.state, live) } : r;
    }),
  );

  /** The audit trail as CSV (RFC 4180): admins get every request, anyone else their own. */
  async function exportCsv(): Promise<string | Error> {
    try {
      return parseExport(await run((ops) => commandIq(ops, COMMANDS.requestsExport, 'execute')));
    } catch (err) {
      return new Error(say(err, 'The export could not be made. Try again in a moment.'));
    }
  }

  connection.onLogout(() => {
    step.value = null;
    sent.value = null;
    rows.value = [];
    error.value = listError.value = '';
  });

  return { step, values, busy, error, sent, begin, advance, cancel, history, listError, refresh, exportCsv };
});
