// The reference preset store (memory.ts): what sql/presets.ts must behave like.
import type { AlarmPreset } from '@bleep/protocol';
import type { AuditRecord, PresetStore } from './types.ts';

export function memoryPresets(audit: AuditRecord[]): PresetStore {
  const presets = new Map<string, AlarmPreset>();
  const copy = (p: AlarmPreset) => structuredClone(p);
  return {
    async get(id) {
      const p = presets.get(id);
      return p && copy(p);
    },
    async list() {
      return [...presets.values()]
        .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1))
        .map(copy);
    },
    async seed(list) {
      const missing = list.filter((p) => !presets.has(p.id));
      for (const p of missing) presets.set(p.id, copy(p));
      return missing.length;
    },
    async edit(p, meta) {
      const before = presets.get(p.id);
      presets.set(p.id, copy(p));
      audit.push({ ...meta, target: `preset:${p.id}`, before: before ? copy(before) : null, after: copy(p) });
      return { ...(before ? { before: copy(before) } : {}), after: copy(p) };
    },
  };
}
