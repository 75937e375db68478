// A conversation's lines with a day heading where the day changes, and the
// time of each, for 1:1 chats and rooms alike.
// One formatter each: toLocale*String builds a new one per call, which made long chats slow to render.
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export interface DayRow<L> {
  readonly l: L;
  /** The day heading to show before this line, or ''. */
  readonly day: string;
  readonly time: string;
}

/** Formatting is most of the cost of a long conversation's re-render: each stamp is formatted once. */
const formatted = new Map<string, { day: string; time: string }>();
function format(iso: string): { day: string; time: string } {
  let f = formatted.get(iso);
  if (!f) {
    if (formatted.size > 10_000) formatted.clear();
    const at = new Date(iso);
    f = { day: DAY.format(at), time: TIME.format(at) };
    formatted.set(iso, f);
  }
  return f;
}

export function dayRows<L extends { readonly at: string }>(lines: readonly L[]): DayRow<L>[] {
  let prev = '';
  return lines.map((l) => {
    const { day, time } = format(l.at);
    const row = { l, day: day !== prev ? day : '', time };
    prev = day;
    return row;
  });
}

export const formatTime = (iso: string) => format(iso).time;
