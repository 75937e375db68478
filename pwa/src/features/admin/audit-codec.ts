// The audit-log table (protocol AUDIT_LOG_FIELDS) → rows, and rows → the
// exported CSV and JSON. A bad answer is an Error value, never a throw.
import { AUDIT_LOG_FIELDS as L, FORM_AUDIT_LOG } from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

export interface AuditRow {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  /** The value before and after, as JSON text ('' when there was none). */
  readonly old: string;
  readonly new: string;
  readonly change: string;
  /** The columns cut short to fit one answer, space-separated ('' when whole): a cut old or new is not JSON. */
  readonly cut: string;
}

const COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'old', 'new', 'change', 'cut'] as const;

export function parseAuditLog(step: CommandStep): AuditRow[] | Error {
  if (!step.x || step.form?.formType !== FORM_AUDIT_LOG) return new Error('The server did not send the audit log.');
  return parseTable(step.x)
    .map((f) => {
      const cell = (c: (typeof COLUMNS)[number]) => f[L[c]]?.[0] ?? '';
      return Object.fromEntries(COLUMNS.map((c) => [c, cell(c)])) as unknown as AuditRow;
    })
    .filter((r) => r.id);
}

// A spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a
// formula: prefix it with ' so it is shown as text.
// https://owasp.org/www-community/attacks/CSV_Injection
const FORMULA = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), safe from formula injection. */
export function csvCell(value: string): string {
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header first, then one line per record; CRLF as RFC 4180 says. */
export function toCsv(rows: readonly AuditRow[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** The records as JSON, with before and after as values (not JSON text), or as the text shown when cut short. */
export function toJson(rows: readonly AuditRow[]): string {
  const value = (r: AuditRow, c: 'old' | 'new') =>
    r.cut.split(' ').includes(c) ? r[c] : r[c] ? (JSON.parse(r[c]) as unknown) : null;
  return JSON.stringify(
    rows.map((r) => ({ ...r, old: value(r, 'old'), new: value(r, 'new') })),
    null,
    2,
  );
}
