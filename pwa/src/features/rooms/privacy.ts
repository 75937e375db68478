// Whether a room can be end-to-end encrypted, and the room-level line that
// says so. XEP-0384 0.3 §5: OMEMO in a room needs every member's real JID,
// so the room must be members-only and non-anonymous (issue #11). Bleep makes
// its rooms so; a room made open or semi-anonymous elsewhere cannot be
// encrypted, and its messages go in the clear with this line above them.
import type { XmlElement } from '@xmpp/client';
import { parseRoomPrivacy, roomInfoQuery, type RoomPrivacy } from './codec.ts';

export type { RoomPrivacy };

export const encryptable = (p: RoomPrivacy): boolean => p.membersOnly && p.nonAnonymous;

/** The room-level line: '' when the room can be encrypted. */
export function notEncryptedBecause(p: RoomPrivacy): string {
  if (!p.membersOnly)
    return 'Not encrypted: this room is open to anyone on the server, not only its members. Do not share patient details here.';
  if (!p.nonAnonymous)
    return 'Not encrypted: this room hides its members’ addresses, so their devices cannot be known. Do not share patient details here.';
  return '';
}

/** The room's features (disco#info); throws when the room does not answer with them. */
export async function roomPrivacy(
  request: (iq: XmlElement) => Promise<XmlElement>,
  room: string,
): Promise<RoomPrivacy> {
  return parseRoomPrivacy(await request(roomInfoQuery(room)));
}
