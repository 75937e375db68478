// The reference incident store (memory.ts): what sql/incidents.ts must behave like.
import type { Incident, IncidentEvent, IncidentStore } from './types.ts';

export function memoryIncidents(): IncidentStore {
  const incidents = new Map<string, Incident>();
  const timelines = new Map<string, IncidentEvent[]>();
  /** `${trigger}\n${clientId}` → the incident that trigger opened or merged into. */
  const triggers = new Map<string, string>();
  const copy = <T>(x: T): T => structuredClone(x);
  return {
    async openOrMerge(c, since, merged, clientId, opened, beforeCommit) {
      const key = clientId && `${c.trigger}\n${clientId}`;
      const seen = key && triggers.get(key);
      if (seen) return { incident: copy(incidents.get(seen)!), merged: false, repeated: true };
      const open = c.place
        ? [...incidents.values()]
            .filter(
              (i) => i.status === 'open' && i.preset.id === c.preset.id && i.place === c.place && i.created >= since,
            )
            .sort((a, b) => (a.created < b.created ? 1 : -1))[0]
        : undefined;
      if (key) triggers.set(key, (open ?? c).id);
      if (open) {
        timelines.get(open.id)!.push(copy(merged));
        return { incident: copy(open), merged: true, repeated: false };
      }
      incidents.set(c.id, copy(c));
      timelines.set(c.id, opened ? [copy(opened)] : []);
      beforeCommit?.();
      return { incident: copy(c), merged: false, repeated: false };
    },
    async get(id) {
      const i = incidents.get(id);
      return i && copy(i);
    },
    async open() {
      return [...incidents.values()]
        .filter((i) => i.status === 'open')
        .sort((a, b) => (a.created < b.created ? 1 : -1))
        .map(copy);
    },
    async byRoom(room) {
      const i = [...incidents.values()].find((x) => x.room === room);
      return i && copy(i);
    },
    async update(id, patch) {
      const i = incidents.get(id);
      if (!i) return undefined;
      const next = { ...i, ...copy(patch) };
      incidents.set(id, next);
      return copy(next);
    },
    async fail(id, event) {
      const i = incidents.get(id);
      if (!i) return undefined;
      const failed = { ...i, status: 'failed' as const, raising: false };
      incidents.set(id, failed);
      timelines.get(id)?.push(copy(event));
      for (const [key, to] of triggers) if (to === id) triggers.delete(key);
      return copy(failed);
    },
    async append(id, events) {
      timelines.get(id)?.push(...copy(events));
    },
    async events(id) {
      return copy(timelines.get(id) ?? []);
    },
  };
}
