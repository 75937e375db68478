// Role messages still to go (issue #14) and to withdraw (issue #11), durable in the outbox (messages/outbox.ts):
// with encryption on, role-resolve records the holders as reached before the
// user may still cancel. Each such message is kept from before it is resolved
// until it goes; one that does not go (cancelled, its tries ran out, or the
// app closed while its user was asked) is withdrawn (role-withdraw) now, or,
// while the operations service cannot be told, on each new stream and every
// little while until it can. It leaves the outbox once told, so it is sent
// once; a repeat after a reload in between keeps the first time (the
// component's role-withdraw is idempotent).
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { openWithdrawals, type Withdrawal, type Withdrawals } from '../messages/outbox.ts';
import { notNow, useCommands } from '../forms/run.ts';
import { withdrawRole } from './encrypted.ts';

/** Asked again after 2, 4, 8 s…, at most this long apart (ms), while the stream is up. */
const MAX_WAIT_MS = 15_000;
/** The app closed (or was reloaded) while its user was asked: it counts as cancelled, as nothing went. */
const LEFT = (role: string) =>
  `Not sent: your message to ${role} was still waiting for your choice when the app closed, so it counts as cancelled. `;
const WITHDRAWN = (role: string) => `Withdrawn: its record now says your message to ${role} reached nobody.`;

export const useRoleWithdrawals = defineStore('role-withdrawals', () => {
  const connection = useConnection();
  const run = useCommands();
  let outbox: Promise<Withdrawals | null> = Promise.resolve(null);
  /** Withdrawals the component has not been told yet (not those of messages still going). */
  const waiting = ref<Withdrawal[]>([]);
  /** What became of one the user was told about, or of one left when the app closed ('' otherwise). */
  const notice = ref('');
  /**
   * Resolved in this page's life and neither sent nor withdrawn yet (the user may still be asked), with the account
   * and outbox it was opened in: one still open at sign-out is kept for that person's next sign-in here.
   */
  const live = new Map<string, { owner: string; box: Promise<Withdrawals | null> }>();
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wait = 1000;

  watch(
    () => connection.account,
    (account) => {
      outbox = account ? openWithdrawals(account) : Promise.resolve(null);
    },
    { immediate: true, flush: 'sync' },
  );

  /** Withdrawals of messages that did not go; not those still to go (with their text: roles.store.ts sends them). */
  const toTell = async () =>
    ((await (await outbox)?.all()) ?? []).filter((w) => !live.has(w.id) && w.text === undefined);

  async function refresh(): Promise<void> {
    waiting.value = await toTell();
  }

  /** Tells the component; true once it knows (or refused: then nothing of it was recorded to withdraw). */
  async function tell(w: Withdrawal, shown: boolean): Promise<boolean> {
    if (inFlight.has(w.id)) return false;
    inFlight.add(w.id);
    try {
      await withdrawRole(run, w.id);
    } catch (err) {
      if (notNow(err)) return false;
    } finally {
      inFlight.delete(w.id);
    }
    await (await outbox)?.remove(w.id);
    if (shown) notice.value = (w.cancelled ? '' : LEFT(w.role)) + WITHDRAWN(w.role);
    return true;
  }

  /** Asks again after a while (longer each time) while some wait and the stream is up. */
  function later(): void {
    clearTimeout(timer);
    if (!waiting.value.length) return void (wait = 1000);
    wait = Math.min(wait * 2, MAX_WAIT_MS);
    if (connection.state === 'online') timer = setTimeout(() => void flush(), wait);
  }

  /** Tells the component of every withdrawal waiting; asks again later while some still wait. */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    for (const w of await toTell()) await tell(w, true);
    await refresh();
    later();
  }

  connection.onReady(() => void flush());
  connection.onResumed(() => void flush());
  // Signing out: told while the session is still up, if it can be; else at this person's next sign-in here.
  connection.onSigningOut(() => flush());
  connection.onLogout(() => {
    clearTimeout(timer);
    waiting.value = [];
    notice.value = '';
  });

  return {
    waiting,
    notice,
    /** The user has read what became of it. */
    dismiss: () => void (notice.value = ''),
    /** Roles of the withdrawals waiting, for the user's text. */
    roles: computed(() => [...new Set(waiting.value.map((w) => w.role))].join(', ')),
    /** Before it is sent: kept, with its words, until it goes or is withdrawn (the service may be away a while). */
    async open(id: string, role: string, text: string, plain: boolean, at: string): Promise<void> {
      const owner = connection.account;
      live.set(id, { owner, box: outbox });
      notice.value = '';
      await (await outbox)?.put({ id, owner, role, cancelled: false, text, plain, at });
    },
    /** Its user is asked now: its words go, so that the app closing meanwhile counts as cancelled, and withdraws it. */
    async asking(id: string, role: string): Promise<void> {
      await (await outbox)?.put({ id, owner: connection.account, role, cancelled: false });
    },
    /** A message still to go from before this page (a reload, a sign-in again), now live here; undefined if none. */
    async resumable(): Promise<Withdrawal | undefined> {
      const w = ((await (await outbox)?.all()) ?? []).find((x) => x.text !== undefined && !live.has(x.id));
      if (w) live.set(w.id, { owner: w.owner, box: outbox });
      return w;
    },
    /** It goes after all: nothing to withdraw. */
    async forget(id: string): Promise<void> {
      live.delete(id);
      await (await outbox)?.remove(id);
    },
    /** It did not go: withdrawn now; false if the component could not be told yet (it is, as soon as it can be). */
    async withdraw(id: string, role: string): Promise<boolean> {
      const at = live.get(id) ?? { owner: connection.account, box: outbox };
      live.delete(id);
      const w = { id, owner: at.owner, role, cancelled: true };
      await (await at.box)?.put(w);
      if (at.owner !== connection.account) return false; // signed out meanwhile: told at their next sign-in
      if (await tell(w, false)) return true;
      await refresh();
      later();
      return false;
    },
  };
});
