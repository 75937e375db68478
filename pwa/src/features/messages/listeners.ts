// Features told of what the message pipeline received (notifications, the
// alarms, the Incidents tab): each kind its own list of listeners.
export interface Listeners<A extends unknown[]> {
  /** Adds a listener, for the life of the app. */
  readonly add: (listener: (...args: A) => void) => void;
  readonly tell: (...args: A) => void;
}

export function listeners<A extends unknown[]>(): Listeners<A> {
  const all: ((...args: A) => void)[] = [];
  return { add: (l) => void all.push(l), tell: (...args) => all.forEach((l) => l(...args)) };
}
