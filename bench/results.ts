// One row per figure; bench-results.json is an array of these (DESIGN.md, Benchmarks).
export interface BenchResult {
  readonly name: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline's (or peer's) figure measured in the same run. */
  readonly baseline: number;
  /** value / baseline */
  readonly ratio: number;
  /** What the issue asks for: a ratio or an absolute limit, as `targetKind` says; Infinity (null in the JSON) when it only asks to print the figure. */
  readonly target: number;
  readonly targetKind: 'ratio' | 'absolute';
  /** Which way is better; 'lower' when absent (times, sizes). A throughput is 'higher': it meets a ratio target at ratio ≥ target. */
  readonly better?: 'lower' | 'higher';
  readonly n: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A figure as the table prints it: two decimals, none from 100 up. */
export const shown = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/**
 * Whether the row meets its target, judged on the figure as printed (shown), so that the verdict and the
 * figure beside it agree: a ratio of 1.501 prints as 1.50 and meets ≤ 1.5. The JSON keeps the unrounded values.
 * Undefined when the row only prints its figure.
 */
export function meetsTarget(r: BenchResult): boolean | undefined {
  if (!Number.isFinite(r.target)) return undefined;
  const got = Number(shown(r.targetKind === 'ratio' ? r.ratio : r.value));
  return r.better === 'higher' ? got >= r.target : got <= r.target;
}

export function table(rows: readonly BenchResult[]): string {
  const head = ['benchmark', 'metric', 'Bleep', 'baseline', 'ratio', 'target', 'meets', 'n'];
  const body = rows.map((r) => {
    const op = r.better === 'higher' ? '≥' : '≤';
    const meets = meetsTarget(r);
    return [
      r.name,
      r.metric,
      `${shown(r.value)} ${r.unit}`,
      `${shown(r.baseline)} ${r.unit}`,
      shown(r.ratio),
      meets === undefined ? '—' : r.targetKind === 'ratio' ? `${op} ${r.target}` : `${op} ${r.target} ${r.unit}`,
      meets === undefined ? '—' : meets ? 'yes' : 'NO',
      String(r.n),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The p50 and p95 rows of a latency benchmark (ms): the project's samples beside its baseline's, same run. */
export function percentileRows(
  name: string,
  project: readonly number[],
  baseline: readonly number[],
  target: number,
): BenchResult[] {
  const sorted = (xs: readonly number[]) => [...xs].sort((x, y) => x - y);
  const [p, b] = [sorted(project), sorted(baseline)];
  return ([50, 95] as const).map((q) => {
    const value = percentile(p, q);
    const base = percentile(b, q);
    return {
      name,
      metric: `p${q}`,
      value,
      unit: 'ms',
      baseline: base,
      ratio: value / base,
      target,
      targetKind: 'ratio',
      n: p.length,
    };
  });
}
