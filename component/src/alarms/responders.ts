// Whom an alarm (or one step of its ladder) alerts: holders of its roles (on
// duty only, when the preset says so), named people, and members of named
// rooms. A room that cannot be read is skipped and logged: an alarm goes out
// to whoever can be found rather than not at all.
import type { AlarmResponders } from '@bleep/protocol';
import type { Logger } from '../log.ts';
import { roomPeople, type AudienceDeps } from '../requests/audience.ts';

export interface RespondersDeps extends AudienceDeps {
  readonly log: Logger;
}

export async function resolveResponders(
  deps: RespondersDeps,
  who: Pick<AlarmResponders, 'roles' | 'people' | 'rooms' | 'onDutyOnly'>,
  exclude: readonly string[],
): Promise<string[]> {
  const { directory } = deps.store;
  const found: string[] = [];
  const everyone = who.onDutyOnly ? [] : await directory.list();
  for (const role of who.roles) {
    const holders = who.onDutyOnly
      ? await directory.onDutyWithRole(role)
      : everyone.filter((e) => e.roles.includes(role));
    found.push(...holders.map((e) => e.jid));
  }
  found.push(...who.people);
  for (const room of who.rooms) {
    try {
      found.push(...(await roomPeople(deps, room)).keys());
    } catch (err) {
      deps.log.warn({ room, err: (err as Error).message }, 'alarm responders: room not read');
    }
  }
  const skip = new Set(exclude);
  return [...new Set(found)].filter((j) => !skip.has(j));
}

/** Everyone on duty, whatever their role (the ladder's "on-duty" step). */
export async function everyoneOnDuty(deps: RespondersDeps, exclude: readonly string[]): Promise<string[]> {
  const skip = new Set(exclude);
  return (await deps.store.directory.list()).filter((e) => e.onDuty && !skip.has(e.jid)).map((e) => e.jid);
}
