// Addresses and sessions the fuzzed accounts learn as the run goes, for the
// seeds that answer what the component sent them (seeds-answers.ts): the
// rooms they were invited to or hear from, the req-<id> addresses requests
// came from, and the command sessions the component opened for them (kept
// past their idle expiry on purpose). Bounded: the newest are kept.
import { NS_COMMANDS, NS_CONFERENCE, NS_MUC_USER } from '@bleep/protocol';
import type { XmlElement } from '@bleep/prosody-config/test-client';

export interface Live {
  readonly rooms: string[];
  readonly requests: string[];
  readonly sessions: { readonly node: string; readonly sessionid: string }[];
}

const KEEP = 50;

export const newLive = (): Live => ({ rooms: [], requests: [], sessions: [] });

/** Adds `item` unless there; true when it is new. */
function keep<T>(list: T[], item: T, same: (a: T) => boolean): boolean {
  if (list.some(same)) return false;
  list.push(item);
  if (list.length > KEEP) list.shift();
  return true;
}

const bare = (jid: string) => jid.split('/')[0]!;

/**
 * Learns from one stanza an account received; `muc` is conference.<domain>, `ops` the component. Returns the
 * rooms it was invited to that it did not know yet (the driver enters them, as a client accepts an invitation).
 */
export function learn(live: Live, el: XmlElement, muc: string, ops: string): string[] {
  const from = el.attrs.from ?? '';
  const invitedTo: string[] = [];
  // A bounce comes back from the address it was sent to: that teaches nothing.
  if (el.name === 'message' && el.attrs.type !== 'error') {
    const room = bare(from);
    // XEP-0045 §7.8.2 mediated invitation (from the room), XEP-0249 direct one (names the room), or room traffic.
    const direct = el.getChild('x', NS_CONFERENCE)?.attrs.jid;
    const invited = el.getChild('x', NS_MUC_USER)?.getChild('invite') ? room : direct;
    if (invited?.endsWith(`@${muc}`) && keep(live.rooms, invited, (x) => x === invited)) invitedTo.push(invited);
    if (el.attrs.type === 'groupchat' && room.endsWith(`@${muc}`)) keep(live.rooms, room, (x) => x === room);
  }
  // A request comes from its address; its posts and alarms name it ("reply to req-…"), and so do the
  // `requests` command's rows. Not from a bounce, which comes back from any address it was sent to.
  if (el.attrs.type !== 'error') {
    const named = el.toString().match(/\breq-[A-Za-z0-9_-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*/g) ?? [];
    for (const r of named) if (r.endsWith(`@${ops}`)) keep(live.requests, r, (x) => x === r);
  }
  if (el.name === 'iq' && el.attrs.type === 'result') {
    const c = el.getChild('command', NS_COMMANDS);
    if (c?.attrs.node && c.attrs.sessionid && c.attrs.status === 'executing') {
      const s = { node: c.attrs.node, sessionid: c.attrs.sessionid };
      keep(live.sessions, s, (x) => x.sessionid === s.sessionid);
    }
  }
  return invitedTo;
}
