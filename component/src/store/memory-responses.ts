// The reference response store (memory): what sql/responses.ts must behave
// like. `change` runs its decision synchronously, so nothing interleaves.
import { OPEN_STATUSES } from '@bleep/protocol';
import { applyChange, creationEvents } from './responses.ts';
import type { AuditEvent, Recipient, RequestAuditRow, ResponseStore, StoredRequest, TemplateStore } from './types.ts';

const byDelivery = (a: Recipient, b: Recipient) =>
  a.deliveredAt === b.deliveredAt ? (a.jid < b.jid ? -1 : 1) : a.deliveredAt < b.deliveredAt ? -1 : 1;

export function memoryResponses(templates: TemplateStore): ResponseStore {
  const requests = new Map<string, StoredRequest>();
  const audit = new Map<string, AuditEvent[]>();
  const copy = (r: StoredRequest) => structuredClone(r);
  return {
    ...templates,
    async create(r, resource) {
      if (requests.has(r.id)) throw new Error(`request ${r.id} exists`);
      requests.set(r.id, copy({ ...r, recipients: [...r.recipients].sort(byDelivery) }));
      audit.set(r.id, creationEvents(r, resource));
    },
    async get(id) {
      const r = requests.get(id);
      return r && copy(r);
    },
    async change(id, decide) {
      const before = requests.get(id);
      if (!before) return undefined;
      const c = decide(copy(before));
      const after = applyChange(before, c);
      requests.set(id, after);
      audit.get(id)!.push(...c.events);
      return { before: copy(before), after: copy(after) };
    },
    async list({ sender, room, openFirst, limit }) {
      const closed = (r: StoredRequest) => (openFirst && !OPEN_STATUSES.includes(r.status) ? 1 : 0);
      return [...requests.values()]
        .filter((r) => !sender || r.sender === sender)
        .filter((r) => !room || (r.audience.kind === 'room' && r.audience.room === room))
        .sort(
          (a, b) =>
            closed(a) - closed(b) ||
            (a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? 1 : -1),
        )
        .slice(0, limit)
        .map(copy);
    },
    async audit({ sender }) {
      return [...requests.values()]
        .filter((r) => !sender || r.sender === sender)
        .sort((a, b) => (a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1))
        .flatMap((r) =>
          audit.get(r.id)!.map((e): RequestAuditRow => ({
            ...e,
            request: r.id,
            template: r.template,
            title: r.title,
            sender: r.sender,
          })),
        );
    },
    async purge(before) {
      let n = 0;
      for (const [id, r] of requests)
        if (r.created < before) {
          requests.delete(id);
          audit.delete(id);
          n++;
        }
      return n;
    },
  };
}
