// The directory's starting content (the demo staff, or a hospital's import).
import type { DirectoryStore } from '../store/types.ts';
import { canonicalJid, entryProblems, type EntryInput } from './validate.ts';

export interface DirectorySeed extends EntryInput {
  /** Left as stored when absent, so a restart does not take people off duty. */
  readonly onDuty?: boolean;
}

/** Checks every entry first (validate.ts), so a bad seed changes nothing; returns the problems. */
export async function seedDirectory(
  directory: DirectoryStore,
  seed: readonly DirectorySeed[],
  domain: string,
): Promise<string[]> {
  const problems = seed.flatMap((s) => entryProblems(s, domain).map((p) => `${s.jid}: ${p}`));
  if (problems.length) return problems;
  for (const s of seed) {
    const jid = canonicalJid(s.jid);
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
