// Every conversation, 1:1 and room alike, in one store: incoming messages go
// through the pipeline (pipeline.ts) into their conversation (receive.ts),
// history comes from the archives (archive.ts), what the user writes goes out
// through one builder (outbound.ts) and waits in the account's outbox
// (outgoing.ts). The chat and rooms features add what is theirs: carbons,
// joining rooms, who is in them.
import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import type { Client, XmlElement } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { bare } from '../../xmpp/jid.ts';
import { request } from '../../xmpp/session.ts';
import { createArchive } from './archive.ts';
import type { ConversationType, MessageContent } from './content.ts';
import { createMarkers } from './markers.ts';
import { AskFirst, createOutbound } from './outbound.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { createOutgoing } from './outgoing.ts';
import { createPipeline } from './pipeline.ts';
import { createReceiver } from './receive.ts';
import { createAnswering } from './answering.ts';
import type { Alarm } from './kinds/alarm-codec.ts';
import type { IncidentNews } from './kinds/open-incidents-codec.ts';
import { createRequestStates } from './requests.ts';
import { RETRY_HELD_MS, retryAsking } from './resend-timing.ts';
import { securityOfSent, type Security } from './security.ts';
import { outboxSettings } from './settings.ts';
import { newConversation, WAITING, type Conversation, type Line } from './timeline.ts';
import { createEditing } from './editing.ts';
import { listeners } from './listeners.ts';
import { typingSender, typingShown } from './typing.ts';

