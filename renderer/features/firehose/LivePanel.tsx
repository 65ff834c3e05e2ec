// The live state of a local delivery stream (polled every second): each buffer's fill against its size hint and
// its age against its interval, the counters, and the last deliveries and failures with their reasons. The
// Firehose metrics beside it: incoming, delivered and data freshness (CloudWatch AWS/Firehose on AWS).
import { useEffect, useState } from 'react';
import type { DeliveryStreamDetail, FirehoseMetrics, LiveState } from '../../../shared/contract/firehose';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { Card, Facts } from '../../components/Card';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from './byteText';
import { ago, time } from './labels';

const POLL_MS = 1000;

function Meter({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="fh-meter">
      <span className="small">{label}</span>
      <div className="fh-meter-bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={text}>
        <div style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      <span className="small mono">{text}</span>
    </div>
  );
}

export function LivePanel({ client, detail, local, onMetrics }: { client: AppClient; detail: DeliveryStreamDetail; local: boolean; onMetrics(deliveryStream: string): void }) {
  const [state, setState] = useState<LiveState | null>(null);
  const [metrics, setMetrics] = useState<FirehoseMetrics | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  /** The first answer: rates are counted from it. */
  const [since, setSince] = useState<LiveState | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      client
        .call('firehose.state', { name: detail.name })
        .then((s) => {
          if (!live) return;
          setSince((first) => first ?? s);
          setState(s);
          setError(null);
        })
        .catch((e: unknown) => live && setError(toUiError(e)))
        .finally(() => {
          if (live) timer = setTimeout(poll, POLL_MS);
        });
    };
    if (local) poll();
    else
      client
        .call('firehose.metrics', { name: detail.name })
        .then((m) => live && setMetrics(m))
        .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, detail.name, local]);

  if (!local) {
    return (
      <div className="stack" data-testid="fh-live">
        <p className="notice">Buffers are internal to AWS: the live buffer state and Flush now exist on the local engine only. These are the CloudWatch AWS/Firehose metrics of the last hour.</p>
        <MetricsLink name={detail.name} onMetrics={onMetrics} />
        {error ? <ErrorNote error={error} title="Could not read the metrics" /> : null}
        {!metrics && !error ? <Spinner label="Reading CloudWatch…" /> : null}
        {metrics ? <MetricsCard metrics={metrics} /> : null}
      </div>
    );
  }
  const seconds = state && since ? (state.atMs - since.atMs) / 1000 : 0;
  const rate = (now: number, then: number) => (seconds > 0 ? `${((now - then) / seconds).toFixed(1)}/s over ${seconds.toFixed(0)} s` : '—');
  return (
    <div className="stack" data-testid="fh-live">
      {error ? <ErrorNote error={error} title="Could not read the live state" /> : null}
      {!state && !error ? <Spinner label="Reading the buffers…" /> : null}
      {state ? (
        <>
          <Card id="fh-buffers" title={`Buffers (${state.buffers.length})`} aside={<span className="small muted">updated {time(state.atMs)}</span>} wide>
            {!state.running ? <p className="notice">No pipeline runs for this stream (it is not ACTIVE, or its destination no longer parses).</p> : null}
            {state.buffers.length === 0 ? <p className="empty-note">Every buffer is empty: nothing waits to be delivered.</p> : null}
            {state.buffers.map((b) => (
              <div key={`${b.lane}:${b.key}`} className="fh-buffer" data-testid="fh-buffer">
                <p className="small">
                  <strong>{b.lane}</strong> {b.key ? <code>{b.key}</code> : null} · {b.records} records · flushes by {b.dueAtMs <= state.atMs ? 'time now' : `time in ${ago(b.dueAtMs - state.atMs)}`} unless it reaches its size first
                </p>
                <Meter label="Size" value={b.bytes} max={b.sizeLimitBytes} text={`${formatBytes(b.bytes)} of ${formatBytes(b.sizeLimitBytes)}`} />
                <Meter label="Age" value={state.atMs - b.openedAtMs} max={b.intervalMs} text={`${ago(state.atMs - b.openedAtMs)} of ${ago(b.intervalMs)}`} />
              </div>
            ))}
          </Card>
          <Card id="fh-counters" title="Firehose metrics (local engine)" wide>
            <Facts
              rows={[
                ['Incoming', `${state.counters.incomingRecords} records, ${formatBytes(state.counters.incomingBytes)} · ${rate(state.counters.incomingRecords, since?.counters.incomingRecords ?? 0)}`, 'fh-incoming'],
                ['Delivered', `${state.counters.deliveredRecords} records · ${rate(state.counters.deliveredRecords, since?.counters.deliveredRecords ?? 0)}`, 'fh-delivered-count'],
                ['Failed / dropped', `${state.counters.failedRecords} / ${state.counters.droppedRecords}`],
                ['Data freshness', state.buffers.length ? `${ago(state.freshnessMs)} (oldest record still buffered)` : 'nothing waiting'],
                ['Not yet settled', String(state.unsettledRecords)],
              ]}
            />
            <p className="small muted">Counted since the engine started.</p>
            <MetricsLink name={detail.name} onMetrics={onMetrics} />
          </Card>
          <Card id="fh-recent" title="Last deliveries and failures" wide>
            {state.recent.length === 0 ? <p className="empty-note">Nothing delivered yet.</p> : null}
            <ol className="fh-events">
              {state.recent.slice(0, 50).map((e, i) => (
                <li key={i} className={e.failure ? 'fh-failure' : ''}>
                  <span className="mono small">{time(e.atMs)}</span> {e.text}
                </li>
              ))}
            </ol>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function MetricsLink({ name, onMetrics }: { name: string; onMetrics(deliveryStream: string): void }) {
  return (
    <p className="small">
      <button type="button" className="link-button" onClick={() => onMetrics(name)} data-testid="fh-open-metrics">
        Chart these over time on the Metrics screen
      </button>{' '}
      <span className="muted">(incoming, delivered, failures and data freshness, with ranges and exports)</span>
    </p>
  );
}

function MetricsCard({ metrics }: { metrics: FirehoseMetrics }) {
  const last = (points: FirehoseMetrics['incomingRecords']) => points.at(-1)?.value;
  const sum = (points: FirehoseMetrics['incomingRecords']) => points.reduce((s, p) => s + p.value, 0);
  return (
    <Card id="fh-metrics" title="Firehose metrics (CloudWatch, last hour)" wide>
      <Facts
        rows={[
          ['Incoming records', `${sum(metrics.incomingRecords)} in the hour`],
          ['Delivered records', `${sum(metrics.deliveredRecords)} in the hour`],
          ['Data freshness', last(metrics.freshnessSeconds) === undefined ? 'no data' : `${last(metrics.freshnessSeconds)} s (latest period)`],
        ]}
      />
      {metrics.notes.map((n) => (
        <p key={n} className="small muted">
          {n}
        </p>
      ))}
    </Card>
  );
}
