// The component's hand on Prosody's MUC: join (and wait for status 110),
// configure, affiliations one item per IQ, affiliation lists, direct invitations
// (the mediated ones carry alarms: alarms/codec.ts).
// It also remembers which rooms the component is in, for posting (enter):
// Prosody forgets every occupant when it restarts, so a new link forgets them
// here too (relinked), and the next post enters the room again.
import type { IqCaller } from './iq-caller.ts';
import {
  AFFILIATIONS,
  affiliationIq,
  affiliationList,
  affiliationListIq,
  configureIq,
  roomFormIq,
  directInvite,
  joinPresence,
  joinRefusal,
  leavePresence,
  roomMessage,
  selfPresence,
  type Affiliation,
  type RoomFields,
} from './muc-stanzas.ts';
import { Occupants } from './occupants.ts';
import type { Element } from './xml.ts';

export { AFFILIATIONS, type Affiliation, type RoomFields };

export interface MucDeps {
  /** The component's JID: every stanza goes out from it. */
  readonly from: string;
  readonly iq: IqCaller;
  readonly send: (el: Element) => void;
  readonly joinTimeoutMs?: number;
}

export class Muc {
  private readonly deps: MucDeps;
  private readonly joining = new Map<string, { done: (created: boolean) => void; refused: (err: Error) => void }>();
  /** Rooms the component is in on the current link to Prosody. */
  private readonly inside = new Set<string>();
  /** enter()s under way, so that posts at once into one room join it once. */
  private readonly entering = new Map<string, Promise<boolean>>();
  /** Who else is in those rooms (the typed answers: requests/room-answer.ts). */
  readonly occupants = new Occupants();

  constructor(deps: MucDeps) {
    this.deps = deps;
  }

  /** Takes our own presence back from a room (router presence handler); false for any other presence. */
  readonly onPresence = (stanza: Element): boolean => {
    const refusal = joinRefusal(stanza);
    const refused = refusal && this.joining.get(refusal.room);
    if (refusal && refused) {
      this.joining.delete(refusal.room);
      refused.refused(new Error(`${refusal.room} refused the component (${refusal.condition})`));
      return true;
    }
    const self = selfPresence(stanza);
    if (!self) {
      this.occupants.onPresence(stanza);
      return false;
    }
    if (self.left) {
      this.inside.delete(self.room);
      this.occupants.forgetRoom(self.room);
      return true;
    }
    const done = this.joining.get(self.room);
    if (!done) return false;
    this.joining.delete(self.room);
    this.inside.add(self.room);
    done.done(self.created);
    return true;
  };

  /**
   * The link to Prosody is new (every connection, the first too). A Prosody restart drops every occupant, the
   * component included, so it is in no room any more: posts enter again first. Joins in flight went out on
   * the old link (or not at all) and go again on this one.
   */
  relinked(): void {
    this.inside.clear();
    this.occupants.clear();
    for (const room of this.joining.keys()) this.deps.send(joinPresence(this.deps.from, room));
  }

  /** Makes sure the component is in the room before it posts there: joins once per link, not at every post. */
  async enter(room: string): Promise<void> {
    if (this.inside.has(room)) return;
    let entering = this.entering.get(room);
    if (!entering) {
      entering = this.join(room).finally(() => this.entering.delete(room));
      this.entering.set(room, entering);
    }
    await entering;
  }

  /**
   * Enters again a room Prosody may still count the component in from an earlier run (a component restart keeps
   * its occupant): entering while in is only a presence change, and the room sends nobody's presence; after
   * leaving, it sends everyone's (occupants). Once per link per room, as enter().
   */
  async reenter(room: string): Promise<void> {
    if (this.inside.has(room)) return;
    let entering = this.entering.get(room);
    if (!entering) {
      this.deps.send(leavePresence(this.deps.from, room));
      entering = this.join(room).finally(() => this.entering.delete(room));
      this.entering.set(room, entering);
    }
    await entering;
  }

  /** Whether the component is in the room on the current link (it answered a join with status 110). */
  isIn(room: string): boolean {
    return this.inside.has(room);
  }

  /** Enters the room and resolves once it answers with status 110: true when the join created it (201); rejects when the room refuses. */
  join(room: string): Promise<boolean> {
    const timeoutMs = this.deps.joinTimeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.joining.delete(room);
        reject(new Error(`${room} did not let the component in within ${timeoutMs} ms`));
      }, timeoutMs);
      this.joining.set(room, {
        done: (created) => (clearTimeout(timer), resolve(created)),
        refused: (err) => (clearTimeout(timer), reject(err)),
      });
      this.deps.send(joinPresence(this.deps.from, room));
    });
  }

  leave(room: string): void {
    this.inside.delete(room);
    this.occupants.forgetRoom(room);
    this.deps.send(leavePresence(this.deps.from, room));
  }

  /** Submits ROOM_CONFIG, the room's name and `extra` fields (e.g. muc#roomconfig_presencebroadcast: ['moderator']). */
  async configure(room: string, name: string, extra: RoomFields = {}): Promise<void> {
    await this.deps.iq.request(configureIq(this.deps.from, room, name, extra));
  }

  /** Changes only the `fields` given of a room's configuration (alarms/room.ts: members-only and persistent at the end). */
  async reconfigure(room: string, fields: RoomFields, timeoutMs?: number): Promise<void> {
    await this.deps.iq.request(roomFormIq(this.deps.from, room, fields), timeoutMs);
  }

  /** Sets one affiliation (one item per IQ: Prosody 0.12 applies only the first of a set). */
  async setAffiliation(room: string, jid: string, affiliation: Affiliation, timeoutMs?: number): Promise<void> {
    await this.deps.iq.request(affiliationIq(this.deps.from, room, jid, affiliation), timeoutMs);
  }

  /**
   * Says `text` in the room as the component, entering it first. Bleep never destroys a room it made (XEP-0045
   * §10.9 would take its archive with it): one nobody needs any more is made read-only (rooms/read-only.ts).
   */
  async say(room: string, text: string): Promise<void> {
    await this.enter(room);
    this.deps.send(roomMessage(this.deps.from, room, text));
  }

  /** The component's own JID: owner of the rooms it made. */
  get jid(): string {
    return this.deps.from;
  }

  /** Every JID with an affiliation in the room: one list IQ per affiliation, as Prosody reads one item per IQ. */
  async affiliations(room: string): Promise<Map<string, Affiliation>> {
    const { from, iq } = this.deps;
    const lists = await Promise.all(AFFILIATIONS.map((a) => iq.request(affiliationListIq(from, room, a))));
    const current = new Map<string, Affiliation>();
    lists.forEach((list, i) => affiliationList(list).forEach((jid) => current.set(jid, AFFILIATIONS[i]!)));
    return current;
  }

  /** XEP-0249 direct invitation from the component; `reason` is shown to the person (the room's name). */
  inviteDirect(to: string, room: string, reason: string): void {
    this.deps.send(directInvite(this.deps.from, to, room, reason));
  }
}
