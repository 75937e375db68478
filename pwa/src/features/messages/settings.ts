// How long a written message may wait for the network and still go without
// asking (default 1 hour): after that it shows "not sent", with Send now and
// Discard, so that a note written for one moment does not arrive much later.
// Kept on this device. The same rule holds for chat messages (outgoing.ts)
// and messages to a role (roles/roles.store.ts).
import { ref } from 'vue';
import { instant } from '../../xmpp/stamp.ts';

const KEY = 'bleep.outbox.maxAgeMs';
export const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;

function load(): number {
  const v = Number(globalThis.localStorage?.getItem(KEY));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_AGE_MS;
}

export function outboxSettings() {
  const maxAgeMs = ref(load());
  return {
    maxAgeMs,
    setMaxAge(ms: number): void {
      maxAgeMs.value = ms;
      localStorage.setItem(KEY, String(ms));
    },
  };
}

/** A message written at `at` (ISO 8601) waited longer than it may and still go without asking; an unknown time did. */
export const waitedTooLong = (at: string | undefined, maxAgeMs: number, now = Date.now()): boolean =>
  now - instant(at ?? '') > maxAgeMs;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `at` was, in words for the person asked: "40 minutes", "3 hours", "2 days". */
export function waitedFor(at: string | undefined, now = Date.now()): string {
  const written = instant(at ?? '');
  if (!written) return 'an unknown time';
  const ms = now - written;
  const [n, unit] = ms < HOUR ? [ms / MINUTE, 'minute'] : ms < DAY ? [ms / HOUR, 'hour'] : [ms / DAY, 'day'];
  const whole = Math.max(1, Math.floor(n));
  return `${whole} ${unit}${whole === 1 ? '' : 's'}`;
}
