// A directory entry as the admin's edit form holds it, and back.
import type { DirectoryListing } from '@bleep/protocol';

/** What the edit form holds: roles as typed, comma or line between them. */
export interface EntryDraft {
  jid: string;
  name: string;
  roles: string;
  department: string;
  extension: string;
}

export const draftOf = (e: DirectoryListing): EntryDraft => ({
  jid: e.jid,
  name: e.name,
  roles: e.roles.join(', '),
  department: e.department,
  extension: e.extension,
});

export const rolesOf = (typed: string) =>
  typed
    .split(/[,\n]/)
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
