// directory-audit: server admins read the latest admin edits, one row per
// edit, with what changed in words. It is not a log of its own: it is the
// audit log's newest page (audit-log with no filter, the same read:
// audit/query.ts), kept as the short four-column view it was before audit-log
// existed, with a person's creation and deletion in words.
import { AUDIT_FIELDS as A, COMMANDS } from '@bleep/protocol';
import { changedFields, shown } from '../audit/change.ts';
import { CHANGE_BYTES, fitRows } from '../audit/page.ts';
import { readLog } from '../audit/query.ts';
import { ROOM_AUDIT } from '../rooms/retire.ts';
import type { AuditRecord, AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { AUDIT_TABLE } from './forms.ts';

/**
 * "name: Priya → Priya Shah; roles: nurse → nurse, admin", or "created: …" for a new entry, "deleted: …" for a
 * deleted one; a department room's retirement or reopening (rooms/retire.ts) in its own words.
 */
export function describeChange(r: Pick<AuditRecord, 'action' | 'before' | 'after'>): string {
  const before = (r.before ?? {}) as Record<string, unknown>;
  const after = (r.after ?? {}) as Record<string, unknown>;
  if (r.action === ROOM_AUDIT.retired)
    return `room retired: ${shown(after.department)}${after.mergedInto ? `, merged into ${shown(after.mergedInto)}` : ''}`;
  if (r.action === ROOM_AUDIT.reopened) return `room reopened: ${shown(after.department)}`;
  if (!r.before)
    return `created: ${shown(after.name)} (${shown(after.roles) || 'no roles'}, ${shown(after.department) || 'no department'})`;
  if (!r.after)
    return `deleted: ${shown(before.name)} (${shown(before.roles) || 'no roles'}, ${shown(before.department) || 'no department'})`;
  return changedFields(before, after).join('; ') || 'no change';
}

const CUT_NOTE =
  'Long changes are cut short here, and fewer edits may be shown, to fit one answer. ' +
  'The Audit log command (audit-log) shows each record with its values before and after, and older ones a page at a time.';

export function auditCommand(audit: AuditStore): Command {
  return {
    node: COMMANDS.directoryAudit,
    name: 'Admin edits',
    permission: 'server-admin',
    run: async () => {
      // The same caps as audit-log (audit/page.ts): a site model edit among the newest records is a
      // change of many kilobytes, and the answer must stay under the component's 256 KiB per stanza.
      const records = await readLog(audit, {});
      const changes = records.map(describeChange);
      const rows = fitRows(
        records,
        (r, i) => ({ [A.at]: r.at, [A.actor]: r.actor, [A.target]: r.target, [A.change]: changes[i]! }),
        { [A.change]: CHANGE_BYTES },
      );
      const cut = rows.length < records.length || rows.some((row, i) => row[A.change] !== changes[i]);
      return { kind: 'done', form: AUDIT_TABLE, rows, ...(cut && { note: CUT_NOTE }) };
    },
  };
}
