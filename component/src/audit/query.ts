// The audit-log query form's values → the store's query, every problem listed,
// and the one read of the log that audit-log and directory-audit both make.
import { AUDIT_LOG_FIELDS as F, AUDIT_PAGE } from '@bleep/protocol';
import type { AuditQuery, AuditRecord, AuditStore } from '../store/types.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';

const text = (input: FormValues, v: string) => String(input[v] ?? '').trim();

// XEP-0082 DateTime, seconds and fraction optional (a datetime-local input gives minutes).
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 in UTC as records keep it, so that text order is time order. */
function time(input: FormValues, v: string, label: string, problems: string[]): string | undefined {
  const given = text(input, v);
  if (!given) return undefined;
  const ms = DATETIME.test(given) ? Date.parse(given) : NaN;
  if (Number.isNaN(ms)) problems.push(`${label}: a date and time such as 2026-11-30T10:00:00Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function parseQuery(input: FormValues): AuditQuery {
  const problems: string[] = [];
  const from = time(input, F.from, 'From', problems);
  const to = time(input, F.to, 'Until', problems);
  const actor = text(input, F.actor).toLowerCase();
  if (actor && !/^[^@/\s]+@[^@/\s]+$/.test(actor)) problems.push('By: an address such as admin@hospital.example');
  const kind = text(input, F.kind);
  if (kind && !/^[a-z-]+$/.test(kind)) problems.push('What: a kind such as person, preset or site');
  const before = text(input, F.before);
  if (problems.length) throw new BleepError('bad-form', `${problems.join('. ')}.`);
  return {
    limit: AUDIT_PAGE,
    ...(from && { from }),
    ...(to && { to }),
    ...(actor && { actor }),
    ...(kind && { kind }),
    ...(before && { before }),
  };
}

/** The records the query form's values ask for, newest first, a page at a time; no values: the newest page. */
export const readLog = (audit: AuditStore, input: FormValues): Promise<AuditRecord[]> => audit.list(parseQuery(input));
