// The Metrics screen: a stream of the active connection (or one of its shards) over a range, live or fixed: the
// per-shard heat strip with the events lane, then the charts. Local streams read the engine's own stats; AWS and
// custom endpoints read CloudWatch, which needs enhanced monitoring for anything per shard. A switch charts a Firehose
// delivery stream instead (FirehoseCharts: the engine's hour of history locally, CloudWatch AWS/Firehose on AWS).
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { StreamListRow } from '../../../shared/contract/streams';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { fromLocalInput, spanText, toLocalInput } from '../../components/charts/timeAxis';
import { percent } from '../../components/charts/units';
import { ErrorNote } from '../../components/ErrorNote';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { AnnotationLane } from './AnnotationLane';
import { EnhancedMonitoringNotice } from './EnhancedMonitoring';
import { FirehoseCharts } from './FirehoseCharts';
import { HeatStrip } from './HeatStrip';
import { MetricCharts } from './MetricCharts';
import './metrics.css';
import { metricsBenchProbe } from './metricsBenchProbe';
import { emptyWhy, hottestShard, shardLoads } from './metricsSeries';
import { currentSpan, metricsUi, patchMetricsUi, pickRange, RANGES, toggleLive, type RangeId } from './metricsUi';
import { useDeliveryStreamNames } from './useDeliveryStreamNames';
import { useFirehoseMetricsData } from './useFirehoseMetricsData';
import { useMetricsData } from './useMetricsData';
import { useMetricsKeyboard } from './useMetricsKeyboard';
import { useWidth } from './useWidth';

const HEAT_OPTIONS = [
  { id: 'write', label: 'Writes' },
  { id: 'read', label: 'Reads' },
] as const;
const SUBJECT_OPTIONS = [
  { id: 'kinesis', label: 'Kinesis stream' },
  { id: 'firehose', label: 'Delivery stream' },
] as const;
const ORDER_OPTIONS = [
  { id: 'key', label: 'Key order' },
  { id: 'hot', label: 'Hottest first' },
] as const;

