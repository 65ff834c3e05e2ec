// Live stats of one local stream until the Metrics screen exists: a per-shard table of the last complete second
// (engine.stats), updating each second. Only the local engine has these figures; elsewhere it says so.
import { useEffect, useState } from 'react';
import type { EngineStatsItem } from '../../../shared/contract/engine';
import { useClient } from '../../api/ClientContext';
import { errorFromShape, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { streamNameProblem } from './LimitsControls';

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`);

export function LiveStats({ streamList, localActive }: { streamList: string; localActive: boolean }) {
  const client = useClient();
  const [draft, setDraft] = useState('');
  const [watching, setWatching] = useState<string | null>(null);
  const [latest, setLatest] = useState<EngineStatsItem | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const problem = streamNameProblem(draft);

  const watch = (stream: string | null) => {
    if (stream) {
      setLatest(null);
      setError(null);
    }
    setWatching(stream);
  };

  useEffect(() => {
    if (!client || !watching) return;
    const handle = client.subscribe(
      'engine.stats',
      { stream: watching, topKeys: 3 },
      {
        onBatch: (items) => {
          const last = items.at(-1);
          if (last) setLatest(last);
        },
        onEnd: (end) => {
          if (end) setError(errorFromShape(end));
          setWatching(null);
        },
      },
    );
    return () => handle.unsubscribe();
  }, [client, watching]);

  return (
    <div className="engine-block engine-block-wide" data-testid="engine-live-stats">
      <h3 className="panel-subtitle">Live stats</h3>
      <p className="muted small">Per shard, the last complete second on the local engine. The Metrics screen will chart them.</p>
      {!localActive ? (
        <p className="muted small" data-testid="live-stats-not-local">
          Live shard stats come from the local engine; on AWS, use the Metrics screen (CloudWatch). Switch to the local engine to see them here.
        </p>
      ) : (
        <form
          className="engine-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (watching) watch(null);
            else if (draft && !problem) watch(draft);
          }}
        >
          <Field label="Stream" problem={problem}>
            {(props) => <input {...props} className="input mono" list={streamList} value={draft} placeholder="orders" spellCheck={false} autoComplete="off" disabled={watching !== null} onChange={(e) => setDraft(e.target.value.trim())} />}
          </Field>
          <button type="submit" className="button" disabled={!client || (!watching && (!draft || problem !== null))}>
            {watching ? 'Stop' : 'Watch'}
          </button>
        </form>
      )}
      {error ? <ErrorNote error={error} title="Live stats stopped" /> : null}
      {watching && !latest ? <Spinner label="Waiting for the first complete second…" /> : null}
      {latest ? <StatsTable item={latest} live={watching !== null} /> : null}
    </div>
  );
}

function StatsTable({ item, live }: { item: EngineStatsItem; live: boolean }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="live-stats-table">
        <caption className="engine-caption muted small">
          {live ? 'Second ending' : 'Stopped at the second ending'} {new Date(item.second + 1000).toLocaleTimeString()}
        </caption>
        <thead>
          <tr>
            <th scope="col">Shard</th>
            <th scope="col" className="num">In rec/s</th>
            <th scope="col" className="num">In bytes/s</th>
            <th scope="col" className="num">GetRecords rec/s</th>
            <th scope="col" className="num">Fan-out rec/s</th>
            <th scope="col" className="num">Throttles w / r</th>
            <th scope="col" className="num">Iterator age</th>
            <th scope="col">Top keys (60 s)</th>
          </tr>
        </thead>
        <tbody>
          {item.shards.map((s) => (
            <tr key={s.shardId} className={s.open ? undefined : 'row-closed'}>
              <th scope="row" className="mono">
                {s.shardId}
                {s.open ? '' : ' (closed)'}
              </th>
              <td className="num">{s.metrics.incomingRecords.toLocaleString()}</td>
              <td className="num">{bytes(s.metrics.incomingBytes)}</td>
              <td className="num">{s.metrics.getRecordsRecords.toLocaleString()}</td>
              <td className="num">{s.metrics.fanOutRecords.toLocaleString()}</td>
              <td className="num">
                {s.metrics.writeThrottles} / {s.metrics.readThrottles}
              </td>
              <td className="num">{s.metrics.iteratorAgeMs.toLocaleString()} ms</td>
              <td className="mono small">{s.topKeys.length === 0 ? <span className="muted">none</span> : s.topKeys.map((k) => `${k.partitionKey} (${k.records})`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
