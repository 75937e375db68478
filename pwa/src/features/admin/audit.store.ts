// Admin → Audit log (issue #13 part 6): every admin action, newest first,
// filtered by time, who and what (the audit-log command), a page at a time,
// and exported whole (every page for the filters) as CSV or JSON. Only the
// server's admins may; anyone else sees the server's refusal.
import { AUDIT_COMMANDS, AUDIT_LOG_FIELDS as L } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { parseAuditLog, type AuditRow } from './audit-codec.ts';
import { useComplete } from './complete.ts';
import { paged } from './paged.ts';

export interface AuditFilters {
  /** datetime-local values (local time), '' for none. */
  from: string;
  to: string;
  actor: string;
  kind: string;
}

/** A datetime-local value → XEP-0082 in UTC; '' stays ''. */
const utc = (local: string) => (local ? new Date(local).toISOString() : '');

export const useAuditLog = defineStore('admin-audit', () => {
  const complete = useComplete();
  let filters: AuditFilters = { from: '', to: '', actor: '', kind: '' };

  async function page(before: string): Promise<AuditRow[]> {
    const values = {
      [L.from]: utc(filters.from),
      [L.to]: utc(filters.to),
      [L.actor]: filters.actor.trim(),
      [L.kind]: filters.kind,
      [L.before]: before,
    };
    const got = parseAuditLog(await complete(AUDIT_COMMANDS.auditLog, values, 'The audit log could not be read.'));
    if (got instanceof Error) throw got;
    return got;
  }
  const { rows, error, more, loading, first, older } = paged(page);

  /** The newest page for these filters. */
  function load(f: AuditFilters): Promise<void> {
    filters = { ...f };
    return first();
  }

  /** Every record for the current filters, all pages (for an export). */
  async function everything(): Promise<AuditRow[]> {
    const all: AuditRow[] = [];
    for (let next = await page(''); next.length; next = await page(all.at(-1)!.id)) all.push(...next);
    return all;
  }

  return { rows, error, more, loading, load, older, everything };
});
