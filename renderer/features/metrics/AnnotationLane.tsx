// The events that explain a change (reshards, capacity-mode switches, injected faults) on a lane that shares the
// heat strip's time axis; the charts draw the same events as dashed vertical lines. Markers close together are
// stacked on rows so their labels stay readable.
import type { MetricAnnotation } from '../../../shared/contract/metrics';
import { fullTime } from '../../components/charts/timeAxis';

const KIND_WORDS: Record<MetricAnnotation['kind'], string> = {
  split: 'Split',
  merge: 'Merge',
  scale: 'Shard count',
  'on-demand-scaling': 'On-demand scaling',
  'capacity-mode': 'Capacity mode',
  faults: 'Faults',
};

/** Rows for markers at fractions 0..1: a marker goes on the first row whose last marker is far enough left. */
function stack(positions: readonly number[], gap: number): number[] {
  const rowEnds: number[] = [];
  return positions.map((p) => {
    let row = rowEnds.findIndex((end) => p - end >= gap);
    if (row < 0) row = rowEnds.push(p) - 1;
    else rowEnds[row] = p;
    return row;
  });
}

export function AnnotationLane({ annotations, fromMs, toMs }: { annotations: readonly MetricAnnotation[]; fromMs: number; toMs: number }) {
  const shown = annotations.filter((a) => a.atMs >= fromMs && a.atMs <= toMs);
  if (shown.length === 0) return null;
  const span = Math.max(1, toMs - fromMs);
  const positions = shown.map((a) => (a.atMs - fromMs) / span);
  const rows = stack(positions, 0.18);
  const height = (Math.max(...rows) + 1) * 22;
  return (
    <div className="annotation-lane" aria-label="Events in this range" role="list" style={{ height }}>
      {shown.map((a, i) => {
        const p = positions[i] as number;
        const right = p > 0.75;
        return (
          <div
            key={`${a.atMs}:${a.label}`}
            role="listitem"
            tabIndex={0}
            className={`annotation annotation-${a.kind}${right ? ' annotation-right' : ''}`}
            style={{ left: `${p * 100}%`, top: (rows[i] as number) * 22 }}
            data-testid="metrics-annotation"
            data-kind={a.kind}
            title={`${fullTime(a.atMs)} · ${KIND_WORDS[a.kind]}: ${a.label}${a.shardIds.length ? `\nShards: ${a.shardIds.join(', ')}` : ''}`}
          >
            <span className="annotation-text">{a.label}</span>
          </div>
        );
      })}
    </div>
  );
}
