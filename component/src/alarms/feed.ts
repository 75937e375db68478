// Dispatchers' live view of the open incidents (issue #10 part 5): when an
// incident opens, is acknowledged or declined, escalates, takes a merged
// trigger or is resolved, everyone holding the `incidents` permission
// (authz.ts: dispatchers and admins) gets a headline with the incident's
// alarm-incidents row, so the map and the list change at once instead of
// polling. Headlines are neither stored offline nor archived (RFC 6121
// §8.5.2.1.1 leaves offline headlines to the server; Prosody drops them): a
// device that was away reads alarm-incidents again when it comes back.
import type { IncidentChange } from '@bleep/protocol';
import type { Authz } from '../authz.ts';
import type { ComponentConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { DirectoryEntry, Store } from '../store/types.ts';
import type { Element } from '../xmpp/xml.ts';
import { incidentChange } from './codec.ts';

export interface FeedDeps {
  readonly config: Pick<ComponentConfig, 'opsHost' | 'domain' | 'admins'>;
  readonly store: Pick<Store, 'directory' | 'incidents'>;
  readonly authz: Pick<Authz, 'holds'>;
  readonly send: (el: Element) => void;
  readonly log: Logger;
}

/** Who is told: the directory's people and the server's admins who hold `incidents` (one directory read). */
async function watchers(deps: FeedDeps): Promise<string[]> {
  const { domain, admins } = deps.config;
  const entries = new Map<string, DirectoryEntry | undefined>(admins.map((a) => [a, undefined]));
  for (const e of await deps.store.directory.list()) entries.set(e.jid, e);
  const may = await Promise.all(
    [...entries].map(async ([bare, e]) =>
      (await deps.authz.holds({ jid: bare, bare, domain }, 'incidents', e)) ? bare : '',
    ),
  );
  return may.filter(Boolean);
}

/**
 * Never throws, and callers do not wait for it: the incident itself (alerts, posts, timers) must go on
 * whatever happens to this news of it. It reads the directory once and asks authz of each person with
 * their entry (authz.ts stays the one rule of who may see incidents).
 */
export async function tellDispatchers(deps: FeedDeps, id: string, change: IncidentChange): Promise<void> {
  try {
    const i = await deps.store.incidents.get(id);
    if (!i) return;
    for (const to of await watchers(deps)) deps.send(incidentChange(`alarms@${deps.config.opsHost}`, to, i, change));
  } catch (err) {
    deps.log.warn({ incident: id, change, err: (err as Error).message }, 'alarm: dispatchers not told of a change');
  }
}
