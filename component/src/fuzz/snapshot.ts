// What the component stores, before and after a fuzz run: nothing may have
// changed except what the run's admin edits legitimately did (each one in
// the audit record) and an account's own duty status.
import { COMMANDS, type DirectoryEntry } from '@bleep/protocol';
import { entryProblems } from '../directory/validate.ts';
import { parseSiteModel } from '../location/site-model.ts';
import type { AuditRecord, Store } from '../store/types.ts';

export interface Snapshot {
  readonly entries: ReadonlyMap<string, DirectoryEntry>;
  readonly audit: readonly AuditRecord[];
  /** The site model (site-edit), as stored. */
  readonly site: unknown;
}

export async function snapshot(store: Store): Promise<Snapshot> {
  const entries = new Map((await store.directory.list()).map((e) => [e.jid, e]));
  return { entries, audit: await store.audit.list({ limit: 1_000_000 }), site: await store.site.get() };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The admin commands that change directory entries, each audited with the entry after (null: deleted). */
const ENTRY_EDITS = new Set<string>([
  COMMANDS.directoryEdit,
  COMMANDS.directoryDelete,
  COMMANDS.directoryRenameDepartment,
  COMMANDS.directoryRenameRole,
  COMMANDS.directoryDeleteRole,
]);
const withoutDuty = ({ onDuty: _, ...rest }: DirectoryEntry) => rest;

/**
 * Every change from `before` to `after` that no directory edit by `admin` and no own duty change
 * explains. Other new audit records (location reads, site edits) must be by one of `actors`.
 */
export function unexplained(
  before: Snapshot,
  after: Snapshot,
  admin: string,
  domain: string,
  actors: readonly string[] = [admin],
): string[] {
  const problems: string[] = [];
  const known = new Set(before.audit.map((a) => a.id));
  for (const old of before.audit) {
    const now = after.audit.find((a) => a.id === old.id);
    if (!now || !same(now, old)) problems.push(`audit record ${old.id} changed or went`);
  }
  const newRecords = after.audit.filter((a) => !known.has(a.id));
  const added = newRecords.filter((a) => ENTRY_EDITS.has(a.action));
  for (const a of added) if (a.actor !== admin) problems.push(`directory edit by ${a.actor}, not the admin`);
  for (const a of newRecords) if (!actors.includes(a.actor)) problems.push(`${a.action} audited by ${a.actor}`);
  // The newest edit of each entry is what it must hold now.
  const lastEdit = new Map<string, AuditRecord>();
  for (const a of [...added].reverse()) lastEdit.set(a.target, a);
  for (const jid of before.entries.keys())
    if (!after.entries.has(jid) && lastEdit.get(jid)?.after !== null) problems.push(`${jid} went from the directory`);
  for (const [jid, now] of after.entries) {
    const was = before.entries.get(jid);
    const edit = lastEdit.get(jid);
    if (edit?.after === null) problems.push(`${jid} is there after its audited deletion`);
    else if (edit) {
      const { onDuty: _, ...expected } = edit.after as DirectoryEntry;
      if (!same(withoutDuty(now), { ...withoutDuty(now), ...expected }))
        problems.push(`${jid} differs from its last audited edit`);
    } else if (!was) problems.push(`${jid} appeared without an audited edit`);
    else if (!same(withoutDuty(was), withoutDuty(now))) problems.push(`${jid} changed without an audited edit`);
    const rules = entryProblems(now, domain);
    if (rules.length) problems.push(`${jid} breaks the directory's rules: ${rules.join(' ')}`);
  }
  return [...problems, ...siteProblems(before, after, newRecords)];
}

/** The stored site model is the one its newest audited save wrote, and still a valid model. */
function siteProblems(before: Snapshot, after: Snapshot, newRecords: readonly AuditRecord[]): string[] {
  if (same(before.site, after.site)) return [];
  const saves = newRecords.filter((a) => a.target === 'site');
  if (!saves.length) return ['the site model changed without an audited save'];
  // Newest first; saves within one millisecond are listed by id, so any of those may be the last.
  const last = saves.filter((a) => a.at === saves[0]!.at);
  if (!last.some((a) => same(a.after, after.site))) return ['the site model differs from its last audited save'];
  const parsed = parseSiteModel(after.site);
  return parsed.ok ? [] : [`the stored site model is not valid: ${parsed.problems.join('; ')}`];
}
