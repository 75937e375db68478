// Department rooms: one members-only room per department of the directory,
// with its staff as members. A staff member who comes online towards the
// component gets an invitation to their department's room once per session;
// the PWA joins and bookmarks it.
import type { DirectoryStore } from '../store/types.ts';
import type { Logger } from '../log.ts';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import type { Caller } from '../xmpp/router.ts';
import type { Element } from '../xmpp/xml.ts';
import { configureIq, departmentRoom, invite, joinPresence, leavePresence, memberIq, selfPresence } from './codec.ts';

export interface DepartmentDeps {
  readonly opsHost: string;
  readonly mucHost: string;
  readonly directory: DirectoryStore;
  readonly caller: IqCaller;
  readonly send: (el: Element) => void;
  readonly log: Logger;
}

const JOIN_TIMEOUT_MS = 5000;

export class DepartmentRooms {
  private readonly deps: DepartmentDeps;
  private readonly joining = new Map<string, (created: boolean) => void>();
  private readonly invited = new Set<string>();

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

  /** Creates or updates every department's room; one failing department does not stop the others. */
  async setup(): Promise<void> {
    const { directory, mucHost, opsHost, caller, send, log } = this.deps;
    const byDept = new Map<string, string[]>();
    for (const e of await directory.list())
      if (e.department) byDept.set(e.department, [...(byDept.get(e.department) ?? []), e.jid]);
    for (const [dept, members] of byDept) {
      const room = departmentRoom(dept, mucHost);
      try {
        if (await this.join(room)) await caller.request(configureIq(opsHost, room, dept));
        for (const m of members) await caller.request(memberIq(opsHost, room, m));
        send(leavePresence(opsHost, room));
        log.info({ room, members: members.length }, 'department room ready');
      } catch (err) {
        log.warn({ room, err: (err as Error).message }, 'department room not set up');
      }
    }
  }

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
