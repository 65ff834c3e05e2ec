// The Analytics chart's choice and data: a big number for one value without groups, lines per group over window
// time and bars for the latest window otherwise, nothing for a result without numbers; the heaviest groups (by
// absolute total) get the lines, and the points and bars are capped.
import { describe, expect, it } from 'vitest';
import { chartKind, groupChart, MAX_SERIES } from '../../renderer/features/analytics/chartData';
import { resultShape, type ResultColumn, type ResultRow } from '../../renderer/features/analytics/resultTable';

const columns: ResultColumn[] = [
  { name: 'window_end', type: { base: 'TIMESTAMP' } },
  { name: 'region', type: { base: 'VARCHAR' } },
  { name: 'records', type: { base: 'BIGINT' } },
];
const shape = resultShape(columns);
const row = (rowtime: number, region: string, records: number | null): ResultRow => ({ rowtime, values: [rowtime, region, records] });

describe('chartKind', () => {
  it('chooses by how many measures and groups the result has', () => {
    expect(chartKind({ times: [0], groups: [1], measures: [] })).toBe('none');
    expect(chartKind({ times: [0], groups: [], measures: [1] })).toBe('number');
    expect(chartKind({ times: [], groups: [], measures: [0, 1] })).toBe('groups');
    expect(chartKind({ times: [0], groups: [1], measures: [2] })).toBe('groups');
  });
});

describe('groupChart', () => {
  it('draws a line per group over window time and bars for the latest window, largest first', () => {
    const chart = groupChart(columns, shape, [row(1000, 'eu', 3), row(1000, 'us', 10), row(2000, 'eu', 4), row(2000, 'us', null), row(2000, 'ap', 1)], 2);
    expect(chart.measure).toBe('records');
    // Totals: us 10, eu 3 + 4 = 7, ap 1 (the NULL counts for nothing).
    expect(chart.series).toEqual(['us', 'eu', 'ap']);
    expect(chart.points).toEqual([
      { t: 1000, eu: 3, us: 10 },
      { t: 2000, eu: 4, ap: 1 },
    ]);
    expect(chart.bars).toEqual([
      { group: 'eu', value: 4 },
      { group: 'ap', value: 1 },
    ]);
    expect(chart.latest).toBe(2000);
  });

  it('ranks groups by absolute total, so a large negative measure gets its line', () => {
    const chart = groupChart(columns, shape, [row(1000, 'pos', 10), row(1000, 'neg', -50), row(1000, 'small', 2)], 2);
    expect(chart.series).toEqual(['neg', 'pos', 'small']);
    expect(chart.bars).toEqual([
      { group: 'pos', value: 10 },
      { group: 'small', value: 2 },
      { group: 'neg', value: -50 },
    ]);
  });

  it(`keeps a line for the ${MAX_SERIES} heaviest groups only; the bars still show every group of the latest window`, () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(1000, `g${i + 1}`, i + 1));
    const chart = groupChart(columns, shape, rows, 2);
    expect(MAX_SERIES).toBe(8);
    expect(chart.series).toEqual(['g10', 'g9', 'g8', 'g7', 'g6', 'g5', 'g4', 'g3']);
    expect(chart.points).toEqual([{ t: 1000, g3: 3, g4: 4, g5: 5, g6: 6, g7: 7, g8: 8, g9: 9, g10: 10 }]);
    expect(chart.bars.map((b) => b.group)).toEqual(['g10', 'g9', 'g8', 'g7', 'g6', 'g5', 'g4', 'g3', 'g2', 'g1']);
  });

  it('keeps the latest 120 windows as points and the 20 largest bars', () => {
    const times = Array.from({ length: 130 }, (_, i) => (i + 1) * 1000);
    const chart = groupChart(columns, shape, times.map((t) => row(t, 'eu', 1)), 2);
    expect(chart.points).toHaveLength(120);
    expect(chart.points[0]).toEqual({ t: 11_000, eu: 1 });
    expect(chart.points.at(-1)).toEqual({ t: 130_000, eu: 1 });
    const wide = groupChart(columns, shape, Array.from({ length: 25 }, (_, i) => row(5000, `k${i}`, i)), 2);
    expect(wide.bars).toHaveLength(20);
    expect(wide.bars[0]).toEqual({ group: 'k24', value: 24 });
    expect(wide.bars.at(-1)).toEqual({ group: 'k5', value: 5 });
  });

  it('is empty, with no latest window, before any row', () => {
    expect(groupChart(columns, shape, [], 2)).toEqual({ measure: 'records', series: [], points: [], bars: [], latest: null });
  });
});
