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

export function dayRows<L extends { readonly at: string }>(lines: readonly L[]): DayRow<L>[] {
  let prev = '';
  return lines.map((l) => {
    const at = new Date(l.at);
    const day = DAY.format(at);
    const row = { l, day: day !== prev ? day : '', time: TIME.format(at) };
    prev = day;
    return row;
  });
}

export const formatTime = (iso: string) => TIME.format(new Date(iso));
