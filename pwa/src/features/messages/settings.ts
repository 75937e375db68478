// How long a written message may wait for the network and still go without
// asking (default 1 hour): after that it shows "not sent", with Send now and
// Discard, so that a note written for one moment does not arrive much later.
// Kept on this device.
import { ref } from 'vue';

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
