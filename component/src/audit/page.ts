// A page of audit records as the result table's rows. A page stops short of
// AUDIT_PAGE when its values grow large (a site model is a big JSON value),
// so the answer stays under the component's 256 KiB per stanza; the client
// asks for the next page from the last record it got, until one comes empty.
import { AUDIT_LOG_FIELDS as F } from '@bleep/protocol';
import type { AuditRecord } from '../store/types.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { describeRecord } from './change.ts';

// The one rule for every answer that shows audit records (audit-log, directory-audit).
const PAGE_BYTES = 128 * 1024;
const CHANGE_MAX = 500;

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** A change in words as a row shows it: at most CHANGE_MAX characters, ending in "…" when cut. */
export const cutChange = (s: string) => (s.length > CHANGE_MAX ? `${s.slice(0, CHANGE_MAX - 1)}…` : s);

/** Rows for records in order, stopping before the row that would take the answer past PAGE_BYTES (never before the first). */
export function fitRows<T>(records: readonly T[], toRow: (r: T, i: number) => FormValues): FormValues[] {
  const rows: FormValues[] = [];
  let size = 0;
  for (const [i, r] of records.entries()) {
    const row = toRow(r, i);
    size += Object.values(row).reduce((n: number, v) => n + String(v).length, 0);
    if (rows.length && size > PAGE_BYTES) break;
    rows.push(row);
  }
  return rows;
}

export const toRows = (records: readonly AuditRecord[]): FormValues[] =>
  fitRows(records, (r) => ({
    [F.id]: r.id,
    [F.at]: r.at,
    [F.actor]: r.actor,
    [F.action]: r.action,
    [F.target]: r.target,
    [F.old]: json(r.before),
    [F.new]: json(r.after),
    [F.change]: cutChange(describeRecord(r)),
  }));

export function pageNote(rows: readonly FormValues[]): string {
  if (!rows.length) return 'No records.';
  const last = rows.at(-1)![F.id];
  return `${rows.length} record${rows.length === 1 ? '' : 's'}, newest first. For older ones, run again with "Older than record" = ${String(last)}.`;
}
