// The directory's starting content (the demo staff, or a hospital's import).
// The messaging issue makes the directory live; until then this fills it.
import type { DirectoryStore } from '../store/types.ts';

export interface DirectorySeed {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department?: string;
  readonly extension?: string;
  /** Left as stored when absent, so a restart does not take people off duty. */
  readonly onDuty?: boolean;
}

const ROLE = /^[a-z][a-z0-9-]{0,39}$/;

/** Checks every entry first, so a bad seed changes nothing; returns the problems. */
export async function seedDirectory(directory: DirectoryStore, seed: readonly DirectorySeed[]): Promise<string[]> {
  const problems: string[] = [];
  for (const s of seed) {
    if (!/^[^@\s/]+@[^@\s/]+$/.test(s.jid)) problems.push(`${s.jid}: not a bare JID`);
    if (!s.name.trim() || s.name.length > 100) problems.push(`${s.jid}: the name must be 1 to 100 characters`);
    for (const r of s.roles)
      if (!ROLE.test(r)) problems.push(`${s.jid}: role "${r}" must be lower-case letters, digits, -`);
  }
  if (problems.length) return problems;
  for (const s of seed) {
    const jid = s.jid.toLowerCase();
    const onDuty = s.onDuty ?? (await directory.get(jid))?.onDuty ?? false;
    await directory.upsert({
      jid,
      name: s.name.trim(),
      roles: s.roles,
      department: s.department ?? '',
      extension: s.extension ?? '',
      onDuty,
    });
  }
  return [];
}
