// The reference Store: what the SQL store must behave like (store.contract.ts).
import type { DirectoryEntry, Store } from './types.ts';

export function memoryStore(): Store {
  const entries = new Map<string, DirectoryEntry>();
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
    async schemaVersion() {
      return 0;
    },
    async close() {},
  };
}
