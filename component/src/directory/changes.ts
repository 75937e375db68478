// Directory changes made while the component runs (duty, admin edits), told
// to the services that follow them: live updates to online clients, and
// department rooms. An entry without `after` was removed; `cause` says who
// made the change and with which command, for the audit records the change
// leads to (a department room retired: rooms/retire.ts).
import type { DirectoryEntry } from '@bleep/protocol';
import { Listeners, type Listener } from '../listeners.ts';

export interface ChangeCause {
  /** Bare JID of whoever made the change. */
  readonly actor: string;
  /** The command's node, e.g. 'directory-edit'. */
  readonly action: string;
}

export interface DirectoryChange {
  readonly before?: DirectoryEntry;
  readonly after?: DirectoryEntry;
  readonly cause?: ChangeCause;
}

export type ChangeListener = Listener<DirectoryChange>;

export class DirectoryChanges extends Listeners<DirectoryChange> {}
