// Department rooms: one members-only room per department of the directory,
// with its staff as members. A staff member who comes online towards the
// component gets an invitation to their department's room once per session;
// the PWA joins and bookmarks it. When the directory changes while the
// component runs, the rooms follow: a person moved to another department is
// made a member there and invited at once, and stops being a member of the old
// room (Prosody then removes them from it).
import type { DirectoryChange } from '../directory/changes.ts';
import type { DirectoryEntry, DirectoryStore } from '../store/types.ts';
import type { Logger } from '../log.ts';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import type { Caller } from '../xmpp/router.ts';
import type { Element } from '../xmpp/xml.ts';
import { configureIq, departmentRoom, invite, joinPresence, leavePresence, selfPresence } from './codec.ts';
import { syncMembers } from './membership.ts';

export interface DepartmentDeps {
  readonly opsHost: string;
  readonly mucHost: string;
  readonly directory: DirectoryStore;
  readonly caller: IqCaller;
  readonly send: (el: Element) => void;
  /** The full JIDs of a person online towards the component (directory/live.ts). */
  readonly sessionsOf: (bare: string) => string[];
  readonly log: Logger;
}

const JOIN_TIMEOUT_MS = 5000;

export class DepartmentRooms {
  private readonly deps: DepartmentDeps;
  private readonly joining = new Map<string, (created: boolean) => void>();
  private readonly invited = new Set<string>();
  /** Rooms this process has created or checked, so an edit joins only a room it has not seen. */
  private readonly ready = new Set<string>();
  /** Room work runs one job at a time: two edits must not both create the same new room. */
  private queue: Promise<void> = Promise.resolve();

  constructor(deps: DepartmentDeps) {
    this.deps = deps;
  }

  /** Takes our own presence back from a room; false for any other presence. */
  onPresence(stanza: Element): boolean {
    const self = selfPresence(stanza);
    const done = self && this.joining.get(self.room);
    if (!self || !done) return false;
    this.joining.delete(self.room);
    done(self.created);
    return true;
  }

  private join(room: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${room} did not let the component in`)), JOIN_TIMEOUT_MS);
      this.joining.set(room, (created) => (clearTimeout(timer), resolve(created)));
      this.deps.send(joinPresence(this.deps.opsHost, room));
    });
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
    const { opsHost, caller, send, log } = this.deps;
    try {
      if (create && !this.ready.has(room)) {
        if (await this.join(room)) await caller.request(configureIq(opsHost, room, name));
        send(leavePresence(opsHost, room));
        this.ready.add(room);
      }
      const wanted = staff.filter((e) => this.roomOf(e) === room).map((e) => e.jid);
      const { added, removed } = await syncMembers(caller, opsHost, room, wanted);
      log.info({ room, members: wanted.length, added, removed }, 'department room in step');
      return true;
    } catch (err) {
      log.warn({ room, err: (err as Error).message }, 'department room not in step');
      return false;
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
    });
  }

  /** A directory change: the old and the new department room follow, and the person is invited to the new one at once. */
  readonly follow = ({ before, after }: DirectoryChange): Promise<void> => {
    const from = this.roomOf(before);
    const to = this.roomOf(after);
    if (from === to) return Promise.resolve();
    return this.serial(async () => {
      const staff = await this.deps.directory.list();
      if (from) await this.sync(from, before!.department, staff, false);
      if (!to || !(await this.sync(to, after!.department, staff, true))) return;
      for (const jid of this.deps.sessionsOf(after!.jid)) {
        this.invited.add(jid);
        this.deps.send(invite(this.deps.opsHost, jid, to, after!.department));
      }
    });
  };

  /** A staff member is online: invite them to their department's room, once per session. */
  readonly welcome = async (c: Caller, type: string | undefined): Promise<void> => {
    if (type === 'unavailable') return void this.invited.delete(c.jid);
    if (type !== undefined || this.invited.has(c.jid)) return;
    const entry = await this.deps.directory.get(c.bare);
    if (!entry?.department) return;
    this.invited.add(c.jid);
    this.deps.send(
      invite(this.deps.opsHost, c.jid, departmentRoom(entry.department, this.deps.mucHost), entry.department),
    );
  };
}