/** The active connection's streams, read again after a connection switch. */
function useStreamNames(): { names: StreamListRow[]; error: UiError | null; loading: boolean } {
  const client = useClient();
  const epoch = useStore(connectionsStore).epoch;
  const [state, setState] = useState<{ epoch: number; names: StreamListRow[]; error: UiError | null }>({ epoch: -1, names: [], error: null });
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.call('streams.list', { limit: 1000 }).then(
      (r) => live && setState({ epoch, names: r.streams, error: null }),
      (e: unknown) => live && setState({ epoch, names: [], error: toUiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, epoch]);
  return state.epoch === epoch ? { names: state.names, error: state.error, loading: false } : { names: [], error: null, loading: true };
}

export function MetricsScreen() {
  const client = useClient();
  const ui = useStore(metricsUi);
  const connections = useStore(connectionsStore);
  const connection = activeConnection(connections);
  const streams = useStreamNames();
  const [reload, setReload] = useState(0);

  // Another connection: its streams are others.
  useEffect(() => {
    if (ui.epoch !== connections.epoch) patchMetricsUi({ epoch: connections.epoch, stream: ui.epoch === -1 ? ui.stream : null, shard: null, zoom: null, deliveryStream: ui.epoch === -1 ? ui.deliveryStream : null });
  }, [connections.epoch, ui.epoch, ui.stream, ui.deliveryStream]);
  useEffect(() => {
    if (!streams.loading && ui.stream === null && streams.names[0]) patchMetricsUi({ stream: streams.names[0].name });
  }, [streams, ui.stream]);
  const firehose = ui.subject === 'firehose';
  const deliveryStreams = useDeliveryStreamNames(firehose);
  useEffect(() => {
    if (!deliveryStreams.loading && ui.deliveryStream === null && deliveryStreams.names[0]) patchMetricsUi({ deliveryStream: deliveryStreams.names[0] });
  }, [deliveryStreams, ui.deliveryStream]);

  const span = currentSpan(ui);
  const spanKey = span.live ? `live:${span.lengthMs}` : `${span.fromMs}-${span.toMs}`;
  const data = useMetricsData(client, firehose ? null : ui.stream, ui.shard, span, spanKey, reload);
  const fh = useFirehoseMetricsData(client, firehose ? ui.deliveryStream : null, span, spanKey, reload);
  const view = data.view;
  const shown = firehose ? fh.view : view;
  useLayoutEffect(() => {
    if (view) metricsBenchProbe()?.committed(view);
  }, [view]);
  // The time axis: the view's span when following (it moves with the data), else what was asked.
  const fromMs = span.live && shown ? shown.toMs - span.lengthMs : span.fromMs;
  const toMs = span.live && shown ? shown.toMs : span.toMs;

  const loads = useMemo(() => (view ? shardLoads(view, ui.heat) : null), [view, ui.heat]);
  const ordered = useMemo(() => (loads && ui.order === 'hot' ? { ...loads, loads: [...loads.loads].sort((a, b) => b.now - a.now) } : loads), [loads, ui.order]);
  const hottest = loads ? hottestShard(loads.loads) : null;
  const closed = useMemo(() => new Set((data.detail?.shards ?? []).filter((s) => !s.open).map((s) => s.shardId)), [data.detail]);
  const why = view ? emptyWhy(view, data.detail?.summary.createdAt ?? null) : null;

  const [gridRef, width] = useWidth<HTMLDivElement>();
  const onZoom = useCallback((from: number, to: number) => patchMetricsUi({ zoom: { fromMs: from, toMs: to } }), []);
  const selectShard = useCallback((shard: string | null) => patchMetricsUi({ shard }), []);
  const bump = useCallback(() => setReload((n) => n + 1), []);
  useMetricsKeyboard(bump);

  const local = connection?.kind === 'local';
  const shardIds = data.detail ? [...data.detail.shards].sort((a, b) => Number(b.open) - Number(a.open)).map((s) => ({ id: s.shardId, open: s.open })) : (loads?.loads.map((l) => ({ id: l.shardId, open: true })) ?? []);

  if (!client) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <Title subtitle="Not connected to Shardscope" />
      </section>
    );
  }
  return (
    <section className="screen metrics-screen" aria-labelledby="screen-title" data-testid="metrics-screen">
      <Title subtitle={`${firehose ? (local ? 'The local engine’s Firehose history' : 'CloudWatch (AWS/Firehose)') : local ? 'The local engine’s own stats' : 'CloudWatch (AWS/Kinesis)'}${connection ? ` · ${connection.name}` : ''}`} />

      <div className="metrics-toolbar" role="toolbar" aria-label="What to chart">
        <Segmented label="What to chart" options={SUBJECT_OPTIONS} value={ui.subject} onChange={(subject) => patchMetricsUi({ subject, zoom: null })} />
        {firehose ? (
          <label className="metrics-pick">
            <span className="small muted">Delivery stream</span>
            <select className="input" value={ui.deliveryStream ?? ''} onChange={(e) => patchMetricsUi({ deliveryStream: e.target.value || null, zoom: null })} data-testid="metrics-delivery-stream" disabled={deliveryStreams.names.length === 0}>
              {ui.deliveryStream && !deliveryStreams.names.includes(ui.deliveryStream) ? <option value={ui.deliveryStream}>{ui.deliveryStream}</option> : null}
              {deliveryStreams.names.length === 0 ? <option value="">{deliveryStreams.loading ? 'Loading…' : 'No delivery streams'}</option> : null}
              {deliveryStreams.names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {firehose ? null : (
          <label className="metrics-pick">
            <span className="small muted">Stream</span>
            <select className="input" value={ui.stream ?? ''} onChange={(e) => patchMetricsUi({ stream: e.target.value || null, shard: null, zoom: null })} data-testid="metrics-stream" disabled={streams.names.length === 0}>
              {ui.stream && !streams.names.some((s) => s.name === ui.stream) ? <option value={ui.stream}>{ui.stream}</option> : null}
              {streams.names.length === 0 ? <option value="">{streams.loading ? 'Loading…' : 'No streams'}</option> : null}
              {streams.names.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {firehose ? null : (
          <label className="metrics-pick">
            <span className="small muted">Shard</span>
            <select className="input" value={ui.shard ?? ''} onChange={(e) => selectShard(e.target.value || null)} data-testid="metrics-shard">
              <option value="">Whole stream</option>
              {ui.shard && !shardIds.some((s) => s.id === ui.shard) ? <option value={ui.shard}>{ui.shard}</option> : null}
              {shardIds.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                  {s.open ? '' : ' (closed)'}
                </option>
              ))}
            </select>
          </label>
        )}
        <RangePicker range={ui.range} zoomed={ui.zoom !== null} />
        <button type="button" className="button" aria-pressed={span.live} disabled={ui.range === 'custom' || ui.zoom !== null} onClick={toggleLive} title="Follow new data as it comes (L)" data-testid="metrics-live">
          {span.live ? '● Live' : 'Paused'}
        </button>
        {ui.zoom ? (
          <button type="button" className="button" onClick={() => patchMetricsUi({ zoom: null })} title="Back to the range (Esc)" data-testid="metrics-zoom-reset">
            Reset zoom
          </button>
        ) : null}
      </div>
      {ui.range === 'custom' && !ui.zoom ? <CustomRange /> : null}

      <StatusLine loading={firehose ? fh.loading : data.loading} live={span.live} periodSeconds={shown?.periodSeconds ?? null} lengthMs={toMs - fromMs} zoomed={ui.zoom !== null} source={shown?.source ?? null} />

      {firehose ? (
        <>
          {deliveryStreams.error ? <ErrorNote error={deliveryStreams.error} title="Could not list the delivery streams" /> : null}
          {!deliveryStreams.loading && deliveryStreams.names.length === 0 && !deliveryStreams.error ? <p className="empty-state">This connection has no delivery streams yet. Create one on the Firehose screen, then come back.</p> : null}
          {fh.error ? <ErrorNote error={fh.error} title="Could not read the Firehose metrics" testId="metrics-error" /> : null}
          {fh.view && ui.deliveryStream ? (
            <>
              <Notes notes={fh.view.notes} empty={fh.view.series.every((s) => s.values.every((v) => v === 0))} />
              <h2 className="metrics-charts-title">
                Delivery stream <span className="mono">{ui.deliveryStream}</span>
              </h2>
              <div ref={gridRef}>
                <FirehoseCharts view={fh.view} deliveryStream={ui.deliveryStream} fromMs={fromMs} toMs={toMs} chartWidth={chartWidthFor(width)} onZoom={onZoom} />
              </div>
              <p className="small muted">Counts and bytes per second; data freshness is the age of the oldest record not yet delivered. Drag across a chart to zoom in; hover for exact values.</p>
            </>
          ) : fh.loading && ui.deliveryStream ? (
            <Spinner label={`Reading the metrics of ${ui.deliveryStream}…`} />
          ) : null}
        </>
      ) : null}
      {firehose ? null : (
        <>
          {streams.error ? <ErrorNote error={streams.error} title="Could not list the streams" /> : null}
          {!streams.loading && streams.names.length === 0 && !streams.error ? <p className="empty-state">This connection has no streams yet. Create one on the Streams screen, then come back.</p> : null}
          {data.error ? <ErrorNote error={data.error} title="Could not read the metrics" testId="metrics-error" /> : null}

          {view && ui.stream ? (
            <>
              {view.source === 'cloudwatch' && data.detail ? <EnhancedMonitoringNotice stream={ui.stream} enabled={view.shardLevelMetrics} openShards={view.capacity.openShards} onChanged={bump} /> : null}
              <Notes notes={[...view.notes, ...(why?.empty ? why.reasons : []), ...data.annotationNotes]} empty={why?.empty ?? false} />

              <div className="card metrics-shards" data-testid="metrics-shards">
                <header className="card-header">
                  <h2>Load per shard</h2>
                  <div className="button-row">
                    <Segmented label="Load shown" options={HEAT_OPTIONS} value={ui.heat} onChange={(heat) => patchMetricsUi({ heat })} />
                    <Segmented label="Order of the shards" options={ORDER_OPTIONS} value={ui.order} onChange={(order) => patchMetricsUi({ order })} />
                  </div>
                </header>
                <p className="small muted metrics-shards-caption">
                  {ui.heat === 'write' ? 'Share of each shard’s write capacity in use (the larger of bytes against 1 MiB/s and records against 1,000/s)' : 'Share of each shard’s read capacity in use (bytes against 2 MiB/s, shared by GetRecords readers)'}
                  {loads?.relative ? ', relative to the busiest shard (this stream sets no per-shard capacity)' : ''}. Now / peak; {local ? 'the top partition key and its share of the shard’s records in the last minute' : 'top keys come from the local engine only'}.
                  {hottest ? (
                    <>
                      {' '}
                      Hottest now: <strong className="mono">{hottest.shardId}</strong> at {percent(hottest.now)}.
                    </>
                  ) : null}
                </p>
                <div className="metrics-lane-row">
                  <AnnotationLane annotations={data.annotations} fromMs={fromMs} toMs={toMs} />
                </div>
                {ordered && ordered.loads.length > 0 ? (
                  <HeatStrip
                    loads={ordered.loads}
                    timestamps={ordered.timestamps}
                    periodMs={view.periodSeconds * 1000}
                    fromMs={fromMs}
                    toMs={toMs}
                    topKeys={view.topKeys}
                    selected={ui.shard}
                    hottest={hottest?.shardId ?? null}
                    relative={ordered.relative}
                    closed={closed}
                    onSelect={selectShard}
                  />
                ) : (
                  <p className="small muted">No per-shard series from this source{view.source === 'cloudwatch' ? ' (shard-level metrics need enhanced monitoring)' : ''}.</p>
                )}
              </div>

              <h2 className="metrics-charts-title">
                {ui.shard ? (
                  <>
                    Shard <span className="mono">{ui.shard}</span>{' '}
                    <button type="button" className="link-button small" onClick={() => selectShard(null)}>
                      back to the whole stream
                    </button>
                  </>
                ) : (
                  'Whole stream'
                )}
              </h2>
              <div ref={gridRef}>
                <MetricCharts view={view} shard={ui.shard} stream={ui.stream} fromMs={fromMs} toMs={toMs} annotations={data.annotations} chartWidth={chartWidthFor(width)} onZoom={onZoom} />
              </div>
              <p className="small muted">Capacity: {view.capacity.source} Drag across a chart to zoom in; hover for exact values.</p>
            </>
          ) : data.loading && ui.stream ? (
            <Spinner label={`Reading the metrics of ${ui.stream}…`} />
          ) : null}
        </>
      )}
    </section>
  );
}

/** The grid's column width (metrics.css: auto-fill columns of at least 380 px, 12 px apart), less the panel's
 *  padding and border: the width each chart draws at, known before it renders. */
function chartWidthFor(gridWidth: number): number {
  const gap = 12;
  const columns = Math.max(1, Math.floor((gridWidth + gap) / (380 + gap)));
  return Math.max(200, Math.floor((gridWidth - gap * (columns - 1)) / columns) - 2 * 12 - 2);
}

function Title({ subtitle }: { subtitle: string }) {
  return (
    <header className="screen-header">
      <h1 id="screen-title" tabIndex={-1}>
        Metrics
      </h1>
      <p>{subtitle}</p>
    </header>
  );
}

function RangePicker({ range, zoomed }: { range: RangeId; zoomed: boolean }) {
  const options: { id: RangeId; label: string; key: string }[] = [...RANGES, { id: 'custom', label: 'Custom', key: 'C' }];
  return (
    <div className="segmented" role="radiogroup" aria-label="Time range" data-testid="metrics-range">
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          role="radio"
          aria-checked={range === o.id && !zoomed}
          className="segment"
          title={`${o.label} (${o.key})`}
          onClick={() => pickRange(o.id)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function CustomRange() {
  const ui = useStore(metricsUi);
  const [from, setFrom] = useState(() => toLocalInput(ui.custom?.fromMs ?? Date.now() - 3_600_000));
  const [to, setTo] = useState(() => toLocalInput(ui.custom?.toMs ?? Date.now()));
  const fromMs = fromLocalInput(from);
  const toMs = fromLocalInput(to);
  const problem = fromMs === null || toMs === null ? 'Give both times as date and time.' : toMs <= fromMs ? 'The end must come after the start.' : toMs - fromMs < 60_000 ? 'Pick at least one minute.' : null;
  return (
    <form
      className="metrics-custom"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && fromMs !== null && toMs !== null) patchMetricsUi({ custom: { fromMs, toMs } });
      }}
    >
      <label className="metrics-pick">
        <span className="small muted">From</span>
        <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="metrics-from" />
      </label>
      <label className="metrics-pick">
        <span className="small muted">To</span>
        <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="metrics-to" />
      </label>
      <button type="submit" className="button" disabled={problem !== null}>
        Show
      </button>
      {problem ? <span className="field-problem">{problem}</span> : <span className="small muted">{spanText((toMs ?? 0) - (fromMs ?? 0))}</span>}
    </form>
  );
}

function StatusLine({ loading, live, periodSeconds, lengthMs, zoomed, source }: { loading: boolean; live: boolean; periodSeconds: number | null; lengthMs: number; zoomed: boolean; source: 'engine' | 'cloudwatch' | null }) {
  if (periodSeconds === null) return null;
  const period = periodSeconds < 60 ? `${periodSeconds}-second` : `${periodSeconds / 60}-minute`;
  return (
    <p className="small muted metrics-status" role="status" data-testid="metrics-status">
      {spanText(lengthMs)} at {period} resolution{zoomed ? ' (zoomed)' : ''} · {live ? `live, updated when ${source === 'cloudwatch' ? 'CloudWatch publishes the next period' : 'the next period completes'}` : 'not following'}
      {loading ? ' · reading…' : ''}
    </p>
  );
}

function Notes({ notes, empty }: { notes: string[]; empty: boolean }) {
  const unique = [...new Set(notes)];
  if (unique.length === 0) return null;
  return (
    <div className={`notice metrics-notes${empty ? ' metrics-empty' : ''}`} data-testid="metrics-notes" data-empty={empty ? 'true' : undefined}>
      {empty ? <p className="metrics-empty-title">Nothing to chart in this range.</p> : null}
      <ul>
        {unique.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
