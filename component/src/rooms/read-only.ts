// A room nobody but its owners may write in any more, kept with its members
// and its archive: a resolved incident room (alarms/close.ts) and a retired
// department room (retire.ts). XEP-0045 §10.2 "moderated" alone is not enough:
// Prosody 0.12 still gives members voice in a moderated room, so Bleep's own
// option makes everyone but owners a visitor
// (prosody/modules/mod_bleep_muc_readonly.lua). Affiliations stay, so members
// keep reading the room's archive (a members-only room answers its members'
// MAM queries), and a visitor's message is refused by the room (§7.4: forbidden).
import { ROOM_READONLY } from '@bleep/protocol';
import type { Muc } from '../xmpp/muc.ts';

const DESCRIPTION = 'muc#roomconfig_roomdesc';

/** Configures the room read-only under `name`; `description` says why (and where to go on), for clients that show it. */
export function makeReadOnly(muc: Muc, room: string, name: string, description?: string): Promise<void> {
  return muc.configure(room, name, {
    'muc#roomconfig_moderatedroom': '1',
    [ROOM_READONLY]: '1',
    ...(description === undefined ? {} : { [DESCRIPTION]: description }),
  });
}

/** The room in use again under `name`: everyone with a place in it may write (members get voice back at once). */
export function makeWritable(muc: Muc, room: string, name: string): Promise<void> {
  return muc.reconfigure(room, {
    'muc#roomconfig_roomname': name,
    [DESCRIPTION]: '',
    'muc#roomconfig_moderatedroom': '0',
    [ROOM_READONLY]: '0',
  });
}
