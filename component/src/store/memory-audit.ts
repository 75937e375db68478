// The audit log in memory: the reference for what sql/audit.ts must return.
import type { AuditQuery, AuditRecord, AuditStore } from './types.ts';

/** Newest first; ties by id, larger first (the order paging follows). */
const order = (a: AuditRecord, b: AuditRecord) =>
  a.at === b.at ? (a.id === b.id ? 0 : a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1;

/**
 * The target up to its first `:` (`room:<room JID>` too), else `person` for a JID (which has no `:`), else the target
 * itself (AUDIT_TARGET_KINDS).
 */
export const kindOf = (target: string) =>
  target.includes(':') ? target.split(':')[0]! : target.includes('@') ? 'person' : target;

function matches(r: AuditRecord, q: AuditQuery): boolean {
  return (
    (!q.target || r.target === q.target) &&
    (!q.kind || kindOf(r.target) === q.kind) &&
    (!q.actor || r.actor === q.actor) &&
    (!q.from || r.at >= q.from) &&
    (!q.to || r.at < q.to)
  );
}

export function memoryAudit(audit: AuditRecord[]): AuditStore {
  return {
    async list(q) {
      let sorted = audit.filter((r) => matches(r, q)).sort(order);
      if (q.before !== undefined) {
        const cursor = audit.find((r) => r.id === q.before);
        sorted = cursor ? sorted.filter((r) => order(cursor, r) < 0) : [];
      }
      return sorted.slice(0, q.limit).map((r) => structuredClone(r));
    },
    async record(r) {
      audit.push(structuredClone(r));
    },
  };
}
