// Writing to a role ("on-duty anaesthetist"): the component finds who holds it
// on duty, and the sender continues with the person reached. With encryption
// on, the app asks who they are and writes to them encrypted (encrypted.ts);
// without, it writes to <role>@ops.<domain> and the component relays it.
// While the operations service is away (a restart of any length) or the
// device offline, the message waits, kept in the outbox (withdrawals.store.ts)
// so that a reload keeps it too, says that it has not gone yet, and goes once
// when the service is back (messages/bounce.ts); a refusal ends it with its text.
// Past the age a chat message may wait (messages/settings.ts), it does not go
// by itself: the user is asked whether to send it still, with its age.
import type { Client } from '@xmpp/client';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useMessages, waitedFor, waitedTooLong } from '../messages/index.ts';
import { ANSWER_MS, parseBounce, resendAfter } from '../messages/bounce.ts';
import { useDirectory } from '../directory/index.ts';
import { refusalText, serviceAway } from '../forms/command.ts';
import { notNow, OFFLINE, useCommands } from '../forms/run.ts';
import { useOmemo } from '../omemo/index.ts';
import { CANNOT, type Cannot } from '../omemo/reasons.ts';
import { parseReached, parseRoleError, toRoleText, type Reached } from './codec.ts';
import { resolveRole } from './encrypted.ts';
import { useRoleWithdrawals } from './withdrawals.store.ts';

/** The reason shown while the service is tried again, as for a bounced role message (messages/bounce.ts). */
const AWAY = 'The operations service could not be reached.';
/** The user cancelled a message that could not be encrypted. */
const CANCELLED = 'Not sent: you cancelled it, as it could not be encrypted.';
/** …and the operations service could not be told yet, so its record still names them (withdrawals.store.ts). */
const NOT_WITHDRAWN =
  ' The operations service could not be told yet, so its record still says it reached them; it is told as soon as it can be.';

/** Someone a role message cannot be encrypted for, and why (the user chooses before it goes). */
export interface Unencryptable {
  readonly name: string;
  readonly why: string;
}

