// A page of audit records as the result table's rows. Every value in a row is
// bounded (VALUE_BYTES, or less for a column that asks), so any one row fits,
// and a page stops short of AUDIT_PAGE when its rows grow large (a site model
// is a big JSON value): the answer stays under the component's 256 KiB per
// stanza. The client asks for the next page from the last record it got,
// until one comes empty.
import { AUDIT_LOG_FIELDS as F } from '@bleep/protocol';
import type { AuditRecord } from '../store/types.ts';
import type { FieldValue, FormValues } from '../xmpp/dataform.ts';
import { describeRecord } from './change.ts';

// The one rule for every answer that shows audit records (audit-log, directory-audit). Sizes are counted as
// written: UTF-8 bytes once XML-escaped (xmpp/wire.ts bounds the stanza the same way).
const PAGE_BYTES = 128 * 1024;
/** No value in a row is longer; a row has at most three large ones (before, after, change). */
const VALUE_BYTES = 32 * 1024;
/** What changed, in words, is a summary: shorter. */
export const CHANGE_BYTES = 500;

// A text node escapes & < > (ltx's escapeXMLText).
const written = (ch: string) => (ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : Buffer.byteLength(ch));

/** `s` as a row shows it: at most `max` bytes written, ending in "…" when cut. */
function cut(s: string, max: number): string {
  let size = 0;
  let end = -1;
  let i = 0;
  for (const ch of s) {
    size += written(ch);
    if (end < 0 && size > max - 3) end = i; // room for "…" (3 bytes)
    if (size > max) return `${s.slice(0, end)}…`;
    i += ch.length;
  }
  return s;
}

function sizeOf(v: FieldValue): number {
  let n = 0;
  for (const x of Array.isArray(v) ? v : [v]) for (const ch of String(x)) n += written(ch);
  return n;
}

/**
 * Rows for records in order, every string value cut to VALUE_BYTES (or `limits[column]`), stopping before the
 * row that would take the answer past PAGE_BYTES (never before the first). A row whose values were cut names
 * those columns in its `cut` value (AUDIT_LOG_FIELDS.cut; a table without that column just shows the "…").
 */
export function fitRows<T>(
  records: readonly T[],
  toRow: (r: T, i: number) => FormValues,
  limits: Readonly<Record<string, number>> = {},
): FormValues[] {
  const rows: FormValues[] = [];
  let size = 0;
  for (const [i, r] of records.entries()) {
    const full = toRow(r, i);
    const row: Record<string, FieldValue> = {};
    const shortened: string[] = [];
    for (const [k, v] of Object.entries(full)) {
      row[k] = typeof v === 'string' ? cut(v, limits[k] ?? VALUE_BYTES) : v;
      if (row[k] !== v) shortened.push(k);
    }
    if (shortened.length) row[F.cut] = shortened.join(' ');
    size += Object.values(row).reduce((n: number, v) => n + sizeOf(v), 0);
    if (rows.length && size > PAGE_BYTES) break;
    rows.push(row);
  }
  return rows;
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export const toRows = (records: readonly AuditRecord[]): FormValues[] =>
  fitRows(
    records,
    (r) => ({
      [F.id]: r.id,
      [F.at]: r.at,
      [F.actor]: r.actor,
      [F.action]: r.action,
      [F.target]: r.target,
      [F.old]: json(r.before),
      [F.new]: json(r.after),
      [F.change]: describeRecord(r),
    }),
    { [F.change]: CHANGE_BYTES },
  );

export function pageNote(rows: readonly FormValues[]): string {
  if (!rows.length) return 'No records.';
  const last = rows.at(-1)![F.id];
  const cutShort = rows.some((r) => r[F.cut])
    ? ` Values too long for one answer are cut short, ending in "…"; the "Cut short" column names them.`
    : '';
  return `${rows.length} record${rows.length === 1 ? '' : 's'}, newest first. For older ones, run again with "Older than record" = ${String(last)}.${cutShort}`;
}
