// The list of a room's messages: kept in time order, changed only by their sender.
import { instant } from '../../xmpp/stamp.ts';
import type { RoomLine } from './rooms.store.ts';

export interface RoomEdit {
  readonly kind: 'correction' | 'retraction';
  /** The id of the message to change. */
  readonly id: string;
  readonly nick: string;
  /** The real bare JID of whoever sent the change; '' if unknown. */
  readonly from: string;
  readonly body: string;
}

/** Inserts after every line at or before its time (live stamps are ours, archive stamps the server's). */
export function insertByTime(lines: RoomLine[], line: RoomLine): RoomLine {
  const at = instant(line.at);
  const i = lines.findIndex((l) => instant(l.at) > at);
  if (i < 0) lines.push(line);
  else lines.splice(i, 0, line);
  return lines[i < 0 ? lines.length - 1 : i]!;
}

/**
 * XEP-0308 §5 / XEP-0424 §5: only the original sender may correct or retract.
 * In a non-anonymous room the real JIDs are compared; a nick alone is not proof.
 * Returns false when the message is not loaded yet (the caller keeps the edit).
 */
export function applyRoomEdit(lines: RoomLine[], e: RoomEdit): boolean {
  const line = lines.find((l) => l.id === e.id);
  if (!line) return false;
  const same = line.from && e.from ? line.from === e.from : line.nick === e.nick;
  if (!same || line.retracted) return true;
  if (e.kind === 'correction') Object.assign(line, { body: e.body, edited: true });
  else Object.assign(line, { body: '', retracted: true });
  return true;
}
