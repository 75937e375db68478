// The room of a department: dept-<slug>-<hash>@conference.<domain>. The slug
// keeps the address readable; the hash (of the exact name, NFC) keeps
// departments apart whose names differ only in script, case or punctuation
// ("Кардиология", "心脏科", "A&E" and "A-E" would all slug to nothing or to
// the same thing). This is the address a department is given when it is first
// seen; it is then recorded and kept across renames (department-room.ts).
import { createHash } from 'node:crypto';

const SLUG_MAX = 40;

export function departmentRoom(department: string, mucHost: string): string {
  const exact = department.normalize('NFC');
  const slug = exact
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
  // 8 hex digits: 32 bits, so thousands of departments never meet by chance.
  const hash = createHash('sha256').update(exact).digest('hex').slice(0, 8);
  return `dept-${slug ? `${slug}-` : ''}${hash}@${mucHost}`;
}
