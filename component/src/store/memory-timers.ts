// The reference TimerStore (memory.ts): what sql/timers.ts must behave like.
import type { Timer, TimerStore } from './types.ts';

interface Row extends Timer {
  claimedBy?: string;
  leaseUntil?: number;
  firedAt?: number;
}

export function memoryTimers(): TimerStore {
  const rows = new Map<string, Row>(); // by key
  const byId = (id: string) => [...rows.values()].find((r) => r.id === id);
  const out = (r: Row) => ({
    id: r.id,
    kind: r.kind,
    key: r.key,
    dueAt: r.dueAt,
    payload: structuredClone(r.payload),
    attempts: r.attempts,
    ...(r.firedAt === undefined ? {} : { firedAt: r.firedAt }),
  });
  return {
    async schedule(t) {
      if (rows.has(t.key)) return false;
      rows.set(t.key, { ...t, payload: structuredClone(t.payload ?? null), attempts: 0 });
      return true;
    },
    async cancel(key) {
      const r = rows.get(key);
      if (!r || r.firedAt !== undefined) return false;
      return rows.delete(key);
    },
    async claim(now, owner, leaseUntil, limit) {
      const due = [...rows.values()]
        .filter((r) => r.firedAt === undefined && r.dueAt <= now && (r.leaseUntil ?? 0) <= now)
        .sort((a, b) => a.dueAt - b.dueAt)
        .slice(0, limit);
      for (const r of due) Object.assign(r, { claimedBy: owner, leaseUntil, attempts: r.attempts + 1 });
      return due.map(out);
    },
    async fired(id, owner, at) {
      const r = byId(id);
      if (!r || r.claimedBy !== owner || r.firedAt !== undefined) return false;
      Object.assign(r, { firedAt: at, claimedBy: undefined, leaseUntil: undefined });
      return true;
    },
    async retry(id, owner, at) {
      const r = byId(id);
      if (r && r.claimedBy === owner) Object.assign(r, { claimedBy: undefined, leaseUntil: at });
    },
    async nextWake() {
      const times = [...rows.values()]
        .filter((r) => r.firedAt === undefined)
        .map((r) => Math.max(r.dueAt, r.leaseUntil ?? 0));
      return times.length ? Math.min(...times) : undefined;
    },
    async get(key) {
      const r = rows.get(key);
      return r && out(r);
    },
    async sweep(firedBefore) {
      const old = [...rows.values()].filter((r) => r.firedAt !== undefined && r.firedAt < firedBefore);
      for (const r of old) rows.delete(r.key);
      return old.length;
    },
  };
}
