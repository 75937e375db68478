// Quick responses, the sender's side (issue #8): "Request…" runs the
// component's `request` command, whose forms (template and recipients, then
// the template's fields) are declared once on the component and rendered
// here; the history (`requests`) follows each request's live state; the
// audit trail downloads as CSV (`requests-export`). Answering is the message
// pipeline's (features/messages, the request kind).
import { COMMANDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { OFFLINE as NOT_ONLINE } from '../forms/run.ts';
import type { FormValues } from '../forms/dataform.ts';
import { useCommandSession } from '../forms/use-command-session.ts';
import { newerState, useMessages } from '../messages/index.ts';
import { parseExport, parseRequestList, parseSent, type RequestRow, type Sent } from './codec.ts';

const OFFLINE = 'You are offline. Requests go out when you are online, to whoever they reach then.';

export const useRequests = defineStore('requests', () => {
  const connection = useConnection();
  const messages = useMessages();

  const say = (err: unknown, fallback: string) =>
    err instanceof Error && err.message === NOT_ONLINE ? OFFLINE : refusalText(err, fallback);

  // --- Sending: the `request` command, one form a step.
  const { run, step, values, busy, error, begin: open, submit, cancel } = useCommandSession(say);
  const sent = ref<Sent | null>(null);

  /** Opens the command; `prefill` fills the recipient fields from where it was started (this chat's person, this room). */
  function begin(prefill: FormValues): Promise<void> {
    sent.value = null;
    return open(
      (run) => run((ops) => commandIq(ops, COMMANDS.request, 'execute')),
      'Requests cannot be sent now. Try again in a moment.',
      prefill,
    );
  }

  /** Submits this step's form: the next form, or the request is sent. */
  async function advance(): Promise<void> {
    const answer = await submit('The request was not sent. Check the form and try again.');
    if (!answer) return;
    const result = parseSent(answer);
    if (result instanceof Error) error.value = result.message;
    else sent.value = result;
    void refresh();
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
