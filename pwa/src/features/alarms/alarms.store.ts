// Preset alarms in the PWA (issue #10). Raising: the component's `alarm`
// command, filled in from the preset tapped and the place the user shares;
// offline it waits in queue.ts, loudly, and goes on reconnect. Receiving: the
// 1:1 alarm comes through the one message pipeline (messages/kinds/alarm.ts)
// and is shown full screen until this user has answered it; the answer is
// the quick-response one (messages/answering.ts). Incidents: incidents.ts.
import { ALARM_CHOICES, ALARM_COMMANDS, ALARM_FIELDS, type RequestState } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { submitForm } from '../forms/dataform.ts';
import { OFFLINE, useCommands } from '../forms/run.ts';
import { requestIdOf, useMessages, type Alarm } from '../messages/index.ts';
import { alarmColour, parsePresets, parseRaised, type PresetButton, type Raised } from './codec.ts';
import { useIncidents } from './incidents.ts';
import { dequeue, enqueue, forgetQueue, queued, type QueuedAlarm } from './queue.ts';
import { afterFailure, retryInMs, type WaitReason } from './retry.ts';

const PRESETS_KEY = 'bleep-alarm-presets';
/** An alarm caught up from the archive is shown if it is this recent (the component repeats unanswered ones anyway). */
const RECENT_MS = 15 * 60_000;

export type AlarmChoice = (typeof ALARM_CHOICES)[number];

const cachedPresets = (): PresetButton[] => {
  try {
    return JSON.parse(localStorage.getItem(PRESETS_KEY) ?? '[]') as PresetButton[];
  } catch {
    return [];
  }
};

/** Whether `me` still has to answer: no answer of theirs, and the request is open (as far as this device knows). */
const waitsFor = (s: RequestState | undefined, me: string) =>
  !s || (['pending', 'escalated'].includes(s.status) && !s.answers.some((a) => a.by === me));

