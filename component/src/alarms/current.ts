// Who the escalation ladder still counts on. Each rung (the trigger's
// responders, then each ladder step that alerted anyone) is marked on its
// 'alerted' events. Once a later rung has alerted someone, the ladder has
// moved past those alerted before, and their alarm pushes stop (issue #12).
// A step that found nobody more to alert moves past no one, so an alarm
// never goes quiet because of one. The 1:1 repeats still reach everyone
// who has not answered, in the app (issue #10: "repeating until acknowledged or declined").
import type { IncidentEvent } from '../store/types.ts';

/** The detail of an 'alerted' event: '' for the trigger's responders, `step N` for the ladder's Nth step. */
export const rungMark = (step: number): string => (step ? `step ${step}` : '');
const rungOf = (detail: string): number => Number(/^step (\d+)$/.exec(detail)?.[1] ?? 0);

/**
 * Whether the ladder has moved past `jid`: a later rung than theirs alerted someone. Someone with no
 * 'alerted' event yet is being alerted right now (the events are written after the alarm goes out): not past.
 */
export function escalatedPast(events: readonly IncidentEvent[], jid: string): boolean {
  const alerted = events.filter((e) => e.event === 'alerted');
  const mine = alerted.filter((e) => e.who === jid).map((e) => rungOf(e.detail));
  if (!mine.length) return false;
  return Math.max(...mine) < Math.max(...alerted.map((e) => rungOf(e.detail)));
}
