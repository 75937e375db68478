// The reference template store (memory): what sql/templates.ts must behave like.
import type { AuditRecord, RequestTemplate, TemplateStore } from './types.ts';

export function memoryTemplates(audit: AuditRecord[]): TemplateStore {
  const templates = new Map<string, { position: number; t: RequestTemplate }>();
  /** Deleted ids, which the seeding skips until an edit adds them again. */
  const deleted = new Set<string>();
  const copy = (t: RequestTemplate) => structuredClone(t);
  return {
    async templates() {
      return [...templates.values()].sort((a, b) => a.position - b.position).map((x) => copy(x.t));
    },
    async addTemplates(list) {
      list.forEach(
        (t, i) => templates.has(t.id) || deleted.has(t.id) || templates.set(t.id, { position: i + 1, t: copy(t) }),
      );
    },
    async editTemplate(t, meta) {
      const before = templates.get(t.id);
      const last = Math.max(0, ...[...templates.values()].map((x) => x.position));
      templates.set(t.id, { position: before?.position ?? last + 1, t: copy(t) });
      deleted.delete(t.id);
      audit.push({ ...meta, target: `template:${t.id}`, before: before ? copy(before.t) : null, after: copy(t) });
      return { ...(before ? { before: copy(before.t) } : {}), after: copy(t) };
    },
    async deleteTemplate(id, meta) {
      const before = templates.get(id)?.t;
      if (!before) return undefined;
      templates.delete(id);
      deleted.add(id);
      audit.push({ ...meta, target: `template:${id}`, before: copy(before), after: null });
      return copy(before);
    },
  };
}
