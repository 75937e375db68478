// Department rooms: one members-only room per department of the directory,
// with its staff as members. A staff member who comes online towards the
// component gets an invitation to their department's room once per session;
// the PWA joins and bookmarks it. When the directory changes while the
// component runs, the rooms follow: a person moved to another department is
// made a member there and invited at once, and stops being a member of the old
// room (Prosody then removes them from it). A renamed department keeps its room
// (department-room.ts), which is only given the new name. When the last person
// leaves a department, or it is merged into another, its room is retired, never
// destroyed (retire.ts): read-only, with its history, unless someone else holds
// a place in it. The department taking staff again takes the room back.
import { COMMANDS } from '@bleep/protocol';
import type { ChangeCause, DirectoryChange } from '../directory/changes.ts';
import type { AuditStore, DepartmentRoomStore, DirectoryStore, RoomMemberStore } from '../store/types.ts';
import type { Logger } from '../log.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Caller } from '../xmpp/router.ts';
import { roomOfDepartment } from './department-room.ts';
import { nobodyElse, syncMembers } from './membership.ts';
import { reopen, retire, retiredName } from './retire.ts';

export interface DepartmentDeps {
  readonly mucHost: string;
  readonly directory: DirectoryStore;
  /** Whom the directory placed in each room: the only members a sync removes. */
  readonly members: RoomMemberStore;
  /** Which room is each department's. */
  readonly rooms: DepartmentRoomStore;
  /** Where a room's retirement, and its reopening, are recorded. */
  readonly audit: AuditStore;
  readonly muc: Muc;
  /** Prosody's admins: owners of every room, never given or denied membership. */
  readonly serverAdmins: ReadonlySet<string>;
  /** The full JIDs of a person online towards the component. */
  readonly sessionsOf: (bare: string) => string[];
  readonly log: Logger;
}

/** Each room with its department's name and the bare JIDs of its staff. */
type Staffing = Map<string, { name: string; staff: string[] }>;

export class DepartmentRooms {
  private readonly deps: DepartmentDeps;
  private readonly invited = new Set<string>();
  /** Rooms this process has created or checked, so an edit joins only a room it has not seen. */
  private readonly ready = new Set<string>();
  /** The name each room was given by this process (muc#roomconfig_roomname), so a rename sets it once. */
  private readonly named = new Map<string, string>();
  /** Room work runs one job at a time: two edits must not both create the same new room. */
  private queue: Promise<void> = Promise.resolve();

  constructor(deps: DepartmentDeps) {
    this.deps = deps;
  }

