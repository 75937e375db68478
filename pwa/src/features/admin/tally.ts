// How many people have each value (a department, a role), by value.

export interface Tally {
  readonly name: string;
  readonly count: number;
}

/** One list of values per person → each value once with how many people have it, sorted by value. */
export function tally(perPerson: readonly (readonly string[])[]): Tally[] {
  const counts = new Map<string, number>();
  for (const values of perPerson) for (const v of new Set(values)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
}

/** "1 person", "2 people". */
export const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
