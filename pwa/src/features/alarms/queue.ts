// Alarms raised while offline (issue #10: "queued in the outbox and sent on
// reconnect"): kept on this device per account, so a reload keeps them, and
// each under its own id, taken off once the component has answered. The id
// goes with the trigger (ALARM_FIELDS.clientId): sent again after a lost
// answer or a reconnect, it finds the incident it raised, so it is never
// raised twice. Not the message outbox (IndexedDB): that one holds stanzas,
// and this is a two-step command whose form comes from the component.
// Sign-out clears them.
export interface QueuedAlarm {
  readonly id: string;
  readonly preset: string;
  readonly name: string;
  readonly location: string;
  readonly bed: string;
  readonly note: string;
  /** ISO 8601: when the user raised it. */
  readonly at: string;
}

const key = (account: string) => `bleep-alarm-queue:${account}`;

export function queued(account: string): QueuedAlarm[] {
  try {
    const v = JSON.parse(localStorage.getItem(key(account)) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as QueuedAlarm[]) : [];
  } catch {
    return [];
  }
}

export function enqueue(account: string, a: QueuedAlarm): void {
  localStorage.setItem(key(account), JSON.stringify([...queued(account).filter((x) => x.id !== a.id), a]));
}

export function dequeue(account: string, id: string): void {
  const left = queued(account).filter((x) => x.id !== id);
  if (left.length) localStorage.setItem(key(account), JSON.stringify(left));
  else localStorage.removeItem(key(account));
}

export const forgetQueue = (account: string) => localStorage.removeItem(key(account));
