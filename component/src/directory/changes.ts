// Directory changes made while the component runs (duty, admin edits), told
// to the services that follow them: live updates to online clients, and
// department rooms. An entry without `after` was removed.
import type { DirectoryEntry } from '@bleep/protocol';
import { Listeners, type Listener } from '../listeners.ts';

export interface DirectoryChange {
  readonly before?: DirectoryEntry;
  readonly after?: DirectoryEntry;
}

export type ChangeListener = Listener<DirectoryChange>;

export class DirectoryChanges extends Listeners<DirectoryChange> {}
