// Listeners of one kind of event (directory changes, recorded answers): emit
// resolves once every listener is done, so a command completes when its
// effects are in place; a listener that fails is reported, not thrown.
export type Listener<T> = (event: T) => void | Promise<void>;

export class Listeners<T> {
  private readonly listeners: Listener<T>[] = [];
  private readonly onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void) {
    this.onError = onError;
  }

  on(listener: Listener<T>): this {
    this.listeners.push(listener);
    return this;
  }

  async emit(event: T): Promise<void> {
    const settled = await Promise.allSettled(this.listeners.map(async (l) => l(event)));
    for (const s of settled) if (s.status === 'rejected') this.onError(s.reason);
  }
}