export const useMessages = defineStore('messages', () => {
  const connection = useConnection();
  const all = reactive(new Map<string, Conversation>());
  /** The conversation open now, '' for none. */
  const active = ref('');
  const settings = outboxSettings();
  let client: Client | null = null;
  /** The signed-in account's outbox, once open. */
  let outbox: Promise<Outbox | null> = Promise.resolve(null);
  /** The real JID behind a nick in a room now; the rooms feature knows who is in each. */
  let occupant = (_room: string, _nick: string) => '';
  let whois: ((room: string, nick: string) => Promise<string>) | undefined;
  const incoming = listeners<[Conversation, Line]>();
  const alarms = listeners<[Alarm, boolean]>();
  const incidentNews = listeners<[IncidentNews]>();

  const online = () => !!client && connection.state === 'online';
  const canSend = (c: Conversation) => online() && c.ready;
  const visible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

  function conversation(jid: string, type: ConversationType): Conversation {
    if (!all.has(jid)) all.set(jid, newConversation(jid, type));
    return all.get(jid)!;
  }

  const outbound = createOutbound();
  /** The lock of each message of ours as it went out, by id (until sign-out). */
  const sentSecurity = new Map<string, Security>();
  /** Why a message of ours has not gone yet, by id: a transform (encryption) held it back. */
  const heldBack = new Map<string, { reason: string; ask: boolean; tries: number }>();
  /** A held message: the reason on its line, tried again later (sooner if it asks: a device may come meanwhile). */
  function hold(c: Conversation, id: string, err: unknown): void {
    const tries = (heldBack.get(id)?.tries ?? 0) + 1;
    const held = { reason: err instanceof Error ? err.message : String(err), ask: err instanceof AskFirst, tries };
    heldBack.set(id, held);
    const line = c.lines.find((l) => l.id === id && l.mine);
    if (line) Object.assign(line, { held: held.reason, ask: held.ask });
    setTimeout(() => void outgoing.flush((p) => p.id === id), held.ask ? retryAsking(tries) : RETRY_HELD_MS);
  }
  async function transmit(c: Conversation, content: MessageContent, id?: string): Promise<void> {
    const link = client;
    if (!link) throw new Error('Not connected.');
    let stanza: XmlElement;
    try {
      stanza = await outbound.compose({ jid: c.jid, type: c.type }, content, id);
    } catch (err) {
      if (id) hold(c, id, err);
      throw err;
    }
    await link.send(stanza);
    if (!id) return;
    heldBack.delete(id);
    const security = securityOfSent(stanza, connection.config?.opsHost ?? '');
    sentSecurity.set(id, security);
    const line = c.lines.find((l) => l.id === id && l.mine);
    if (line) Object.assign(line, { security, held: '', ask: false });
  }

  const typingIn = typingShown((jid, who, on) => {
    const c = all.get(jid);
    if (c) c.typing = on ? [...new Set([...c.typing, who])] : c.typing.filter((w) => w !== who);
  });
  const typingOut = typingSender((jid, state) => {
    const c = all.get(jid);
    if (c && canSend(c)) void transmit(c, { kind: 'chatstate', state }).catch(() => {});
  });
  const requests = createRequestStates();
  const answering = createAnswering({
    online,
    send: async (to, content, id) => {
      if (!client) throw new Error('Not connected.');
      await client.send(await outbound.compose(to, content, id));
    },
    opsHost: () => connection.config?.opsHost ?? '',
  });
  const markers = createMarkers({ send: (c, content) => transmit(c, content), canSend, visible });
  const receiver = createReceiver({
    conversation,
    typing: (c, who, state) => typingIn.show(c.jid, who, state),
    markers,
    active: () => active.value,
    visible,
    incoming: incoming.tell,
    archived: (c, id) => (c.type === 'chat' ? archive.seenMine(id) : (c.newestArchiveId = id)),
    requestState: (state) => requests.apply(state, all.values()),
    requestPlaced: (line, own) => requests.placed(line, own),
    alarm: alarms.tell,
    incidentNews: incidentNews.tell,
  });
  const pipeline = createPipeline(
    () => ({
      me: connection.account,
      mucHost: connection.config?.mucHost ?? '',
      opsHost: connection.config?.opsHost ?? '',
      occupant,
      whois,
    }),
    (ev) => archive.collect(ev) || receiver.live(ev),
  );
  const archive = createArchive({
    request: (iq) => (client ? request(client, iq) : Promise.reject(new Error('Not connected.'))),
    drain: () => pipeline.drain(),
    online,
    older: receiver.older,
    newer: receiver.newer,
  });
  const outgoing = createOutgoing({
    conversation,
    canSend,
    transmit,
    sentSecurity: (id) => sentSecurity.get(id) ?? '',
    heldBack: (id) => heldBack.get(id) ?? { reason: '', ask: false, tries: 0 },
    account: () => connection.account,
    outbox: () => outbox,
    maxAge: () => settings.maxAgeMs.value,
  });

  // Each account its own outbox, open from the start of a sign-in (messages
  // written before the stream is up wait there too).
  watch(
    () => connection.account,
    (account) => {
      outbox = account ? openOutbox(account) : Promise.resolve(null);
      if (account) void outgoing.show();
    },
    { immediate: true, flush: 'sync' },
  );

  connection.onStanza((el) => {
    pipeline.push(el);
    answering.refused(el);
  });
  connection.onReady(async (c) => {
    client = c;
    outgoing.newStream();
    markers.newStream();
    await outbox;
    if (client !== c) return;
    // Rooms send theirs once the room has the user in (entered).
    await outgoing.flush((p) => p.type === 'chat');
    await archive.catchUpMine().catch(() => {});
    const open = all.get(active.value);
    if (open?.type === 'chat' && !open.oldestArchiveId) await archive.loadOlder(open);
  });
  // A resumed stream kept the session and every room: send what was written meanwhile.
  connection.onResumed(() => void outgoing.flush(() => true));
  connection.onDelivery((outcome, stanza) => outgoing.settle(outcome, stanza, all.get(bare(stanza.attrs.to))));
  connection.onLogout((account) => {
    markers.clear();
    typingIn.clear();
    receiver.clear();
    archive.clear();
    all.clear();
    requests.clear();
    answering.clear();
    sentSecurity.clear();
    heldBack.clear();
    active.value = '';
    client = null;
    outbox = Promise.resolve(null);
    // What this person left unsent goes with them: it is never sent from someone else's session, nor days later.
    if (account) void openOutbox(account).then((o) => outgoing.forget(o));
  });

  const editing = createEditing({ conversation: (jid) => all.get(jid), canSend, transmit });

  function markRead(c: Conversation): void {
    c.unread = 0;
    markers.read(c);
  }

  return {
    conversations: all,
    active,
    maxAgeMs: settings.maxAgeMs,
    setMaxAge: settings.setMaxAge,
    conversation,

    /** `plain`: the user already chose to send it unencrypted if it cannot be encrypted (role messages). */
    async send(jid: string, type: ConversationType, text: string, plain = false): Promise<void> {
      const body = text.trim();
      if (!body) return;
      typingOut.sent();
      await outgoing.send(jid, type, { kind: 'text', body, ...(plain && { plain }) });
    },
    /** An attachment, already encrypted and uploaded (features/media): its aesgcm:// link goes as a message. */
    async sendMedia(jid: string, type: ConversationType, link: string): Promise<void> {
      await outgoing.send(jid, type, { kind: 'media', body: link });
    },
    /** XEP-0308 corrections and XEP-0424 retractions of the user's own messages (editing.ts). */
    correct: editing.correct,
    retract: editing.retract,
    /** A message that waited too long: the user sends it now, or discards it. */
    async sendNow(jid: string, id: string): Promise<void> {
      const c = all.get(jid);
      if (c) await outgoing.sendNow(c, id);
    },
    /** A message that cannot be encrypted (its line asks): the user chose to send it unencrypted. */
    async sendUnencrypted(jid: string, id: string): Promise<void> {
      const c = all.get(jid);
      if (c) await outgoing.sendPlain(c, id);
    },
    async discard(jid: string, id: string): Promise<void> {
      const c = all.get(jid);
      if (c) await outgoing.discard(c, id);
    },
    /** How many of the user's messages have not reached the server (said before sign-out). */
    unsent: () => [...all.values()].flatMap((c) => c.lines).filter((l) => l.mine && WAITING.has(l.status)).length,
    typed(jid: string): void {
      const c = all.get(jid);
      if (c && canSend(c)) typingOut.typed(jid);
    },

    open(jid: string, type: ConversationType): void {
      active.value = jid;
      const c = conversation(jid, type);
      c.unread = 0;
      // First open: the newest archive page, even if live messages arrived before.
      if (c.ready && !c.historyComplete && !c.oldestArchiveId) void archive.loadOlder(c).then(() => markRead(c));
      else markRead(c);
    },
    close(): void {
      active.value = '';
    },
    async loadOlder(jid: string): Promise<void> {
      const c = all.get(jid);
      if (c) await archive.loadOlder(c);
    },

    /** The room has the user in: what was written meanwhile goes, and what was missed comes (a new room has nothing). */
    async entered(jid: string, created = false): Promise<void> {
      const c = conversation(jid, 'groupchat');
      c.ready = true;
      if (created) c.historyComplete = true;
      await outgoing.flush((p) => p.to === jid);
      if (!created) await archive.catchUpRoom(c).catch(() => {});
      if (active.value === jid) markRead(c);
    },
    left(jid: string): void {
      const c = all.get(jid);
      if (c) c.ready = false;
    },
    /** Requests' newest states by request id (their lines show them too). */
    requestStates: requests.states,
    answers: answering.answers,
    /** One tap answers a request (issue #8). */
    answer: answering.answer,
    /** The rooms feature tells who is behind each nick (from the rooms' presence), and asks the room when not known. */
    identify(
      resolve: (room: string, nick: string) => string,
      ask?: (room: string, nick: string) => Promise<string>,
    ): void {
      occupant = resolve;
      whois = ask;
    },
    /** Features told of each new message from someone else (notifications). */
    onIncoming: incoming.add,
    /** The alarms feature is told of each preset alarm for the user (issue #10). */
    onAlarm: alarms.add,
    /** The map and the Incidents tab are told of each change of the open incidents (dispatchers, issue #10). */
    onIncidentNews: incidentNews.add,
    /** The one way to build a message (role messages are sent with it too). */
    compose: outbound.compose,
    /** OMEMO plugs in here: decrypt incoming, encrypt outgoing. */
    useInbound: pipeline.use,
    useOutbound: outbound.use,
  };
});