export const useAlarms = defineStore('alarms', () => {
  const connection = useConnection();
  const messages = useMessages();
  const run = useCommands();
  const say = (err: unknown, fallback: string) =>
    err instanceof Error && err.message === OFFLINE ? OFFLINE : refusalText(err, fallback);

  // --- Raising.
  /** Presets as last listed (kept on the device, so the sheet works offline too). */
  const presets = ref<PresetButton[]>(cachedPresets());
  const presetsError = ref('');
  const waiting = ref<QueuedAlarm[]>([]);
  /** Why they wait: no stream, or the operations service did not answer (retry.ts). */
  const waitReason = ref<WaitReason>('offline');
  const raising = ref('');
  const raised = ref<Raised | null>(null);
  const raiseError = ref('');
  /** The queued alarm raiseError speaks of: once it goes after all, its "did NOT go out" is no longer true. */
  let errorOf = '';
  /** Incidents this user raised (they may resolve them). */
  const mine = ref(new Set<string>());

  /** One listing at a time: a burst of alarms of a preset not listed yet asks once. */
  let listing: Promise<void> | null = null;
  const loadPresets = (): Promise<void> => (listing ??= listPresets().finally(() => (listing = null)));
  async function listPresets(): Promise<void> {
    try {
      const list = parsePresets(await run((ops) => commandIq(ops, ALARM_COMMANDS.alarmPresets, 'execute')));
      if (list instanceof Error) throw list;
      presets.value = list;
      presetsError.value = '';
      localStorage.setItem(PRESETS_KEY, JSON.stringify(list));
    } catch (err) {
      if (!presets.value.length) presetsError.value = say(err, 'The alarms could not be loaded.');
    }
  }

  /** Ids on their way now: a reconnect meanwhile does not send them alongside. */
  const sending = new Set<string>();
  async function send(a: QueuedAlarm): Promise<Raised> {
    sending.add(a.id);
    try {
      return await sendOnce(a);
    } finally {
      sending.delete(a.id);
    }
  }
  async function sendOnce(a: QueuedAlarm): Promise<Raised> {
    const form = await run((ops) => commandIq(ops, ALARM_COMMANDS.alarm, 'execute'));
    if (!form.form) throw new Error('The server did not open the alarm form.');
    const values = {
      [ALARM_FIELDS.preset]: [a.preset],
      [ALARM_FIELDS.location]: [a.location],
      [ALARM_FIELDS.bed]: [a.bed],
      [ALARM_FIELDS.note]: [a.note],
      // The queued alarm's own id: sent again (after a reconnect), it reaches the incident it raised, never a second.
      [ALARM_FIELDS.clientId]: [a.id],
    };
    const done = parseRaised(
      await run((ops) => commandIq(ops, form.node, 'complete', form.sessionid, submitForm(form.form!, values))),
    );
    if (done instanceof Error) throw done;
    mine.value = new Set([...mine.value, done.incident]);
    return done;
  }

  /** One tap on a preset raises it: now when online, else queued with a warning that it has not gone. */
  async function raise(p: PresetButton, details: { location: string; bed: string; note: string }): Promise<void> {
    const account = connection.account;
    if (!account || raising.value) return;
    const a: QueuedAlarm = {
      id: crypto.randomUUID(),
      preset: p.id,
      name: p.name,
      ...details,
      at: new Date().toISOString(),
    };
    raised.value = null;
    raiseError.value = '';
    // Kept first: if the stream drops while it goes, it goes again on reconnect.
    enqueue(account, a);
    waiting.value = queued(account);
    if (connection.state !== 'online') return void (waitReason.value = 'offline');
    raising.value = p.id;
    try {
      raised.value = await send(a);
      dequeue(account, a.id);
      retries = 0;
    } catch (err) {
      // Refused, or the server could not send it (then it stays queued too): the component's words.
      raiseError.value =
        failed(err, a) || waitReason.value === 'not-raised' ? say(err, `${p.name} was not raised.`) : '';
      errorOf = a.id;
    } finally {
      raising.value = '';
      waiting.value = queued(account);
    }
  }

  /** After a send failed: true when the component refused it (it is off the queue), else it waits and is tried again. */
  function failed(err: unknown, a: QueuedAlarm): boolean {
    const why = afterFailure(err, connection.state === 'online');
    if (why === 'refused') {
      dequeue(connection.account, a.id);
      return true;
    }
    waitReason.value = why;
    if (why !== 'offline') retryLater();
    return false;
  }

  /** The service did not answer: the stream is up, so no reconnect will flush; a timer does, backing off. */
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  function retryLater(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, retryInMs(retries++));
  }

  /** Back online (a new stream or a resumed one): what waits goes, oldest first, one flush at a time. */
  let flushing: Promise<void> | null = null;
  const flush = (): Promise<void> => (flushing ??= flushQueue().finally(() => (flushing = null)));
  async function flushQueue(): Promise<void> {
    const account = connection.account;
    for (const a of queued(account).filter((x) => !sending.has(x.id))) {
      try {
        raised.value = await send(a);
        dequeue(account, a.id);
        retries = 0;
        if (errorOf === a.id) raiseError.value = '';
      } catch (err) {
        if (!failed(err, a)) break;
        raiseError.value = say(err, `${a.name} was not raised.`);
        errorOf = a.id;
      }
    }
    waiting.value = queued(account);
  }

  // --- Receiving.
  const alarms = ref<Alarm[]>([]);
  /** Hidden until its next repeat ("Later"); answered ones go by their request's state. */
  const hidden = ref(new Set<string>());
  const stateOf = (a: Alarm) => messages.requestStates.get(requestIdOf(a.request));
  /** The alarm shown full screen: the newest one this user has still to answer. */
  const current = computed(
    () =>
      alarms.value.findLast(
        (a) =>
          !hidden.value.has(a.incident) && waitsFor(stateOf(a), connection.account) && !answered.value.has(a.incident),
      ) ?? null,
  );
  const answered = ref(new Set<string>());

  messages.onAlarm((a, live) => {
    if (!live && Date.now() - Date.parse(a.at) > RECENT_MS) return;
    alarms.value = [...alarms.value.filter((x) => x.incident !== a.incident), a];
    // Its colour is its preset's: one this device has not listed yet (a new preset, a first sign-in) is asked for.
    if (!a.colour && !presets.value.some((p) => p.id === a.preset)) void loadPresets();
    if (live && a.repeat) hidden.value = new Set([...hidden.value].filter((i) => i !== a.incident));
  });

  /** One tap: the answer goes the quick-response way; the caller then opens the room. */
  async function answer(a: Alarm, choice: AlarmChoice): Promise<void> {
    answered.value = new Set([...answered.value, a.incident]);
    await messages.answer({ id: requestIdOf(a.request), jid: a.request }, choice);
  }
  const later = (a: Alarm) => void (hidden.value = new Set([...hidden.value, a.incident]));
  /** The full-screen alarm's colour (codec.ts alarmColour). */
  const colourOf = (a: Alarm) => alarmColour(a, presets.value);

  // --- Incidents (incidents.ts).
  const incidents = useIncidents(run, say);

  connection.onReady(() => {
    waiting.value = queued(connection.account);
    void flush().then(loadPresets);
  });
  // A resumed stream (XEP-0198) is no new sign-in: what was raised while it was away goes now too.
  connection.onResumed(() => void flush());
  connection.onLogout((account) => {
    if (account) forgetQueue(account);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    retries = 0;
    waiting.value = [];
    alarms.value = [];
    hidden.value = new Set();
    answered.value = new Set();
    mine.value = new Set();
    raised.value = null;
    incidents.forget();
  });

  return {
    presets,
    presetsError,
    loadPresets,
    waiting,
    waitReason,
    raising,
    raised,
    raiseError,
    mine,
    raise,
    current,
    colourOf,
    answer,
    later,
    open: incidents.open,
    openError: incidents.openError,
    loadOpen: incidents.loadOpen,
    resolve: incidents.resolve,
    breakGlass: incidents.breakGlass,
    report: incidents.report,
  };
});
