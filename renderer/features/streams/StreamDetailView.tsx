// One stream: its summary (ARN copyable), the key space with live key routing, shards and lineage, tags,
// consumers and limits, the producer tools, and the actions. Transitions (CREATING, UPDATING, DELETING) are
// followed with streams.watch until the stream is ACTIVE again or gone.
import { useEffect, useRef, useState, type ComponentType } from 'react';
import type { ShardRow, StreamDetail } from '../../../shared/contract/streams';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNote } from '../../components/ErrorNote';
import { LineageGraph } from '../../components/LineageGraph';
import { Spinner } from '../../components/Spinner';
import { StatusPill } from '../../components/StatusPill';
import { Tabs } from '../../components/Tabs';
import { bumpStreams } from '../../state/dialogs';
import { KeyRouting } from './KeyRouting';
import { ShardsTable } from './ShardsTable';
import { CapacityDialog, DeleteDialog, RetentionDialog, TagsDialog, type StreamAction } from './StreamActionDialogs';
import { patchStreamsUi } from './streamsUi';
import { useStreamWatch } from './useStreamWatch';

type TabId = 'overview' | 'shards' | 'tags' | 'produce';
const tabs: { id: TabId; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'shards', label: 'Shards & lineage' },
  { id: 'tags', label: 'Tags, consumers & limits' },
  { id: 'produce', label: 'Produce' },
];

/** Which tab a stream opens on, remembered across streams. */
let lastTab: TabId = 'overview';

/** The Produce tab's content, given by the app shell (the producer tools are a feature of their own). */
export type ProduceTabSlot = ComponentType<{ stream: string; shards: readonly ShardRow[] }>;

