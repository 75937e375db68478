// The reference Store: what the SQL store must behave like (test-contract.ts).
import { memoryResponses } from './memory-responses.ts';
import { memoryTemplates } from './memory-templates.ts';
import { memoryLocations, memoryShifts, memorySite } from './memory-locations.ts';
import { memoryIncidents } from './memory-incidents.ts';
import { memoryPresets } from './memory-presets.ts';
import { memoryPush } from './memory-push.ts';
import { memoryRoomMembers } from './memory-room-members.ts';
import { memoryDepartmentRooms } from './memory-department-rooms.ts';
import { memoryTimers } from './memory-timers.ts';
import { memoryAudit } from './memory-audit.ts';
import type { AuditMeta, AuditRecord, DirectoryEntry, Store, StoredDelivery } from './types.ts';

const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
  a.name === b.name ? (a.jid < b.jid ? -1 : 1) : a.name < b.name ? -1 : 1;
const newestFirst = <T extends { at: string; id: string }>(a: T, b: T) =>
  a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? 1 : -1;

export function memoryStore(): Store {
  const entries = new Map<string, DirectoryEntry>();
  const sent: StoredDelivery[] = [];
  const audit: AuditRecord[] = [];
  const departmentRooms = memoryDepartmentRooms();
  const copy = (e: DirectoryEntry): DirectoryEntry => ({ ...e, roles: [...new Set(e.roles)].sort() });
  const all = () => [...entries.values()].map(copy).sort(byName);
  async function edit(e: Omit<DirectoryEntry, 'onDuty'>, meta: AuditMeta) {
    const before = entries.get(e.jid);
    const after = copy({ ...e, onDuty: before?.onDuty ?? false });
    entries.set(e.jid, after);
    audit.push({ ...meta, target: e.jid, before: before ? copy(before) : null, after: copy(after) });
    return { ...(before ? { before: copy(before) } : {}), after: copy(after) };
  }
  return {
    kind: 'memory',
    directory: {
      async get(jid) {
        const e = entries.get(jid);
        return e && copy(e);
      },
      async upsert(e) {
        entries.set(e.jid, copy(e));
      },
      async remove(jid) {
        const e = entries.get(jid);
        entries.delete(jid);
        return e && copy(e);
      },
      edit,
      // Nothing here can fail part-way, so one edit after another is all or none already.
      async editAll(edits, renamed) {
        const done = await Promise.all(edits.map(({ entry, audit: meta }) => edit(entry, meta)));
        if (renamed) departmentRooms.rename(renamed);
        return done;
      },
      async setDuty(jid, onDuty) {
        const e = entries.get(jid);
        if (!e) return undefined;
        entries.set(jid, { ...e, onDuty });
        return copy({ ...e, onDuty });
      },
      async list() {
        return all();
      },
      async onDutyWithRole(role) {
        return all().filter((e) => e.onDuty && e.roles.includes(role));
      },
      async roleHeld(role) {
        return [...entries.values()].some((e) => e.roles.includes(role));
      },
    },
    deliveries: {
      async record(d, byClient = false) {
        sent.push({ ...structuredClone(d), ...(byClient ? { byClient: true as const } : {}) });
      },
      async sent(id, at) {
        const i = sent.findIndex((x) => x.id === id);
        if (i >= 0) sent[i] = { ...sent[i]!, sentAt: at };
      },
      async withdraw(id, at) {
        const i = sent.findIndex((x) => x.id === id);
        if (i >= 0) sent[i] = { ...sent[i]!, reached: [], withdrawnAt: at };
      },
      async get(id) {
        const d = sent.find((x) => x.id === id);
        return d && structuredClone(d);
      },
      async list({ limit, before }) {
        const all = [...sent].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
        const from = before ? all.findIndex((d) => d.id === before) : -1;
        if (before && from < 0) return [];
        return all.slice(from + 1, from + 1 + limit).map((d) => structuredClone(d));
      },
      async bySender(sender, limit) {
        return sent
          .filter((d) => d.sender === sender)
          .sort(newestFirst)
          .slice(0, limit)
          .map(({ sentAt: _s, byClient: _b, withdrawnAt: _w, ...d }) => structuredClone(d));
      },
    },
    audit: memoryAudit(audit),
    timers: memoryTimers(),
    responses: memoryResponses(memoryTemplates(audit)),
    locations: memoryLocations(),
    site: memorySite(audit),
    shifts: memoryShifts(),
    roomMembers: memoryRoomMembers(),
    departmentRooms,
    presets: memoryPresets(audit),
    incidents: memoryIncidents(),
    push: memoryPush(),
    async schemaVersion() {
      return 0;
    },
    async close() {},
  };
}
