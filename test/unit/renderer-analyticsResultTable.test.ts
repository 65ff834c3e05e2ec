// The Analytics result rows outside React: which columns key a row and which are measured, the row key and group
// label, a row replaced in place when its window and group come again, the oldest dropped past the cap (later
// replacements still land on the right row), pausing that freezes what is shown, and one re-render per frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupLabel, resultShape, ResultTable, rowKey, typeText, type ResultColumn, type ResultRow } from '../../renderer/features/analytics/resultTable';

const columns: ResultColumn[] = [
  { name: 'window_end', type: { base: 'TIMESTAMP' } },
  { name: 'region', type: { base: 'VARCHAR', length: 8 } },
  { name: 'records', type: { base: 'BIGINT' } },
  { name: 'mean', type: { base: 'DOUBLE' } },
  { name: 'late', type: { base: 'BOOLEAN' } },
];
const row = (rowtime: number, region: string | null, records: number): ResultRow => ({ rowtime, values: [rowtime, region, records, records / 2, false] });

let frames: (() => void)[] = [];
const nextFrame = () => {
  const due = frames;
  frames = [];
  for (const f of due) f();
};
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
});
afterEach(() => vi.unstubAllGlobals());

describe('the result shape', () => {
  it('keys rows by timestamps and text or boolean columns, and measures the numeric ones', () => {
    expect(resultShape(columns)).toEqual({ times: [0], groups: [1, 4], measures: [2, 3] });
    expect(resultShape([])).toEqual({ times: [], groups: [], measures: [] });
  });

  it('writes types as SQL does', () => {
    expect(columns.map(typeText)).toEqual(['TIMESTAMP', 'VARCHAR(8)', 'BIGINT', 'DOUBLE', 'BOOLEAN']);
  });

  it('keys a row by its row time, its window bounds and its groups, not by its measures', () => {
    const shape = resultShape(columns);
    expect(rowKey(row(5000, 'eu', 3), shape)).toBe('[5000,5000,"eu",false]');
    expect(rowKey(row(5000, 'eu', 9), shape)).toBe(rowKey(row(5000, 'eu', 3), shape));
    expect(rowKey(row(5000, null, 3), shape)).toBe('[5000,5000,null,false]');
  });

  it('labels a group by its values joined, NULL for a missing one, and "all" without groups', () => {
    const shape = resultShape(columns);
    expect(groupLabel(row(1, 'eu', 1), shape)).toBe('eu · false');
    expect(groupLabel(row(1, null, 1), shape)).toBe('NULL · false');
    expect(groupLabel({ rowtime: 1, values: [7] }, resultShape([{ name: 'n', type: { base: 'INTEGER' } }]))).toBe('all');
  });
});

describe('ResultTable', () => {
  it('replaces a row whose window and group come again, in place, and counts every row received', () => {
    const table = new ResultTable();
    table.reset(columns);
    table.add([row(1000, 'eu', 1), row(1000, 'us', 2)]);
    table.add([row(1000, 'eu', 5)]);
    expect(table.rows.map((r) => [r.values[1], r.values[2]])).toEqual([
      ['eu', 5],
      ['us', 2],
    ]);
    expect(table.received).toBe(3);
    expect(table.dropped).toBe(0);
  });

  it('drops the oldest rows past the cap, and a later replacement still finds its row', () => {
    const table = new ResultTable(3);
    table.reset(columns);
    table.add([row(1000, 'eu', 1), row(1000, 'us', 2), row(2000, 'eu', 3), row(2000, 'us', 4)]);
    expect(table.rows.map((r) => `${r.rowtime}/${r.values[1]}`)).toEqual(['1000/us', '2000/eu', '2000/us']);
    expect(table.dropped).toBe(1);
    // 2000/eu moved from index 2 to 1 when the first row went: the replacement must land there, not be appended.
    table.add([row(2000, 'eu', 30)]);
    expect(table.rows.map((r) => `${r.rowtime}/${r.values[1]}=${r.values[2]}`)).toEqual(['1000/us=2', '2000/eu=30', '2000/us=4']);
    expect(table.dropped).toBe(1);
    // The dropped window and group comes back as a new row, which pushes out the now oldest.
    table.add([row(1000, 'eu', 7)]);
    expect(table.rows.map((r) => `${r.rowtime}/${r.values[1]}`)).toEqual(['2000/eu', '2000/us', '1000/eu']);
    expect(table.dropped).toBe(2);
    expect(table.received).toBe(6);
  });

  it('shows the rows as they were while paused, and everything received meanwhile on resume', () => {
    const table = new ResultTable();
    table.reset(columns);
    table.add([row(1000, 'eu', 1)]);
    table.pause(true);
    table.add([row(1000, 'eu', 2), row(1000, 'us', 3)]);
    expect(table.paused).toBe(true);
    expect(table.shown.map((r) => r.values[2])).toEqual([1]);
    expect(table.rows.map((r) => r.values[2])).toEqual([2, 3]);
    table.pause(false);
    expect(table.paused).toBe(false);
    expect(table.shown.map((r) => r.values[2])).toEqual([2, 3]);
  });

  it('bumps its version once per frame however many batches came, and reset empties it', () => {
    const table = new ResultTable();
    table.reset(columns);
    nextFrame();
    const before = table.version.get();
    table.add([row(1000, 'eu', 1)]);
    table.add([row(2000, 'eu', 2)]);
    table.add([row(3000, 'eu', 3)]);
    expect(table.version.get()).toBe(before);
    nextFrame();
    expect(table.version.get()).toBe(before + 1);
    table.reset(columns.slice(0, 3));
    expect(table.rows).toEqual([]);
    expect([table.received, table.dropped]).toEqual([0, 0]);
    expect(table.shape).toEqual({ times: [0], groups: [1], measures: [2] });
  });

  it('tells the probe which rows were painted, the frame after the one that rendered them', () => {
    const table = new ResultTable();
    table.reset(columns);
    nextFrame();
    const painted: number[] = [];
    table.onPainted = (rows) => painted.push(...rows.map((r) => r.rowtime));
    table.add([row(1000, 'eu', 1), row(2000, 'eu', 2)]);
    nextFrame(); // rendered
    expect(painted).toEqual([]);
    nextFrame(); // painted
    expect(painted).toEqual([1000, 2000]);
  });
});
