// Directory changes made while the component runs (duty, admin edits), told
// to the services that follow them: live updates to online clients, and
// department rooms. An entry without `after` was removed.
import type { DirectoryEntry } from '@bleep/protocol';

export interface DirectoryChange {
  readonly before?: DirectoryEntry;
  readonly after?: DirectoryEntry;
}

export type ChangeListener = (change: DirectoryChange) => void | Promise<void>;

export class DirectoryChanges {
  private readonly listeners: ChangeListener[] = [];
  private readonly onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void) {
    this.onError = onError;
  }

  on(listener: ChangeListener): this {
    this.listeners.push(listener);
    return this;
  }

  /** Resolves once every listener is done, so a command completes when its effects are in place. */
  async emit(change: DirectoryChange): Promise<void> {
    const settled = await Promise.allSettled(this.listeners.map(async (l) => l(change)));
    for (const s of settled) if (s.status === 'rejected') this.onError(s.reason);
  }
}
