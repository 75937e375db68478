// The reference Store: what the SQL store must behave like (store.contract.ts).
import type { DirectoryEntry, RoleDelivery, Store } from './types.ts';

export function memoryStore(): Store {
  const entries = new Map<string, DirectoryEntry>();
  const sent: RoleDelivery[] = [];
  const copy = (e: DirectoryEntry): DirectoryEntry => ({ ...e, roles: [...new Set(e.roles)].sort() });
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
      async setDuty(jid, onDuty) {
        const e = entries.get(jid);
        if (!e) return undefined;
        entries.set(jid, { ...e, onDuty });
        return copy({ ...e, onDuty });
      },
      async list() {
        return [...entries.values()]
          .map(copy)
          .sort((a, b) => (a.name === b.name ? (a.jid < b.jid ? -1 : 1) : a.name < b.name ? -1 : 1));
      },
    },
    deliveries: {
      async record(d) {
        sent.push(structuredClone(d));
      },
      async get(id) {
        const d = sent.find((x) => x.id === id);
        return d && structuredClone(d);
      },
      async bySender(sender, limit) {
        return sent
          .filter((d) => d.sender === sender)
          .sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? 1 : -1))
          .slice(0, limit)
          .map((d) => structuredClone(d));
      },
    },
    async schemaVersion() {
      return 0;
    },
    async close() {},
  };
}