const transitional = new Set(['CREATING', 'UPDATING', 'DELETING']);

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="facts facts-grid">
      {rows.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const none = <span className="muted">—</span>;

function retentionWords(hours: number): string {
  const days = hours / 24;
  return `${hours} hours (${Number.isInteger(days) ? days : days.toFixed(1)} day${days === 1 ? '' : 's'})`;
}

export function StreamDetailView({ name, onBack, ProduceTab, onTail, onReshard, onMetrics }: { name: string; onBack(): void; ProduceTab: ProduceTabSlot; onTail(stream: string): void; onReshard(stream: string): void; onMetrics(stream: string): void }) {
  const client = useClient();
  const [ticket, setTicket] = useState(0);
  const [result, setResult] = useState<{ ticket: number; detail: StreamDetail | null; error: UiError | null } | null>(null);
  const [tab, setTabState] = useState<TabId>(lastTab);
  const [action, setAction] = useState<StreamAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [watchTicket, setWatchTicket] = useState<{ n: number; until: 'active' | 'gone' }>({ n: 0, until: 'active' });
  const setTab = (id: TabId) => {
    lastTab = id;
    setTabState(id);
  };
  const reload = () => setTicket((t) => t + 1);

  useEffect(() => {
    if (!client) return;
    let live = true;
    client.call('streams.describe', { name }).then(
      (detail) => live && setResult({ ticket, detail, error: null }),
      (e: unknown) => live && setResult((r) => ({ ticket, detail: r?.detail ?? null, error: toUiError(e) })),
    );
    return () => {
      live = false;
    };
  }, [client, name, ticket]);
  const latest = useRef(result);
  useEffect(() => {
    latest.current = result;
  });
  const detail = result?.detail ?? null;
  const error = result?.error ?? null;
  const loading = result?.ticket !== ticket;

  // Follow the stream while it is in a transition; read it again when the transition is over (or leave, once gone).
  const watch = useStreamWatch(client, name, watchTicket.n, watchTicket.until !== 'gone', (item, n) => {
    if (item.status === 'GONE') {
      bumpStreams();
      patchStreamsUi({ open: null, selected: null });
    } else if (n > 0 || latest.current?.error || latest.current?.detail?.summary.status !== item.status) {
      reload();
    }
  });
  const watchedStatus = watch?.item?.status ?? null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || action || document.querySelector('dialog[open]')) return;
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [action, onBack]);

  const status = watchedStatus && !watch?.done ? watchedStatus : (detail?.summary.status ?? watchedStatus);
  const busy = status !== null && transitional.has(status);

  const done = (message: string, follow: 'active' | 'gone' | null) => {
    setAction(null);
    setNotice(message);
    if (follow) setWatchTicket((t) => ({ n: t.n + 1, until: follow }));
    else reload();
  };

  const s = detail?.summary;
  return (
    <section className="screen screen-wide" aria-labelledby="screen-title">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <button type="button" className="link-button" onClick={onBack} aria-keyshortcuts="Escape">
          ← Streams
        </button>
      </nav>
      <header className="screen-header screen-header-row">
        <div className="title-block">
          <h1 id="screen-title" tabIndex={-1} className="stream-title" title={name}>
            {name}
          </h1>
          <p className="title-meta">
            <StatusPill status={status} />
            {s ? <span>{s.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'}</span> : null}
            {s ? <span>{s.openShardCount} open shard{s.openShardCount === 1 ? '' : 's'}</span> : null}
          </p>
        </div>
        <div className="header-actions">
          <button type="button" className="button button-primary" onClick={() => onTail(name)} data-testid="tail-this-stream" title="Open the Tail screen on this stream, from now on">
            Tail this stream
          </button>
          <button type="button" className="button" onClick={() => onMetrics(name)} data-testid="stream-metrics" title="Open the Metrics screen on this stream">
            Metrics
          </button>
          <button type="button" className="button" onClick={() => reload()} disabled={loading}>
            {loading && detail ? 'Refreshing…' : 'Refresh'}
          </button>
          <button type="button" className="button" disabled={!detail || busy} onClick={() => setAction('retention')}>
            Retention…
          </button>
          <button type="button" className="button" disabled={!detail} onClick={() => setAction('tags')}>
            Tags…
          </button>
          <button type="button" className="button" disabled={!detail} onClick={() => onReshard(name)} data-testid="reshard-this-stream" title="Open the reshard wizard on this stream">
            Reshard…
          </button>
          <button type="button" className="button" disabled={!detail || busy} onClick={() => setAction('mode')}>
            Capacity mode…
          </button>
          <button type="button" className="button button-danger-outline" disabled={!detail || status === 'DELETING'} onClick={() => setAction('delete')}>
            Delete…
          </button>
        </div>
      </header>

      {busy ? (
        <div className="progress-banner" role="status" data-testid="transition-banner">
          <Spinner label={`${status} — waiting for the stream to become ${status === 'DELETING' ? 'gone' : 'ACTIVE'}…`} />
        </div>
      ) : null}
      {watch?.error ? <ErrorNote error={watch.error} title="Stopped following the stream's status" /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error && busy && error.code === 'ResourceInUseException' ? null : error ? (
        <div className="stack">
          <ErrorNote error={error} title={`Could not read ${name}`} testId="detail-error" />
          <div>
            <button type="button" className="button" onClick={() => reload()}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {!detail && (loading || (busy && error?.code === 'ResourceInUseException')) ? (
        <div className="loading-block">
          <Spinner label={`Reading ${name}…`} />
        </div>
      ) : null}
      {detail && s ? (
        <>
          {detail.problems.length > 0 ? (
            <ul className="problems" aria-label="Parts that could not be read">
              {detail.problems.map((p) => (
                <li key={p.part}>
                  <strong>{p.part}</strong> could not be read: <code>{p.code}</code> {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <Tabs tabs={tabs} current={tab} onChange={setTab} label="Stream detail">
            {tab === 'overview' ? (
              <div className="stack-lg">
                <section className="panel" aria-labelledby="summary-title">
                  <h2 id="summary-title" className="panel-title">
                    Summary
                  </h2>
                  <Facts
                    rows={[
                      [
                        'ARN',
                        <span className="copyable" key="arn">
                          <code className="arn" data-testid="stream-arn">
                            {s.arn}
                          </code>
                          <CopyButton value={s.arn} label="Copy the ARN" />
                        </span>,
                      ],
                      ['Created', new Date(s.createdAt).toLocaleString()],
                      ['Retention', retentionWords(s.retentionHours)],
                      ['Encryption', s.encryption.type === 'NONE' ? 'None' : `${s.encryption.type}${s.encryption.keyId ? ` · ${s.encryption.keyId}` : ''}`],
                      ['Open shards', String(s.openShardCount)],
                      ['Closed shards', String(detail.shards.filter((x) => !x.open).length)],
                      ['Consumers', s.consumerCount === null ? none : String(s.consumerCount)],
                      ['Max record size', s.maxRecordSizeKiB === null ? none : `${s.maxRecordSizeKiB.toLocaleString()} KiB`],
                    ]}
                  />
                </section>
                <section className="panel" aria-labelledby="keyspace-title">
                  <h2 id="keyspace-title" className="panel-title">
                    Key space and routing
                  </h2>
                  <KeyRouting shards={detail.shards} />
                </section>
              </div>
            ) : null}
            {tab === 'shards' ? (
              <div className="stack-lg">
                <section className="panel" aria-labelledby="shards-title">
                  <h2 id="shards-title" className="panel-title">
                    Shards <span className="count">{detail.shards.length}</span>
                  </h2>
                  <ShardsTable shards={detail.shards} />
                </section>
                <section className="panel" aria-labelledby="lineage-title">
                  <h2 id="lineage-title" className="panel-title">
                    Lineage
                  </h2>
                  {detail.lineage.generations > 1 ? (
                    <p className="muted">Parents above their children; a dashed line is an adjacent parent (a merge).</p>
                  ) : (
                    <p className="muted">One generation: this stream has not been resharded, or its parents are past retention.</p>
                  )}
                  <LineageGraph graph={detail.lineage} />
                </section>
              </div>
            ) : null}
            {tab === 'tags' ? <TagsConsumersLimits detail={detail} onEditTags={() => setAction('tags')} /> : null}
            {tab === 'produce' ? <ProduceTab stream={name} shards={detail.shards} /> : null}
          </Tabs>
        </>
      ) : null}
      {detail && action === 'retention' ? <RetentionDialog detail={detail} onClose={() => setAction(null)} onDone={done} /> : null}
      {detail && action === 'tags' ? <TagsDialog detail={detail} onClose={() => setAction(null)} onDone={done} /> : null}
      {detail && action === 'mode' ? <CapacityDialog detail={detail} onClose={() => setAction(null)} onDone={done} /> : null}
      {detail && action === 'delete' ? <DeleteDialog detail={detail} onClose={() => setAction(null)} onDone={done} /> : null}
    </section>
  );
}

function TagsConsumersLimits({ detail, onEditTags }: { detail: StreamDetail; onEditTags(): void }) {
  const tags = detail.tags ? Object.entries(detail.tags) : null;
  const l = detail.limits;
  const num = (n: number | null) => (n === null ? none : n.toLocaleString());
  return (
    <div className="stack-lg">
      <section className="panel" aria-labelledby="tags-title">
        <div className="panel-head">
          <h2 id="tags-title" className="panel-title">
            Tags {tags ? <span className="count">{tags.length}</span> : null}
          </h2>
          <button type="button" className="button" onClick={onEditTags}>
            Edit tags…
          </button>
        </div>
        {tags === null ? (
          <p className="problem">The tags could not be read (see the problems above).</p>
        ) : tags.length === 0 ? (
          <p className="muted">No tags.</p>
        ) : (
          <table className="table table-compact" data-testid="tags-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {tags.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <code>{k}</code>
                  </td>
                  <td>{v || <span className="muted">(empty)</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="consumers-title">
        <h2 id="consumers-title" className="panel-title">
          Enhanced fan-out consumers {detail.consumers ? <span className="count">{detail.consumers.length}</span> : null}
        </h2>
        {detail.consumers === null ? (
          <p className="muted">This backend does not list consumers.</p>
        ) : detail.consumers.length === 0 ? (
          <p className="muted">None registered. Consumers using GetRecords (shared throughput) are not listed by Kinesis.</p>
        ) : (
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Registered</th>
                <th scope="col">ARN</th>
              </tr>
            </thead>
            <tbody>
              {detail.consumers.map((c) => (
                <tr key={c.arn}>
                  <td>{c.name}</td>
                  <td>
                    <StatusPill status={c.status} />
                  </td>
                  <td>{c.createdAt ? new Date(c.createdAt).toLocaleString() : none}</td>
                  <td>
                    <code className="arn">{c.arn}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="limits-title">
        <h2 id="limits-title" className="panel-title">
          Account limits
        </h2>
        {l === null ? (
          <p className="muted">This backend does not report limits (DescribeLimits).</p>
        ) : (
          <Facts
            rows={[
              ['Open shards', `${num(l.openShardCount)} of ${l.shardLimit === null ? '—' : l.shardLimit.toLocaleString()}`],
              ['On-demand streams', `${num(l.onDemandStreamCount)} of ${l.onDemandStreamCountLimit === null ? '—' : l.onDemandStreamCountLimit.toLocaleString()}`],
            ]}
          />
        )}
      </section>
    </div>
  );
}
