// Directory search: by name (or address), role and department, case-insensitive.
// A hospital directory holds thousands of entries at most, so the component
// filters the list in memory rather than building SQL per query.
import type { DirectoryEntry } from '@bleep/protocol';

export interface DirectoryQuery {
  readonly text?: string;
  readonly role?: string;
  readonly department?: string;
  readonly onDutyOnly?: boolean;
}

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function searchEntries(entries: readonly DirectoryEntry[], q: DirectoryQuery): DirectoryEntry[] {
  const text = q.text ? norm(q.text) : '';
  const role = q.role ? norm(q.role) : '';
  const dept = q.department ? norm(q.department) : '';
  return entries.filter(
    (e) =>
      (!text || norm(e.name).includes(text) || e.jid.includes(text)) &&
      (!role || e.roles.some((r) => norm(r) === role)) &&
      (!dept || norm(e.department).includes(dept)) &&
      (!q.onDutyOnly || e.onDuty),
  );
}

/** At most `max` of what a search found, and the note that says what was left out and what to do. */
export function firstResults<T>(found: readonly T[], max: number): { shown: readonly T[]; note?: string } {
  if (found.length <= max) return { shown: found };
  return {
    shown: found.slice(0, max),
    note: `Showing the first ${max} of ${found.length} people found. Refine your search (name, role or department) to see the others.`,
  };
}