export const useRoles = defineStore('roles', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const messages = useMessages();
  const omemo = useOmemo();
  const run = useCommands();
  const withdrawals = useRoleWithdrawals();
  const reached = ref<Reached | null>(null);
  const error = ref('');
  const busy = ref(false);
  /** While the service is being tried again: what the user sees ('' otherwise). */
  const retrying = ref('');
  /** A message that waited too long to go by itself: the question to the user ('' otherwise). */
  const tooOld = ref('');
  let waitingFor = '';
  /** The message waiting for an answer, how often it was sent, and how it goes (once per try). */
  let pending: {
    id: string;
    role: string;
    text: string;
    plain: boolean;
    /** ISO 8601, when it was written (or the user chose to send it still). */
    at: string;
    tries: number;
    /** Its user is being asked (encryption): the service answered, and nothing is sent again meanwhile. */
    asked?: boolean;
    go: (client: Client, tries: number) => Promise<void>;
    /** Encryption on: the role it was resolved for, withdrawn if it does not go. */
    resolved?: string;
  } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** While the user is asked: whom the message cannot be encrypted for (null otherwise). */
  const unencrypted = ref<Unencryptable[] | null>(null);
  let choose: (send: boolean) => void = () => {};
  /** Asks the user whether to send it unencrypted to `who`: resolves with their choice. */
  function ask(who: Unencryptable[]): Promise<boolean> {
    unencrypted.value = who;
    return new Promise((resolve) => {
      choose = (send) => {
        choose = () => {};
        unencrypted.value = null;
        resolve(send);
      };
    });
  }

  function done(): void {
    clearTimeout(timer);
    pending = null;
    busy.value = false;
    retrying.value = '';
    tooOld.value = '';
  }

  /** Sends the pending message (again), and waits for its answer; no answer in time counts as a bounce. */
  async function transmit(): Promise<void> {
    const p = pending;
    const client = connection.xmpp;
    if (!p) return;
    if (waitedTooLong(p.at, messages.maxAgeMs)) return holdOld(p);
    p.tries++;
    clearTimeout(timer);
    timer = setTimeout(() => failed(p.id, 'The operations service did not answer.'), ANSWER_MS);
    if (!client || connection.state !== 'online') return failed(p.id, 'You are offline.');
    await p.go(client, p.tries);
  }

  /** Encryption on: resolve, then write to each person reached; a try overtaken by the next one does nothing. */
  async function goEncrypted(id: string, role: string, text: string, tries: number): Promise<void> {
    const current = () => pending?.id === id && pending.tries === tries;
    try {
      const people = await resolveRole(run, role, id);
      if (!current()) return;
      clearTimeout(timer); // the service answered: what follows waits for the user, not for it
      // The one rule of the message pipeline (omemo/encrypt.ts), asked before anything goes.
      const cannot = await omemo.cannotEncrypt(people.map((p) => ({ jid: p.jid, type: 'chat' as const })));
      const why = new Map(cannot.map((c: Cannot) => [c.jid, CANNOT[c.reason]]));
      const them = people.filter((p) => why.has(p.jid)).map((p) => ({ name: p.name, why: why.get(p.jid)! }));
      if (them.length) {
        if (pending) pending.asked = true;
        await withdrawals.asking(id, role);
        if (!(await ask(them))) return await withdrawn(id, role);
      }
      if (!current()) return;
      await withdrawals.forget(id);
      for (const p of people) await messages.send(p.jid, 'chat', toRoleText(role, text), why.has(p.jid));
      reached.value = { inReplyTo: id, role, people };
      done();
    } catch (err) {
      if (!current()) return;
      if (notNow(err)) return failed(id, serviceAway(err) ? AWAY : OFFLINE);
      // Refused: nothing was recorded.
      void withdrawals.forget(id);
      error.value = refusalText(err, 'The message could not be sent.');
      done();
    }
  }

  function cancelled(id: string, more = ''): void {
    if (waitingFor !== id) return;
    error.value = CANCELLED + more;
    done();
  }

  /**
   * Cancelled after role-resolve recorded whom it reached: withdrawn, so the record says it reached nobody. Recording
   * at resolve and withdrawing on a cancel (rather than asking first and recording in a second call) keeps the usual
   * send, and the outbox's resend with the same id, to one role-resolve (component/src/roles/withdraw-command.ts).
   */
  async function withdrawn(id: string, role: string): Promise<void> {
    cancelled(id, (await withdrawals.withdraw(id, role)) ? '' : NOT_WITHDRAWN);
  }

  /** Not now (the service away, no stream): it waits, saying so, and is sent again after a pause until it goes. */
  function failed(id: string, reason: string): void {
    const p = pending;
    if (!p || p.id !== id) return;
    clearTimeout(timer);
    const tried = p.tries === 1 ? 'once' : `${p.tries} times`;
    retrying.value = `Your message to ${p.role} has not gone yet. ${reason} It goes by itself as soon as it can (tried ${tried}).`;
    timer = setTimeout(() => void transmit(), resendAfter(p.tries));
  }

  /** It waited longer than a message goes by itself: nothing is sent again until the user says so. */
  function holdOld(p: NonNullable<typeof pending>): void {
    clearTimeout(timer);
    retrying.value = '';
    tooOld.value = `Your message to ${p.role} was written ${waitedFor(p.at)} ago and has not gone yet. Send it still?`;
  }

  /** The user's answer: it goes now, as written now; or it does not go (withdrawn if it was resolved). */
  async function sendOld(send: boolean): Promise<void> {
    const p = pending;
    if (!p || !tooOld.value) return;
    tooOld.value = '';
    if (!send) {
      done();
      return void (await (p.resolved ? withdrawals.withdraw(p.id, p.resolved) : withdrawals.forget(p.id)));
    }
    p.at = new Date().toISOString();
    await withdrawals.open(p.id, p.role, p.text, p.plain, p.at);
    await transmit();
  }

  /** A message still to go from before (a reload, signing in again): it goes now, as the user sent it. */
  async function resume(): Promise<void> {
    if (busy.value || !connection.config?.opsHost) return;
    const w = await withdrawals.resumable();
    if (!w?.text || busy.value) return;
    waitingFor = w.id;
    busy.value = true;
    await start(w.id, w.role, w.text, !!w.plain, w.at);
  }

  /** Roles someone in the directory holds, for the picker. */
  const known = computed(() => [...new Set(directory.entries.flatMap((e) => e.roles))].sort());

  connection.onStanza((el) => {
    const ops = connection.config?.opsHost;
    if (!ops) return;
    const r = parseReached(el, ops);
    if (r && r.inReplyTo === waitingFor) {
      reached.value = r;
      void withdrawals.forget(r.inReplyTo);
      done();
    }
    const bounce = parseBounce(el, ops);
    if (bounce?.transient && bounce.id === pending?.id) return failed(bounce.id, bounce.reason);
    const e = parseRoleError(el, ops);
    if (e && e.id === waitingFor) {
      error.value = e.text;
      void withdrawals.forget(e.id);
      done();
    }
  });
  // Back online: what waits goes now, not at the end of its pause.
  const again = () => void (pending ? !pending.asked && transmit() : resume());
  connection.onReady(again);
  connection.onResumed(again);
  // Signing out with a question open: cancelled while the session is up, so it can be withdrawn at once. One still
  // waiting for the service is not sent after all (the outbox is this person's): withdrawn the same way.
  connection.onSigningOut(async () => {
    choose(false);
    const p = pending;
    if (!p || p.asked) return;
    done();
    await (p.resolved ? withdrawals.withdraw(p.id, p.resolved) : withdrawals.forget(p.id));
  });
  connection.onLogout(() => {
    choose(false);
    done();
    reached.value = null;
    error.value = '';
  });

  async function send(role: string, text: string): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    reached.value = null;
    error.value = '';
    if (!client || !ops || connection.state !== 'online') {
      error.value =
        'You are offline. A message to a role is sent when you are online, so that it reaches whoever is on duty then.';
      return;
    }
    choose(false); // a question still open is answered: that message is not sent
    done();
    waitingFor = crypto.randomUUID();
    busy.value = true;
    const id = waitingFor;
    const name = role.trim().toLowerCase();
    const plain = !(await omemo.session());
    if (plain) {
      // Encryption could not start here: through the component the words would be readable by the server.
      const why = `${CANNOT['no-session']}, so it would go through the hospital server, readable by it`;
      if (!(await ask([{ name: `Whoever holds "${name}" on duty`, why }]))) return cancelled(id);
    }
    const at = new Date().toISOString();
    await withdrawals.open(id, name, text.trim(), plain, at);
    await start(id, name, text.trim(), plain, at);
  }

  /** Sends it, with its id: the same each time, so the component names the same people and keeps one record. */
  async function start(id: string, role: string, text: string, plain: boolean, at = ''): Promise<void> {
    if (plain) {
      const to = { jid: `${role}@${connection.config?.opsHost}`, type: 'chat' as const };
      // The same stanza each time: its id and origin-id let the component deliver a repeat once.
      const stanza = await messages.compose(to, { kind: 'text', body: text }, id);
      const go = (c: Client) => c.send(stanza).catch(() => failed(id, 'The message could not leave this device.'));
      pending = { id, role, text, plain, at, tries: 0, go };
    } else {
      const go = (_: Client, tries: number) => goEncrypted(id, role, text, tries);
      pending = { id, role, text, plain, at, tries: 0, go, resolved: role };
    }
    await transmit();
  }

  return {
    known,
    reached,
    error,
    busy,
    retrying,
    tooOld,
    unencrypted,
    send,
    /** The user's answer while asked: send it unencrypted to those it cannot be encrypted for, or cancel it. */
    sendUnencrypted: () => choose(true),
    cancel: () => choose(false),
    /** The user's answer to a message that waited too long: send it still, or not. */
    sendOld,
  };
});
