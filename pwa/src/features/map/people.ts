// The side list's rows: the directory joined with the live markers, filtered
// by role, department and duty. The map draws the same rows, so both agree.
import type { DirectoryListing, LocationItem } from '@bleep/protocol';

export interface MapPerson {
  readonly entry: DirectoryListing;
  readonly item?: LocationItem;
}

export interface MapFilter {
  readonly role: string;
  readonly department: string;
  /** 'on' (the default: only staff on duty share), 'off', or 'all'. */
  readonly duty: 'on' | 'off' | 'all';
}

export function mapPeople(
  entries: readonly DirectoryListing[],
  items: ReadonlyMap<string, LocationItem>,
  f: MapFilter,
): MapPerson[] {
  return entries
    .filter((e) => (f.duty === 'all' ? true : f.duty === 'on' ? e.onDuty : !e.onDuty))
    .filter((e) => !f.role || e.roles.includes(f.role))
    .filter((e) => !f.department || e.department === f.department)
    .map((entry) => ({ entry, item: items.get(entry.jid) }))
    .sort((a, b) => Number(!!b.item) - Number(!!a.item) || a.entry.name.localeCompare(b.entry.name));
}

/** The choices of a filter: every value held in the directory, sorted. */
export const valuesOf = (entries: readonly DirectoryListing[], pick: (e: DirectoryListing) => readonly string[]) =>
  [...new Set(entries.flatMap(pick).filter(Boolean))].sort();
