// Who hears what about a request (protocol/README.md, "Quick responses"):
// the request itself to each person asked (or once into the room) and its
// sender's own copy, the sender a <state/> on every answer, everyone asked (or
// the room) when the status changes, and the person who answered a
// confirmation otherwise.
import { randomUUID } from 'node:crypto';
import { requestMessage, stateMessage } from '../responses/codec.ts';
import { statusLine } from '../responses/words.ts';
import type { Recipient, StoredAnswer, StoredRequest } from '../store/types.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Element } from '../xmpp/xml.ts';

export interface NotifyDeps {
  readonly opsHost: string;
  readonly send: (el: Element) => void;
  readonly muc: Muc;
  /** The request as stored now: with it, tally updates to the sender coalesce and send the latest. */
  readonly current?: (id: string) => Promise<StoredRequest | undefined>;
}

/**
 * The sender's tally updates within this window go out as one, with the latest state: a hundred answers at
 * once would otherwise send the sender a hundred states of up to a hundred answers each. Status changes go at once.
 */
export const TALLY_WINDOW_MS = 50;

export class Notify {
  private readonly deps: NotifyDeps;
  /** Per request: the answers waiting for the next tally update to the sender. */
  private readonly tallies = new Map<string, string[]>();

  constructor(deps: NotifyDeps) {
    this.deps = deps;
  }

  /** The request to `people` (all of them when sent; the newly asked after an escalation). */
  async request(r: StoredRequest, people: readonly Recipient[] = r.recipients): Promise<void> {
    const { opsHost, send } = this.deps;
    if (r.audience.kind === 'room' && people === r.recipients) {
      await this.deps.muc.enter(r.audience.room);
      send(requestMessage(r, opsHost, r.audience.room, 'groupchat'));
      return;
    }
    for (const p of people) send(requestMessage(r, opsHost, p.jid, 'chat'));
  }

  /**
   * The sender's own copy of a request to people or a role (a room's is in the room), to their bare JID so every
   * device and the archive keep it; `chat` is where they sent it from, where their clients show it.
   */
  own(r: StoredRequest, chat: string | undefined): void {
    if (r.audience.kind !== 'room') this.deps.send(requestMessage(r, this.deps.opsHost, r.sender, 'chat', chat));
  }

  /** The status changed: everyone asked (or the room) and the sender hear it. */
  async status(r: StoredRequest, except: readonly string[] = []): Promise<void> {
    const { opsHost, send } = this.deps;
    const body = statusLine(r);
    const tag = randomUUID().slice(0, 8);
    if (r.audience.kind === 'room') {
      await this.deps.muc.enter(r.audience.room);
      send(stateMessage(r, opsHost, r.audience.room, 'groupchat', body, tag));
    } else
      for (const p of r.recipients)
        if (!except.includes(p.jid)) send(stateMessage(r, opsHost, p.jid, 'chat', body, tag));
    send(stateMessage(r, opsHost, r.sender, 'chat', body, tag));
  }

  /** After an answer: the sender sees it; the status change goes to everyone, or else the person who answered is told it counted. */
  async answered(before: StoredRequest, after: StoredRequest, a: StoredAnswer): Promise<void> {
    const { opsHost, send } = this.deps;
    const label = after.choices.find((c) => c.value === a.choice)?.label ?? a.choice;
    const tag = randomUUID().slice(0, 8);
    if (before.status !== after.status) {
      await this.status(after);
      if (after.audience.kind !== 'room') return;
    } else if (this.deps.current) this.tally(this.deps.current, after.id, `${a.name}: ${label}`);
    else
      send(stateMessage(after, opsHost, after.sender, 'chat', `${a.name}: ${label}. ${statusLine(after)}`, tag, true));
    send(stateMessage(after, opsHost, a.by, 'chat', `Your answer: ${label}. ${statusLine(after)}`, tag, true));
  }

  /** One tally update to the sender per window, from the stored state when it goes. */
  private tally(current: NonNullable<NotifyDeps['current']>, id: string, line: string): void {
    const waiting = this.tallies.get(id);
    if (waiting) return void waiting.push(line);
    this.tallies.set(id, [line]);
    setTimeout(() => {
      const lines = this.tallies.get(id) ?? [];
      this.tallies.delete(id);
      void current(id).then(
        (r) => {
          if (!r) return;
          const what = lines.length === 1 ? `${lines[0]}.` : `${lines.length} answers.`;
          const body = `${what} ${statusLine(r)}`;
          this.deps.send(stateMessage(r, this.deps.opsHost, r.sender, 'chat', body, randomUUID().slice(0, 8), true));
        },
        () => {},
      ); // the store closed meanwhile (a stop): the next status change or `requests` says it all
    }, TALLY_WINDOW_MS).unref();
  }
}
