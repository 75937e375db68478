import { describe, expect, it } from 'vitest';
import { meetsTarget, table, type BenchResult } from './results.ts';

const row = (over: Partial<BenchResult>): BenchResult => ({
  name: 'request-fanout',
  metric: 'p50',
  value: 150.1,
  unit: 'ms',
  baseline: 100,
  ratio: 1.501,
  target: 1.5,
  targetKind: 'ratio',
  n: 20,
  ...over,
});

/** The cells of the table's one body row. */
const cells = (r: BenchResult) =>
  table([r])
    .split('\n')[2]!
    .trim()
    .split(/\s{2,}/);

describe('the bench table: the verdict agrees with the figure printed beside it', () => {
  it('a ratio of 1.501 prints as 1.50 and meets ≤ 1.5', () => {
    expect(cells(row({}))).toEqual(['request-fanout', 'p50', '150 ms', '100 ms', '1.50', '≤ 1.5', 'yes', '20']);
  });

  it('a ratio that prints as 1.51 does not meet ≤ 1.5', () => {
    expect(cells(row({ ratio: 1.506 })).slice(4, 7)).toEqual(['1.51', '≤ 1.5', 'NO']);
  });

  it('a throughput (higher is better) is judged on its printed figure too', () => {
    expect(meetsTarget(row({ better: 'higher', ratio: 0.996, target: 1 }))).toBe(true);
    expect(meetsTarget(row({ better: 'higher', ratio: 0.994, target: 1 }))).toBe(false);
  });

  it('an absolute target is judged on the value as printed', () => {
    const weight = row({
      name: 'pwa-weight',
      value: 200.4,
      unit: 'KB',
      ratio: 2.004,
      target: 200,
      targetKind: 'absolute',
    });
    expect(cells(weight).slice(2, 7)).toEqual(['200 KB', '100 KB', '2.00', '≤ 200 KB', 'yes']);
    expect(cells({ ...weight, value: 200.6 }).slice(2, 7)).toEqual(['201 KB', '100 KB', '2.00', '≤ 200 KB', 'NO']);
  });

  it('a row without a target prints its figure and no verdict', () => {
    expect(meetsTarget(row({ target: Infinity }))).toBeUndefined();
    expect(cells(row({ target: Infinity })).slice(5, 7)).toEqual(['—', '—']);
  });
});
