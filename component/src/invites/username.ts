// The account an invite creates, from the person's name: hospitals give
// staff addresses such as amara.okafor@…, so nobody picks (or mistypes) one
// at onboarding. Letters lose their accents (NFKD, marks dropped) and
// anything else becomes a dot; a name already taken gets 2, 3, ….
const TITLES = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'sr', 'sister', 'nurse']);

export function accountName(name: string, taken: ReadonlySet<string>): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const plain = (words.length > 1 && TITLES.has(words[0]!) ? words.slice(1) : words).join('.').slice(0, 40);
  const base = plain || 'staff';
  let user = base;
  for (let n = 2; taken.has(user); n++) user = `${base}${n}`;
  return user;
}
