// After a completed run: the stream's lineage as it is now (the new children under their closed parents), and the
// annotations the metrics charts now show for the reshard (read back through metrics.annotations).
import { useEffect, useState } from 'react';
import type { MetricAnnotation } from '../../../shared/contract/metrics';
import type { ReshardRun } from '../../../shared/contract/reshard';
import type { StreamDetail } from '../../../shared/contract/streams';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { LineageGraph } from '../../components/LineageGraph';
import { Spinner } from '../../components/Spinner';
import { goToScreen } from '../../state/navigation';

const RESHARD_KINDS = new Set<MetricAnnotation['kind']>(['split', 'merge', 'scale']);
/** Annotations come from the engine's event history a moment after the stream is ACTIVE: ask a few times. */
const ANNOTATION_TRIES = 8;
const ANNOTATION_WAIT_MS = 750;

export function RunResult({ client, stream, run }: { client: AppClient; stream: string; run: ReshardRun }) {
  const [detail, setDetail] = useState<StreamDetail | null>(null);
  const [annotations, setAnnotations] = useState<{ list: MetricAnnotation[]; notes: string[]; done: boolean } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    client.call('streams.describe', { name: stream }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(toUiError(e)),
    );
    const ask = async () => {
      for (let i = 0; i < ANNOTATION_TRIES && live; i++) {
        try {
          const r = await client.call('metrics.annotations', { stream, fromMs: Math.max(0, run.createdMs - 60_000), toMs: Date.now() + 60_000 });
          const list = r.annotations.filter((a) => RESHARD_KINDS.has(a.kind) && a.atMs >= run.createdMs - 5_000);
          if (!live) return;
          const done = list.length > 0 || i === ANNOTATION_TRIES - 1;
          setAnnotations({ list, notes: r.notes, done });
          if (done) return;
        } catch (e) {
          if (live) setError(toUiError(e));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, ANNOTATION_WAIT_MS));
      }
    };
    void ask();
    return () => {
      live = false;
    };
  }, [client, stream, run.createdMs]);

  return (
    <div className="stack-lg" data-testid="run-result">
      {error ? <ErrorNote error={error} title="Could not read the result" /> : null}
      <section className="stack" aria-labelledby="result-lineage-title">
        <h3 id="result-lineage-title" className="panel-subtitle">
          Lineage now
        </h3>
        {detail ? (
          <>
            <p className="muted small">
              {detail.summary.openShardCount} open shards. Parents above their children; closed parents stay readable until the retention period ends.
            </p>
            <LineageGraph graph={detail.lineage} />
          </>
        ) : (
          <Spinner label={`Reading ${stream}…`} />
        )}
      </section>
      <section className="stack" aria-labelledby="result-annotations-title" data-testid="run-annotations">
        <h3 id="result-annotations-title" className="panel-subtitle">
          On the metrics charts
        </h3>
        {!annotations || (!annotations.done && annotations.list.length === 0) ? (
          <Spinner label="Looking for the reshard on the metrics charts…" />
        ) : annotations.list.length === 0 ? (
          <p className="muted">No annotation for this reshard yet{annotations.notes.length > 0 ? `: ${annotations.notes.join(' ')}` : '.'}</p>
        ) : (
          <>
            <p>The reshard is recorded as {annotations.list.length === 1 ? 'an annotation' : `${annotations.list.length} annotations`} on the metrics charts of {stream}:</p>
            <ul className="reshard-annotations">
              {annotations.list.map((a) => (
                <li key={`${a.atMs}:${a.label}`}>
                  <span className="mono small">{new Date(a.atMs).toLocaleTimeString()}</span> {a.label}
                </li>
              ))}
            </ul>
          </>
        )}
        <div>
          <button type="button" className="link-button" onClick={() => goToScreen('metrics')}>
            Open the Metrics screen →
          </button>
        </div>
      </section>
    </div>
  );
}
