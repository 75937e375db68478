// An answer typed in the room a request or an alarm was posted in (issue #10,
// the quick-response issue): a plain client's "1" in Profanity or Converse.
// The whole body must be an answer to the newest request posted in the room
// (responses/match.ts, as the req-<id> address reads it), from an occupant the
// component saw come in: their real JID is the room's word (occupants.ts),
// never the message's. It then takes the req-<id> path (answer.ts): the same
// permission, rule, tally, audit and room post. Anything else is chat.
import { NS_DELAY, TEMPLATE_LIMITS } from '@bleep/protocol';
import type { Authz } from '../authz.ts';
import { parseAnswer, refusalMessage } from '../responses/codec.ts';
import { matchChoice } from '../responses/match.ts';
import type { StoredRequest } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import { NICK } from '../xmpp/muc-stanzas.ts';
import type { Occupant } from '../xmpp/occupants.ts';
import { parseCaller } from '../xmpp/router.ts';
import type { Element } from '../xmpp/xml.ts';
import { takeAnswer, type AnswerDeps } from './answer.ts';

export interface RoomAnswerDeps extends AnswerDeps {
  readonly authz: Authz;
  readonly opsHost: string;
  /** conference.<domain>: only its rooms' messages are read (anyone can send a "groupchat" from their own JID). */
  readonly mucHost: string;
  readonly send: (el: Element) => void;
}

/** Longer than any choice's label with room for a final "!!" and spaces: chat, not looked up in the store. */
const LONGEST = 2 * TEMPLATE_LIMITS.choiceLabel;

/**
 * The newest open request posted in `room`, else the newest (so that a late answer hears it is closed).
 * This runs for every short message in every room the component sits in; most rooms have no request, and
 * the requests' room column and index (migration 0020) answer those without reading a row. An index, not a
 * set of rooms kept in memory: the database stays the one place that knows, for every process on it and
 * after any restart, with nothing to keep in step where requests are posted, closed, expire or are purged.
 */
async function postedIn(deps: RoomAnswerDeps, room: string): Promise<StoredRequest | undefined> {
  // One request read, with its recipients and answers, however many a department room has had.
  return (await deps.store.responses.list({ room, openFirst: true, limit: 1 }))[0];
}

/** The occupant behind `nick`; after a component restart the room is entered again first to learn them (muc.ts). */
async function occupantOf(deps: RoomAnswerDeps, room: string, nick: string): Promise<Occupant | undefined> {
  const known = deps.muc.occupants.get(room, nick);
  if (known || deps.muc.isIn(room)) return known;
  await deps.muc.reenter(room);
  return deps.muc.occupants.get(room, nick);
}

export function roomAnswer(deps: RoomAnswerDeps) {
  return async (stanza: Element): Promise<void> => {
    const from = stanza.attrs.from ?? '';
    const slash = from.indexOf('/');
    const body = stanza.getChildText('body') ?? '';
    // XEP-0203: history the room replays carries <delay/>; the component's own posts come back under its nick.
    if (slash < 0 || !body.trim() || body.length > LONGEST || stanza.getChild('delay', NS_DELAY)) return;
    const room = from.slice(0, slash).toLowerCase();
    const nick = from.slice(slash + 1);
    if (nick === NICK || !room.endsWith(`@${deps.mucHost}`)) return;
    const r = await postedIn(deps, room);
    if (!r || !matchChoice(r.choices, body)) return;
    const occupant = await occupantOf(deps, room, nick);
    if (!occupant) return;
    const caller = parseCaller(occupant.jid)!;
    try {
      await deps.authz.require(caller, 'staff', 'answer a request');
      await takeAnswer(deps, caller, `req-${r.id}`, (current) => parseAnswer(stanza, current));
    } catch (err) {
      if (!(err instanceof BleepError)) throw err;
      deps.send(refusalMessage(r, deps.opsHost, occupant.jid, err.message));
    }
  };
}
