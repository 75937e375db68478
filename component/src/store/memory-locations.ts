// The reference location, site and shift stores (memory.ts).
import type {
  AuditRecord,
  DutyShift,
  LocationRecord,
  LocationStore,
  ShiftStore,
  SiteModel,
  SiteStore,
} from './types.ts';

export function memoryLocations(): LocationStore {
  let rows: LocationRecord[] = [];
  return {
    async append(records) {
      rows.push(...structuredClone(records));
    },
    async history(jid) {
      return structuredClone(rows.filter((r) => r.jid === jid).sort((a, b) => a.receivedAt - b.receivedAt));
    },
    async purge(before) {
      const kept = rows.filter((r) => r.receivedAt >= before);
      const purged = rows.length - kept.length;
      rows = kept;
      return purged;
    },
  };
}

export function memorySite(audit: AuditRecord[]): SiteStore {
  let model: SiteModel | undefined;
  return {
    async get() {
      return model && structuredClone(model);
    },
    async save(m, meta) {
      audit.push({ ...meta, target: 'site', before: model ? structuredClone(model) : null, after: structuredClone(m) });
      model = structuredClone(m);
    },
  };
}

export function memoryShifts(): ShiftStore {
  const shifts = new Map<string, DutyShift>();
  return {
    async get(jid) {
      const s = shifts.get(jid);
      return s && { ...s };
    },
    async put(s) {
      shifts.set(s.jid, { ...s });
    },
    async remove(jid) {
      shifts.delete(jid);
    },
  };
}
