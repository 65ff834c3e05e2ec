// The chart building blocks: units picked from the data, round ticks, downsampling that keeps peaks, and CSV.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../renderer/components/charts/chartExport';
import { bucketMax, minMaxIndices } from '../../renderer/components/charts/downsample';
import { exactValue, formatValue, niceTicks, percent, scaleFor } from '../../renderer/components/charts/units';

describe('chart units', () => {
  it('picks binary byte units and readable durations', () => {
    expect(formatValue(512, 'bytes/s')).toBe('512 B/s');
    expect(formatValue(1536, 'bytes/s')).toBe('1.5 KiB/s');
    expect(formatValue(1024 * 1024, 'bytes/s')).toBe('1 MiB/s');
    expect(formatValue(2_500, 'ms')).toBe('2.5 s');
    expect(formatValue(0.995, 'ratio')).toBe('99.5%');
    expect(formatValue(null, 'records/s')).toBe('no data');
    expect(exactValue(1536, 'bytes/s')).toBe('1.5 KiB/s (1,536 B/s)');
    expect(scaleFor('bytes/s', 3 * 1024 * 1024).suffix).toBe('MiB/s');
    expect(percent(0.384)).toBe('38%');
    expect(percent(0.027)).toBe('2.7%');
  });

  it('puts round ticks from zero up to at least the maximum, in the shown unit', () => {
    const { ticks, top, scale } = niceTicks('bytes/s', 104 * 1024);
    expect(scale.suffix).toBe('KiB/s');
    expect(ticks.map((t) => t / 1024)).toEqual([0, 50, 100, 150]);
    expect(top).toBe(150 * 1024);
    expect(niceTicks('records/s', 1000).ticks).toEqual([0, 250, 500, 750, 1000]);
  });
});

describe('downsampling', () => {
  it('keeps every point when there are few, and the peaks when there are many', () => {
    expect(minMaxIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
    const values = Array.from({ length: 1440 }, (_, i) => (i === 777 ? 1000 : i === 333 ? -5 : Math.sin(i)));
    const kept = minMaxIndices(values, 200);
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept).toContain(777);
    expect(kept).toContain(333);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('takes the largest value of each column', () => {
    expect([...bucketMax([1, 5, 2, 0, 0, 9], 3)]).toEqual([5, 2, 9]);
    expect([...bucketMax([4], 3)]).toEqual([4, 4, 4]);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and leaves gaps empty', () => {
    expect(toCsv(['time', 'a,b'], [['t1', 1], ['t"2', null]])).toBe('time,"a,b"\r\nt1,1\r\n"t""2",\r\n');
  });
});
