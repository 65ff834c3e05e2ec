// The Metrics screen's delivery-stream charts: live increments appended per series (metric and destination) and
// trimmed to the window, one line per destination named in the summary, and the charts a source has no series for.
import { describe, expect, it } from 'vitest';
import type { FirehoseMetricSeries, FirehoseMetricsView } from '../../shared/contract/metrics';
import { buildFirehoseCharts } from '../../renderer/features/metrics/FirehoseCharts';
import { appendFirehose } from '../../renderer/features/metrics/useFirehoseMetricsData';

const s = (metric: FirehoseMetricSeries['metric'], destination: string | null, timestamps: number[], values: number[]): FirehoseMetricSeries => ({ metric, destination, unit: metric === 'dataFreshnessMs' ? 'ms' : 'records/s', timestamps, values });
const view = (series: FirehoseMetricSeries[], notes: string[] = []): FirehoseMetricsView => ({ source: 'engine', periodSeconds: 1, fromMs: 1000, toMs: 4000, series, notes, nextPollMs: 5000 });

describe('delivery stream charts', () => {
  it('appends only newer periods per metric and destination, drops what left the window, keeps the full read’s notes', () => {
    const before = view([s('incomingRecords', null, [1000, 2000, 3000], [1, 2, 3]), s('deliveredRecords', 'S3', [1000, 2000, 3000], [0, 3, 0])], ['first note']);
    const next = { ...view([s('incomingRecords', null, [3000, 4000], [9, 4]), s('deliveredRecords', 'S3', [4000], [7]), s('deliveredRecords', 'HttpEndpoint', [4000], [1])], ['later note']), toMs: 5000 };
    const out = appendFirehose(before, next, 2000);
    expect(out.series.find((x) => x.metric === 'incomingRecords')).toMatchObject({ timestamps: [2000, 3000, 4000], values: [2, 3, 4] });
    expect(out.series.find((x) => x.destination === 'S3')).toMatchObject({ timestamps: [2000, 3000, 4000], values: [3, 0, 7] });
    expect(out.series.find((x) => x.destination === 'HttpEndpoint')).toMatchObject({ timestamps: [4000], values: [1] });
    expect(out).toMatchObject({ fromMs: 2000, toMs: 5000, notes: ['first note'] });
  });

  it('draws a line per destination and names the charts the source has nothing for', () => {
    const { built, missing } = buildFirehoseCharts(view([s('incomingRecords', null, [1000], [5]), s('deliveredRecords', 'S3', [1000], [4]), s('deliveredRecords', 'HttpEndpoint', [1000], [1])]));
    expect(built.map((b) => b.spec.id)).toEqual(['fh-incoming-records', 'fh-delivered-records']);
    const delivered = built[1];
    expect(delivered?.lines.map((l) => l.label)).toEqual(['To S3', 'To HttpEndpoint']);
    expect(delivered?.perDestination).toBe(true);
    expect(delivered?.rows).toEqual([{ t: 1000, S3: 4, HttpEndpoint: 1 }]);
    expect(built[0]?.perDestination).toBe(false);
    expect(missing).toEqual(['Incoming bytes', 'Delivered bytes', 'Failed records', 'Delivery success', 'Data freshness']);
  });
});
