// The grid of charts for a delivery stream: records and bytes in, records and bytes delivered (a line per
// destination), failures, and data freshness; with the Kinesis charts' crosshair (the same syncId), zoom by
// dragging, summary line and CSV/PNG export. A chart the source has no series for is named below the grid.
import { memo, useMemo } from 'react';
import type { FirehoseMetricKind, FirehoseMetricsView, MetricUnit } from '../../../shared/contract/metrics';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { TimeChart, type ChartLine } from '../../components/charts/TimeChart';
import type { ChartUnit } from '../../components/charts/units';
import { CHART_HEIGHT, COLOURS, csvOf, summaryOf, type ChartData } from './MetricCharts';
import { toRows } from './metricsSeries';

interface FirehoseChartSpec {
  id: string;
  title: string;
  about: string;
  metric: FirehoseMetricKind;
  unit: MetricUnit;
  /** The line's label when the series has no destination. */
  label: string;
}

export const FIREHOSE_CHARTS: readonly FirehoseChartSpec[] = [
  { id: 'fh-incoming-records', title: 'Incoming records', about: 'Records put (PutRecord, PutRecordBatch) or read from the source stream', metric: 'incomingRecords', unit: 'records/s', label: 'In' },
  { id: 'fh-incoming-bytes', title: 'Incoming bytes', about: 'Data put or read from the source stream', metric: 'incomingBytes', unit: 'bytes/s', label: 'In' },
  { id: 'fh-delivered-records', title: 'Delivered records', about: 'Records the destination accepted, per destination', metric: 'deliveredRecords', unit: 'records/s', label: 'Delivered' },
  { id: 'fh-delivered-bytes', title: 'Delivered bytes', about: 'Data the destination accepted, per destination', metric: 'deliveredBytes', unit: 'bytes/s', label: 'Delivered' },
  { id: 'fh-failed', title: 'Failed records', about: 'Records written to the error output or given up', metric: 'failedRecords', unit: 'records/s', label: 'Failed' },
  { id: 'fh-success', title: 'Delivery success', about: 'Share of delivery attempts that succeeded (average), per destination', metric: 'deliverySuccess', unit: 'ratio', label: 'Success' },
  { id: 'fh-freshness', title: 'Data freshness', about: 'Age of the oldest record not yet delivered (maximum)', metric: 'dataFreshnessMs', unit: 'ms', label: 'Oldest record' },
];

/** `perDestination`: the lines are destinations, named in the summary (the charts draw no legend). */
type Built = ChartData & { spec: FirehoseChartSpec; perDestination: boolean };

export function buildFirehoseCharts(view: FirehoseMetricsView): { built: Built[]; missing: string[] } {
  const built: Built[] = [];
  const missing: string[] = [];
  for (const spec of FIREHOSE_CHARTS) {
    const columns = view.series.filter((s) => s.metric === spec.metric).map((series) => ({ key: series.destination ?? spec.metric, label: series.destination ? `To ${series.destination}` : spec.label, series }));
    if (columns.length === 0) {
      missing.push(spec.title);
      continue;
    }
    const lines: ChartLine[] = columns.map((c, i) => ({ key: c.key, label: c.label, color: COLOURS[i % COLOURS.length] as string }));
    built.push({ spec, lines, rows: toRows(columns), limit: null, perDestination: columns.some((c) => c.series.destination !== null) });
  }
  return { built, missing };
}

export interface FirehoseChartsProps {
  view: FirehoseMetricsView;
  deliveryStream: string;
  fromMs: number;
  toMs: number;
  chartWidth: number;
  onZoom(fromMs: number, toMs: number): void;
}

export const FirehoseCharts = memo(function FirehoseCharts({ view, deliveryStream, fromMs, toMs, chartWidth, onZoom }: FirehoseChartsProps) {
  const { built, missing } = useMemo(() => buildFirehoseCharts(view), [view]);
  return (
    <>
      <div className="metrics-grid" data-testid="metrics-firehose-charts">
        {built.map((b) => (
          <ChartPanel key={b.spec.id} id={b.spec.id} height={CHART_HEIGHT} title={b.spec.title} summary={b.perDestination ? `${b.lines.map((l) => l.label).join(', ')} · ${summaryOf(b)}` : summaryOf(b)} fileParts={[deliveryStream, 'firehose']} csv={() => csvOf(b)}>
            <TimeChart
              rows={b.rows}
              lines={b.lines}
              unit={b.spec.unit as ChartUnit}
              fromMs={fromMs}
              toMs={toMs}
              syncId="metrics"
              height={CHART_HEIGHT}
              width={chartWidth}
              onZoom={onZoom}
              label={`${b.spec.title}: ${b.spec.about}, delivery stream ${deliveryStream}`}
            />
          </ChartPanel>
        ))}
      </div>
      {missing.length > 0 ? <p className="small muted metrics-missing">Not available from this source: {missing.join(', ')}.</p> : null}
    </>
  );
});
