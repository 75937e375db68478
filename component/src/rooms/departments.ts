// Department rooms: one members-only room per department of the directory,
// with its staff as members. A staff member who comes online towards the
// component gets an invitation to their department's room once per session;
// the PWA joins and bookmarks it. When the directory changes while the
// component runs, the rooms follow: a person moved to another department is
// made a member there and invited at once, and stops being a member of the old
// room (Prosody then removes them from it). When the last person leaves a
// department, its room is destroyed, unless someone else holds a place in it.
import type { DirectoryChange } from '../directory/changes.ts';
import type { DirectoryEntry, DirectoryStore, RoomMemberStore } from '../store/types.ts';
import type { Logger } from '../log.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Caller } from '../xmpp/router.ts';
import { nobodyElse, syncMembers } from './membership.ts';
import { departmentRoom } from './room-name.ts';

export interface DepartmentDeps {
  readonly mucHost: string;
  readonly directory: DirectoryStore;
  /** Whom the directory placed in each room: the only members a sync removes. */
  readonly members: RoomMemberStore;
  readonly muc: Muc;
  /** Prosody's admins: owners of every room, never given or denied membership. */
  readonly serverAdmins: ReadonlySet<string>;
  /** The full JIDs of a person online towards the component. */
  readonly sessionsOf: (bare: string) => string[];
  readonly log: Logger;
}

export class DepartmentRooms {
  private readonly deps: DepartmentDeps;
  private readonly invited = new Set<string>();
  /** Rooms this process has created or checked, so an edit joins only a room it has not seen. */
  private readonly ready = new Set<string>();
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

  private roomOf(e: DirectoryEntry | undefined): string | undefined {
    return e?.department ? departmentRoom(e.department, this.deps.mucHost) : undefined;
  }

  /** Creates and configures the room if asked and not seen yet, then makes its members the directory's staff of it; false when that failed. */
  private async sync(room: string, name: string, staff: readonly DirectoryEntry[], create: boolean): Promise<boolean> {
    const { muc, log, serverAdmins } = this.deps;
    try {
      if (create && !this.ready.has(room)) {
        if (await muc.join(room)) await muc.configure(room, name);
        muc.leave(room);
        this.ready.add(room);
      }
      const wanted = staff.filter((e) => this.roomOf(e) === room).map((e) => e.jid);
      const { added, removed } = await syncMembers(muc, this.deps.members, room, wanted, serverAdmins);
      log.info({ room, members: wanted.length, added, removed }, 'department room in step');
      return true;
    } catch (err) {
      log.warn({ room, err: (err as Error).message }, 'department room not in step');
      return false;
    }
  }

  /**
   * The last person left the room's department: destroy the room, unless the
   * directory has someone in it again or someone else holds a place in it.
   */
  private async tidy(room: string): Promise<void> {
    const { muc, log, serverAdmins, directory } = this.deps;
    try {
      if ((await directory.list()).some((e) => this.roomOf(e) === room)) return;
      if (!nobodyElse(await muc.affiliations(room), muc.jid, serverAdmins)) {
        log.info({ room }, 'department room without staff kept: people were added by hand');
        return;
      }
      await muc.destroy(room, 'Nobody works in this department any more.');
      this.ready.delete(room);
      log.info({ room }, 'department room without staff destroyed');
    } catch (err) {
      log.warn({ room, err: (err as Error).message }, 'department room without staff not tidied');
    }
  }

  /** Creates or updates every department's room; one failing department does not stop the others. */
  setup(): Promise<void> {
    return this.serial(async () => {
      const staff = await this.deps.directory.list();
      const rooms = new Map<string, string>();
      for (const e of staff) {
        const room = this.roomOf(e);
        if (room && !rooms.has(room)) rooms.set(room, e.department);
      }
      for (const [room, name] of rooms) await this.sync(room, name, staff, true);
      // A room whose whole staff moved on while the component was away still has people it placed there.
      for (const room of await this.deps.members.rooms()) {
        if (!rooms.has(room) && (await this.sync(room, '', staff, false))) await this.tidy(room);
      }
    });
  }

  /** A directory change: the old and the new department room follow, and the person is invited to the new one at once. */
  readonly follow = ({ before, after }: DirectoryChange): Promise<void> => {
    const from = this.roomOf(before);
    const to = this.roomOf(after);
    if (from === to) return Promise.resolve();
    return this.serial(async () => {
      const staff = await this.deps.directory.list();
      if (from && (await this.sync(from, before!.department, staff, false))) {
        if (!staff.some((e) => this.roomOf(e) === from)) await this.tidy(from);
      }
      if (!to || !(await this.sync(to, after!.department, staff, true))) return;
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
    const room = this.roomOf(entry);
    if (!room) return;
    this.invited.add(c.jid);
    this.deps.muc.inviteDirect(c.jid, room, entry!.department);
  };
}
