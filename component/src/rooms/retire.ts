// A department room nobody needs any more is retired, never destroyed: a
// hospital keeps its clinical conversations (records retention, audits), and
// destroying a room on Prosody takes its archive (XEP-0313) with it. Retired,
// the room stays persistent and archived, says so in its name and description
// (and, after a merge, where the conversation goes on), gets a last message,
// and becomes read-only (read-only.ts): the people who were its members keep
// their affiliation, so they keep reading it and its archive, as visitors;
// server admins are owners of every room. The audit log records who or what
// caused it, never what was said. A department that gets staff again takes
// its room back (reopen): no second room.
import { randomUUID } from 'node:crypto';
import type { ChangeCause } from '../directory/changes.ts';
import type { AuditStore, DepartmentRoomStore } from '../store/types.ts';
import type { Muc } from '../xmpp/muc.ts';
import { makeReadOnly, makeWritable } from './read-only.ts';

export interface RetireDeps {
  readonly muc: Muc;
  readonly rooms: DepartmentRoomStore;
  readonly audit: AuditStore;
}

export interface Retirement {
  readonly department: string;
  /** The department it was merged into (directory-rename-department onto an existing name). */
  readonly mergedInto?: string;
  /** The directory change that led to it; none when the directory changed while the component was away. */
  readonly cause?: ChangeCause;
}

/** Audit actions of the component's own (no command of their own: a directory change led to them). */
export const ROOM_AUDIT = { retired: 'department-room-retired', reopened: 'department-room-reopened' } as const;

export const retiredName = (department: string) => `Retired · ${department}`;

/** The room's last message and its description. */
export function retirementWords({ mergedInto }: Retirement): { message: string; description: string } {
  if (mergedInto)
    return {
      message: `This department was merged into ${mergedInto}; continue in ${mergedInto}'s room.`,
      description: `Merged into ${mergedInto}; continue in ${mergedInto}'s room. Kept read-only for its history.`,
    };
  return {
    message: 'Nobody works in this department any more; this room is kept read-only for its history.',
    description: 'Nobody works in this department any more. Kept read-only for its history.',
  };
}

async function record(deps: RetireDeps, room: string, action: string, at: string, r: Retirement): Promise<void> {
  await deps.audit.record({
    id: randomUUID(),
    at,
    actor: r.cause?.actor ?? deps.muc.jid,
    action,
    target: `room:${room}`,
    before: null,
    after: {
      department: r.department,
      ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
      // Which change led to it; 'start': the directory changed while the component was away.
      cause: r.cause?.action ?? 'start',
    },
  });
}

/** The last message first (the component, an owner, may write after too), then read-only, then on the record. */
export async function retire(deps: RetireDeps, room: string, r: Retirement): Promise<void> {
  const { message, description } = retirementWords(r);
  const at = new Date().toISOString();
  await deps.muc.say(room, message);
  await makeReadOnly(deps.muc, room, retiredName(r.department), description);
  deps.muc.leave(room);
  await deps.rooms.setRetired(room, at);
  await record(deps, room, ROOM_AUDIT.retired, at, r);
}

/** The department has staff again: its retired room is theirs, writable, under the department's name. */
export async function reopen(deps: RetireDeps, room: string, r: Retirement): Promise<void> {
  const at = new Date().toISOString();
  await makeWritable(deps.muc, room, r.department);
  await deps.muc.say(room, `${r.department} has staff again; this room is open again.`);
  deps.muc.leave(room);
  await deps.rooms.setRetired(room, null);
  await record(deps, room, ROOM_AUDIT.reopened, at, r);
}
