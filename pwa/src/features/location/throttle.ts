// When a GPS fix is worth sending (issue #9): a move of 10 m or more since the
// last one sent, or 30 s gone by; anything else would only cost the phone's
// battery and the dispatchers' screens.
import { metres } from './place.ts';

export const MIN_MOVE_M = 10;
export const EVERY_MS = 30_000;

export interface SentFix {
  readonly at: number;
  readonly pos: readonly [number, number];
}

export function worthSending(last: SentFix | undefined, pos: [number, number], now: number): boolean {
  return !last || metres([last.pos[0], last.pos[1]], pos) >= MIN_MOVE_M || now - last.at >= EVERY_MS;
}
