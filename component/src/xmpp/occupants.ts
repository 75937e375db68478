// Who is in the rooms the component is in: each occupant's nick and real JID,
// from the presences the room sends its occupants. Bleep's rooms are
// non-anonymous (muc#roomconfig_whois = anyone), and the component is their
// owner, so every presence carries the real JID (XEP-0045 §7.2.3). A groupchat
// message names only its sender's nick: this is how the component knows who
// typed it (requests/room-answer.ts), never from anything in the message.
import { NS_MUC_USER } from '@bleep/protocol';
import type { Element } from './xml.ts';

export interface Occupant {
  /** The occupant's real full JID, as the room reports it. */
  readonly jid: string;
}

export class Occupants {
  /** room → nick → occupant. */
  private readonly rooms = new Map<string, Map<string, Occupant>>();

  /** Takes note of an occupant's presence (joined, changed, left); anything else is ignored. */
  onPresence(p: Element): void {
    const from = p.attrs.from ?? '';
    const slash = from.indexOf('/');
    const item = p.getChild('x', NS_MUC_USER)?.getChild('item');
    if (p.name !== 'presence' || slash < 0 || !item) return;
    const room = from.slice(0, slash).toLowerCase();
    const nick = from.slice(slash + 1);
    if (p.attrs.type === 'unavailable') {
      this.rooms.get(room)?.delete(nick);
      return;
    }
    if (p.attrs.type || !item.attrs.jid) return;
    let nicks = this.rooms.get(room);
    if (!nicks) this.rooms.set(room, (nicks = new Map()));
    nicks.set(nick, { jid: item.attrs.jid });
  }

  /** The occupant now behind `nick` in `room`, if the component saw them come in. */
  get(room: string, nick: string): Occupant | undefined {
    return this.rooms.get(room.toLowerCase())?.get(nick);
  }

  /** The component left the room: it hears nothing of it any more. */
  forgetRoom(room: string): void {
    this.rooms.delete(room.toLowerCase());
  }

  /** A new link to Prosody: the component is in no room. */
  clear(): void {
    this.rooms.clear();
  }
}