  private serial(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job);
    this.queue = next.catch(() => {});
    return next;
  }

  private roomOf(department: string): Promise<string> {
    return roomOfDepartment(this.deps.rooms, department, this.deps.mucHost);
  }

  /** Every department's room (recorded now for a department seen for the first time) and its staff. */
  private async staffing(): Promise<Staffing> {
    const rooms: Staffing = new Map();
    const of = new Map<string, string>();
    for (const e of await this.deps.directory.list()) {
      if (!e.department) continue;
      const room = of.get(e.department) ?? (await this.roomOf(e.department));
      of.set(e.department, room);
      const r = rooms.get(room) ?? { name: e.department, staff: [] };
      r.staff.push(e.jid);
      rooms.set(room, r);
    }
    return rooms;
  }

  /**
   * With `name`: creates and configures the room if not seen yet, reopens it if it was retired, or gives it that name
   * if it has another. Then makes its members `staff`; false when that failed.
   */
  private async sync(room: string, staff: readonly string[], name?: string, cause?: ChangeCause): Promise<boolean> {
    const { muc, log, serverAdmins } = this.deps;
    try {
      if (name !== undefined && !this.ready.has(room)) {
        if (await muc.join(room)) {
          await muc.configure(room, name);
          this.named.set(room, name);
        }
        muc.leave(room);
        this.ready.add(room);
      }
      if (name !== undefined && (await this.deps.rooms.byRoom(room))?.retiredAt) {
        await reopen(this.deps, room, { department: name, ...(cause ? { cause } : {}) });
        this.named.set(room, name);
        log.info({ room }, 'retired department room reopened');
      }
      // XEP-0045 §10.2: the one field changed; Prosody tells the occupants (status 104) and the PWA reads the name again.
      if (name !== undefined && this.named.get(room) !== name) {
        await muc.reconfigure(room, { 'muc#roomconfig_roomname': name });
        this.named.set(room, name);
      }
      const { added, removed } = await syncMembers(muc, this.deps.members, room, staff, serverAdmins);
      log.info({ room, members: staff.length, added, removed }, 'department room in step');
      return true;
    } catch (err) {
      log.warn({ room, err: (err as Error).message }, 'department room not in step');
      return false;
    }
  }

  /**
   * The last person left the room's department (`mergedInto`: it was merged into that one): retire the room, unless
   * it is retired already or the directory has someone in it again. Its members keep their place: read-only, they
   * keep its history. When someone else holds a place in it, it stays in use, and those the directory placed leave it.
   */
  private async retire(room: string, cause?: ChangeCause, mergedInto?: string): Promise<void> {
    const { muc, log, serverAdmins } = this.deps;
    try {
      const record = await this.deps.rooms.byRoom(room);
      if (!record) return void log.warn({ room }, 'department room without staff kept: no department has it');
      if (record.retiredAt || (await this.staffing()).has(room)) return;
      const placed = await this.deps.members.placed(room);
      if (!nobodyElse(await muc.affiliations(room), muc.jid, serverAdmins, placed)) {
        log.info({ room }, 'department room without staff kept: people were added by hand');
        return void (await this.sync(room, []));
      }
      const { department } = record;
      await retire(this.deps, room, { department, ...(mergedInto ? { mergedInto } : {}), ...(cause ? { cause } : {}) });
      this.named.set(room, retiredName(department));
      log.info({ room, merged: !!mergedInto }, 'department room without staff retired');
    } catch (err) {
      log.warn({ room, err: (err as Error).message }, 'department room without staff not retired');
    }
  }

  /** Creates or updates every department's room, named after it; one failing department does not stop the others. */
  setup(): Promise<void> {
    return this.serial(async () => {
      const rooms = await this.staffing();
      for (const [room, { name, staff }] of rooms) await this.sync(room, staff, name);
      // A room whose whole staff moved on while the component was away still has people it placed there.
      for (const room of await this.deps.members.rooms()) if (!rooms.has(room)) await this.retire(room);
    });
  }

  /**
   * A directory change: the old and the new department room follow, and the person is invited to the new one at
   * once. A renamed department's record already names its room (DirectoryStore.editAll), so its staff stay where
   * they are and the room takes the new name.
   */
  readonly follow = ({ before, after, cause }: DirectoryChange): Promise<void> => {
    if (before?.department === after?.department) return Promise.resolve();
    return this.serial(async () => {
      const rooms = await this.staffing();
      const staff = (room: string) => rooms.get(room)?.staff ?? [];
      const from = before?.department ? await this.deps.rooms.get(before.department) : undefined;
      const to = after?.department ? await this.roomOf(after.department) : undefined;
      // A rename onto a department that has a room: the two are merged (directory/rename.ts).
      const merged = cause?.action === COMMANDS.directoryRenameDepartment ? after?.department : undefined;
      if (from && from !== to) {
        if (staff(from).length) await this.sync(from, staff(from));
        else await this.retire(from, cause, merged);
      }
      if (!to) return;
      const already = (await this.deps.members.placed(to)).includes(after!.jid);
      if (!(await this.sync(to, staff(to), after!.department, cause)) || already) return;
      for (const jid of this.deps.sessionsOf(after!.jid)) {
        this.invited.add(jid);
        this.deps.muc.inviteDirect(jid, to, after!.department);
      }
    });
  };

  /**
   * A staff member is online: invite them to their department's room, once per session. `before`: the
   * session was online before this start (a probe's answer), so it had its invitation then, or its client
   * joined the room from its bookmarks.
   */
  readonly welcome = async (c: Caller, type: string | undefined, before = false): Promise<void> => {
    if (type === 'unavailable') return void this.invited.delete(c.jid);
    if (type !== undefined || this.invited.has(c.jid)) return;
    if (before) return void this.invited.add(c.jid);
    const entry = await this.deps.directory.get(c.bare);
    if (!entry?.department) return;
    const room = await this.roomOf(entry.department);
    this.invited.add(c.jid);
    this.deps.muc.inviteDirect(c.jid, room, entry!.department);
  };
}
