// The reference PushStore (memory.ts): what sql/push.ts must behave like.
import type { PushStore, PushSubscription, VapidKeys } from './types.ts';

export function memoryPush(): PushStore {
  let keys: VapidKeys | undefined;
  const subs = new Map<string, PushSubscription>();
  return {
    async vapid(fresh) {
      keys ??= fresh();
      return { ...keys };
    },
    async subscribe(s) {
      for (const [node, x] of subs) if (x.jid === s.jid && x.endpoint === s.endpoint) subs.delete(node);
      subs.set(s.node, { ...s });
    },
    async byNode(node) {
      const s = subs.get(node);
      return s && { ...s };
    },
    async byJid(jid) {
      return [...subs.values()]
        .filter((s) => s.jid === jid)
        .sort((a, b) => (a.created === b.created ? (a.node < b.node ? -1 : 1) : a.created < b.created ? -1 : 1))
        .map((s) => ({ ...s }));
    },
    async remove(node) {
      return subs.delete(node);
    },
  };
}
