// Rooms Bleep creates (department rooms, incident rooms, rooms staff make).

/**
 * The room configuration Bleep submits when it creates a room (XEP-0045 §10.1.3,
 * muc#roomconfig): members-only, non-anonymous (ready for OMEMO), persistent,
 * hidden. Declared once for the component (department rooms) and the PWA.
 */
export const ROOM_CONFIG: Readonly<Record<string, string>> = {
  'muc#roomconfig_membersonly': '1',
  'muc#roomconfig_whois': 'anyone',
  'muc#roomconfig_persistentroom': '1',
  'muc#roomconfig_publicroom': '0',
};

/**
 * Bleep's own room option (prosody/modules/mod_bleep_muc_readonly.lua): '1' makes everyone but the room's owners
 * a visitor, present or joining later; affiliations, and so the archive, stay. Set on a resolved incident room and a
 * retired department room (component/src/rooms/read-only.ts).
 */
export const ROOM_READONLY = 'bleep#roomconfig_readonly';
