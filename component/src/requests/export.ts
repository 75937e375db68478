// A request as a row of the `requests` table, and the audit trail as CSV.
import { AUDIT_CSV_COLUMNS, REQUESTS_FIELDS as L } from '@bleep/protocol';
import { requestAddress } from '../responses/codec.ts';
import { tally } from '../responses/rules.ts';
import type { RequestAuditRow, StoredRequest } from '../store/types.ts';
import type { FormValues } from '../xmpp/dataform.ts';

export function requestRow(r: StoredRequest, opsHost: string): FormValues {
  const t = tally(r.choices, r.recipients.length, r.answers);
  return {
    [L.id]: r.id,
    [L.jid]: requestAddress(r.id, opsHost),
    [L.template]: r.template,
    [L.title]: r.title,
    [L.sender]: r.sender,
    [L.status]: r.status,
    [L.addressed]: String(t.addressed),
    [L.accepted]: String(t.accepted),
    [L.declined]: String(t.declined),
    [L.answers]: r.answers.map((a) => `${a.by} ${a.choice} ${a.at}`),
    [L.created]: r.created,
    [L.expires]: r.expires ?? '',
  };
}

// RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. Five lines do not
// justify a dependency. A leading = + - @ is prefixed with ' so a spreadsheet never runs a title as a formula (OWASP CSV injection).
export function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header first, then one line per audit event. */
export function auditCsv(rows: readonly RequestAuditRow[]): string[] {
  const line = (r: RequestAuditRow) =>
    [
      r.request,
      r.template,
      r.title,
      r.sender,
      r.event,
      r.who,
      r.choice,
      r.at,
      r.resource,
      r.tookMs === undefined ? '' : String(r.tookMs),
    ]
      .map(cell)
      .join(',');
  return [AUDIT_CSV_COLUMNS.join(','), ...rows.map(line)];
}
