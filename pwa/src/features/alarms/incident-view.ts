// What an incident room's head says (issue #10: "the room shows live who
// acknowledged against the rule, who is missing, and the elapsed time"): the
// newest state the component posted in the room (messages/kinds/incident-state.ts;
// its tally is the component's, against the preset's per-role rule), read as
// lines, and the time since the trigger. Pure, but for the ticking clock.
import type { IncidentRoleTally, IncidentState } from '@bleep/protocol';
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { Line } from '../messages/index.ts';

/** The room's newest incident state, or undefined before the component posted one. */
export function latestState(lines: readonly Line[]): IncidentState | undefined {
  for (let k = lines.length - 1; k >= 0; k--) {
    const c = lines[k]!.content;
    if (c.kind === 'incident-state') return c.state;
  }
  return undefined;
}

const missingOf = (r: IncidentRoleTally) => Math.max(0, r.n - r.by.length);

/** "anaesthesia 1/1, nurse 1/2 — missing: 1 nurse", or "… — rule met". */
export function tallyText(s: IncidentState): string {
  const counts = s.roles.map((r) => `${r.role} ${r.by.length}/${r.n}`).join(', ');
  const missing = s.roles
    .filter(missingOf)
    .map((r) => `${missingOf(r)} ${r.role}`)
    .join(', ');
  return `${counts} — ${missing ? `missing: ${missing}` : 'rule met'}`;
}

/** Who counted, by role: "anaesthesia: Dr Jonas Weber"; roles nobody counted for yet are left out. */
export const whoText = (s: IncidentState, nameOf: (jid: string) => string): string =>
  s.roles
    .filter((r) => r.by.length)
    .map((r) => `${r.role}: ${r.by.map(nameOf).join(', ')}`)
    .join(' · ');

/** "4:07" (minutes:seconds), "1:02:07" past an hour. */
export function elapsedText(fromIso: string, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** The read-only line that replaces a resolved incident room's composer. */
export const readOnlyText = (s: IncidentState | undefined): string =>
  s?.status === 'resolved' ? `This incident was resolved${s.outcome ? ` (${s.outcome})` : ''} — read only` : '';

/** The read-only line of a room from its lines: '' unless it is an incident room that was resolved. */
export const incidentReadOnly = (lines: readonly Line[]): string => readOnlyText(latestState(lines));

/** Now, in ms, ticking every second while the component using it is mounted. */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => (timer = setInterval(() => (now.value = Date.now()), 1000)));
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
