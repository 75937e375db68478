// An incident's acknowledgements against its preset's per-role rule
// (responses/roles.ts), from the answers its request holds and the roles the
// directory gives each person now.
import { roleTally, type RoleTally } from '../responses/roles.ts';
import type { Incident, Store } from '../store/types.ts';

export async function incidentTally(store: Store, i: Incident): Promise<RoleTally> {
  const r = i.request ? await store.responses.get(i.request) : undefined;
  const answers = r?.answers ?? [];
  const roles = new Map<string, readonly string[]>();
  for (const a of answers) roles.set(a.by, (await store.directory.get(a.by))?.roles ?? []);
  return roleTally(i.preset.ack, r?.choices ?? [], answers, (j) => roles.get(j) ?? []);
}

/** "1 min 3 s" */
export function took(fromIso: string, toIso: string): string {
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
