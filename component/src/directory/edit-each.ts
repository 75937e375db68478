// One admin change to many entries at once (a department or a role renamed, a
// role taken away): each entry saved with its own audit record, and each
// change told to the services that follow the directory (rooms, live lists).
import { randomUUID } from 'node:crypto';
import type { DirectoryEntry, DirectoryStore } from '../store/types.ts';
import type { DirectoryChanges } from './changes.ts';

export async function editEach(
  directory: DirectoryStore,
  changes: DirectoryChanges,
  staff: readonly DirectoryEntry[],
  change: (e: DirectoryEntry) => DirectoryEntry,
  who: { readonly actor: string; readonly action: string },
): Promise<void> {
  const at = new Date().toISOString();
  for (const e of staff) {
    const { before, after } = await directory.edit(change(e), { id: randomUUID(), at, ...who });
    await changes.emit({ ...(before ? { before } : {}), after });
  }
}

/** "1 person", "2 people": how many a change moved, for its note. */
export const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
