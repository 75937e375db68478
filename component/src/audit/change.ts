// What an audit record changed, in words: "name: Priya → Priya Shah; roles:
// nurse → nurse, admin". Values are shown as they read; objects as JSON.
import type { AuditRecord } from '../store/types.ts';

export const shown = (v: unknown): string =>
  Array.isArray(v) && v.every((x) => typeof x !== 'object')
    ? v.join(', ')
    : typeof v === 'object' && v !== null
      ? JSON.stringify(v)
      : String(v ?? '');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each field of `after` whose value differs from `before`'s, as "field: old → new". */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after)
    .filter((k) => shown(before[k]) !== shown(after[k]))
    .map((k) => `${k}: ${shown(before[k])} → ${shown(after[k])}`);
}

/** Any record: its changed fields, or what it recorded when there was nothing before. */
export function describeRecord(r: Pick<AuditRecord, 'before' | 'after'>): string {
  if (isObject(r.before) && isObject(r.after)) return changedFields(r.before, r.after).join('; ') || 'no change';
  if (r.before === null && isObject(r.after))
    return Object.entries(r.after)
      .map(([k, v]) => `${k}: ${shown(v)}`)
      .join('; ');
  return `${shown(r.before) || '(none)'} → ${shown(r.after) || '(none)'}`;
}
