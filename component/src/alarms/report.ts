// An incident's report for quality review: its timeline with names and the
// delay of each event since the trigger, as CSV (RFC 4180, the requests'
// export quoting), JSON, or printable lines; the summary posted in the room
// at closing is the printable form.
import { REPORT_CSV_COLUMNS, type ReportFormat } from '@bleep/protocol';
import { cell } from '../requests/export.ts';
import type { Incident, IncidentEvent, Store } from '../store/types.ts';
import { took } from './tally.ts';

export interface ReportLine extends IncidentEvent {
  readonly name: string;
  readonly delayS: number;
}

export async function reportLines(store: Store, i: Incident): Promise<ReportLine[]> {
  const names = new Map<string, string>();
  const events = await store.incidents.events(i.id);
  for (const e of events)
    if (e.who && !names.has(e.who)) names.set(e.who, (await store.directory.get(e.who))?.name || e.who.split('@')[0]!);
  const t0 = Date.parse(i.created);
  return events.map((e) => ({
    ...e,
    name: names.get(e.who) ?? '',
    delayS: Math.max(0, Math.round((Date.parse(e.at) - t0) / 1000)),
  }));
}

const WORDS: Record<IncidentEvent['event'], string> = {
  triggered: 'triggered',
  alerted: 'alerted',
  merged: 'triggered again (merged)',
  escalated: 'escalated',
  acknowledged: 'answered',
  declined: 'declined',
  'break-glass': 'broke the glass',
  resolved: 'resolved',
  failed: 'not raised',
};

/** "10:42:07 (+0 s) Priya Shah triggered: Code Blue · Ward 3 · 10:42" */
export function printable(i: Incident, lines: readonly ReportLine[]): string[] {
  return [
    `${i.roomName}: timeline (UTC)`,
    ...lines.map(
      (l) =>
        `${l.at.slice(11, 19)} (+${took(i.created, l.at)}) ${[l.name, WORDS[l.event]].filter(Boolean).join(' ')}` +
        (l.detail ? `: ${l.detail}` : ''),
    ),
  ];
}

export function render(i: Incident, lines: readonly ReportLine[], format: ReportFormat): string[] {
  if (format === 'text') return printable(i, lines);
  if (format === 'json')
    return [
      JSON.stringify({
        incident: i.id,
        preset: i.preset.id,
        name: i.roomName,
        room: i.room,
        trigger: i.trigger,
        status: i.status,
        created: i.created,
        timeline: lines.map((l) => ({
          at: l.at,
          delay_s: l.delayS,
          event: l.event,
          who: l.who,
          name: l.name,
          detail: l.detail,
        })),
      }),
    ];
  return [
    REPORT_CSV_COLUMNS.join(','),
    ...lines.map((l) => [i.id, l.at, String(l.delayS), l.event, l.who, l.name, l.detail].map(cell).join(',')),
  ];
}
