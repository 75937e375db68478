// Who is behind each nick in the rooms the user is in, from the rooms' own
// presence only (XEP-0045 §7.2.3: a non-anonymous room puts the real JID in
// each occupant's presence); a nick alone never names anyone.
//
// A live message can come from a nick whose real JID is not known: when the
// room became non-anonymous (status 172) after the user came in, Prosody sends
// no presence again (muc.lib.lua resends it only on a moderator change), so
// what was seen says nothing of those already in. whois() then asks the room
// for its occupant list again, as after a desync (XEP-0045 §7.2.2: a join
// presence from an occupant; Prosody's handle_normal_presence sends the list
// when it has the MUC <x/>), and waits for the room's answer, bounded. The
// OMEMO step needs the sender's JID to find its session (issue #11).
import type { Occupant } from './codec.ts';

/** Long enough for any room that answers; a room that does not leaves the sender unknown, as before. */
export const WHOIS_WAIT_MS = 5_000;

interface Waiter {
  readonly nick: string;
  readonly done: (jid: string) => void;
}

/**
 * `table(room)`: the room's nick → real bare JID ('' when the room does not say), kept where the app shows it
 * (undefined for a room the app does not have);
 * `ask(room, nick)`: send the user's join presence again under their nick there.
 */
export function createOccupants(
  table: (room: string) => Record<string, string> | undefined,
  askRoom: (room: string, nick: string) => void,
) {
  /** The user's own nick in each room they are in. */
  const mine = new Map<string, string>();
  /** Rooms whose occupant list came since who sees JIDs last changed: a nick without a JID there has none to give. */
  const current = new Set<string>();
  /** Rooms asked for their list again, until it came. */
  const asking = new Set<string>();
  const waiting = new Map<string, Set<Waiter>>();

  function settle(room: string, which: (w: Waiter) => string | undefined): void {
    for (const w of waiting.get(room) ?? []) {
      const jid = which(w);
      if (jid !== undefined) w.done(jid);
    }
  }

  function ask(room: string): void {
    const nick = mine.get(room);
    if (!nick || asking.has(room)) return;
    asking.add(room);
    askRoom(room, nick);
  }
  return {
    /** A room's presence, parsed (rooms/codec.ts parseOccupant). */
    seen(o: Occupant): void {
      const t = table(o.room);
      if (t && o.left) delete t[o.nick];
      else if (t) t[o.nick] = o.jid;
      settle(o.room, (w) => (w.nick !== o.nick ? undefined : o.left ? '' : o.jid || undefined));
      if (!o.self) return;
      if (o.left) {
        mine.delete(o.room);
        current.delete(o.room);
        asking.delete(o.room);
        return settle(o.room, () => '');
      }
      // The room sends the user's own presence after everyone else's: the list is complete.
      mine.set(o.room, o.nick);
      current.add(o.room);
      asking.delete(o.room);
      settle(o.room, (w) => t?.[w.nick] ?? '');
    },

    /** The real JID behind a nick now, '' if unknown. */
    known: (room: string, nick: string): string => table(room)?.[nick] ?? '',

    /** The real JID behind a nick, asking the room when it is not known; '' when the room does not say. */
    whois(room: string, nick: string): Promise<string> {
      const now = table(room)?.[nick];
      if (now) return Promise.resolve(now);
      if (now === '' && current.has(room)) return Promise.resolve('');
      return new Promise((resolve) => {
        const set = waiting.get(room) ?? new Set<Waiter>();
        waiting.set(room, set);
        const w: Waiter = {
          nick,
          done: (jid) => {
            clearTimeout(timer);
            set.delete(w);
            resolve(jid);
          },
        };
        const timer = setTimeout(() => w.done(''), WHOIS_WAIT_MS);
        set.add(w);
        ask(room);
      });
    },

    /** Who sees real JIDs changed (XEP-0045 §10.2.1, 172–174): the presences seen are out of date. */
    stale(room: string): void {
      current.delete(room);
      // A list asked for before the change would say what was true before it.
      asking.delete(room);
      ask(room);
    },

    clear(): void {
      for (const room of waiting.keys()) settle(room, () => '');
      mine.clear();
      current.clear();
      asking.clear();
    },
  };
}

export type Occupants = ReturnType<typeof createOccupants>;
