// Whether a directory entry matches what the user typed: name, role or
// department, case-insensitively. The Colleagues list and the admin's
// Accounts page search alike.
import type { DirectoryListing } from '@bleep/protocol';

export type Searchable = Pick<DirectoryListing, 'jid' | 'name' | 'department' | 'roles'>;

export function matches(e: Searchable, query: string): boolean {
  const q = query.trim().toLowerCase();
  return (
    !q ||
    e.name.toLowerCase().includes(q) ||
    e.jid.toLowerCase().includes(q) ||
    e.department.toLowerCase().includes(q) ||
    e.roles.some((r) => r.toLowerCase().includes(q))
  );
}
