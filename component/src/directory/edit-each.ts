// One admin change to many entries at once (a department or a role renamed, a
// role taken away): every entry saved with its own audit record, all in one
// store transaction (a failure part-way leaves the directory and its audit as
// they were), then each change told to the services that follow the directory
// (rooms, live lists). A renamed department's room record goes to the new name
// in the same transaction, so it keeps its room and history (rooms/department-room.ts).
// Not in that transaction: the rooms themselves, which are Prosody's. A failure
// while naming the room or moving people does not undo the directory's change;
// the start-up sync makes the rooms follow the directory again.
import { randomUUID } from 'node:crypto';
import type { DepartmentRename, DirectoryEntry, DirectoryStore } from '../store/types.ts';
import type { DirectoryChanges } from './changes.ts';

export async function editEach(
  directory: DirectoryStore,
  changes: DirectoryChanges,
  staff: readonly DirectoryEntry[],
  change: (e: DirectoryEntry) => DirectoryEntry,
  who: { readonly actor: string; readonly action: string },
  renamed?: DepartmentRename,
): Promise<void> {
  const at = new Date().toISOString();
  const saved = await directory.editAll(
    staff.map((e) => ({ entry: change(e), audit: { id: randomUUID(), at, ...who } })),
    renamed,
  );
  for (const { before, after } of saved) await changes.emit({ ...(before ? { before } : {}), after, cause: who });
}

/** "1 person", "2 people": how many a change moved, for its note. */
export const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
