// Where to split one shard: a slider over the shard's hash range with its hot keys marked, a field for an exact
// NewStartingHashKey, and the traffic on each side before and after. The default is the planner's: the key that
// halves the observed traffic. Moving the point re-plans in the window at once.
import { useState } from 'react';
import type { ShardTraffic } from '../../../shared/domain/reshard/observedTraffic';
import { loadsAround, type TrafficMeasure } from '../../../shared/domain/reshard/splitPoint';
import { perSecond, utilisationPercent } from '../../../shared/domain/reshard/shardCapacity';
import { Field } from '../../components/Field';
import { shortShardId } from '../../components/KeySpaceBar';
import { SplitSlider } from '../../components/SplitSlider';
import { fractionOf, keyAt, splitKeyProblem } from './localPlan';
import { bytesRate, percent, recordsRate } from './reshardFormat';

export function SplitPointEditor({ shard, splitKey, isDefault, measure, windowSeconds, onKey, onDefault, onProblem }: {
  shard: ShardTraffic;
  /** The key in use (the default's or the user's). */
  splitKey: bigint;
  isDefault: boolean;
  measure: TrafficMeasure;
  windowSeconds: number;
  onKey(key: bigint): void;
  onDefault(): void;
  /** A typed key that cannot be used blocks the plan until it is corrected. */
  onProblem(problem: string | null): void;
}) {
  const [typed, setTyped] = useState<{ text: string; forKey: bigint } | null>(null);
  const text = typed && typed.forKey === splitKey ? typed.text : splitKey.toString();
  const problem = typed && typed.forKey === splitKey ? splitKeyProblem(typed.text, shard.start, shard.end) : null;
  const sides = loadsAround(shard, splitKey);
  const total = shard[measure] || 1;
  const lowerShare = (sides.lower[measure] / total) * 100;
  const marks = shard.keys.map((k) => ({
    fraction: fractionOf(k.hashKey, shard.start, shard.end),
    weight: Math.min(1, (k[measure] / total) * 2),
    title: `${k.partitionKey}: ${percent((k[measure] / total) * 100)} of the shard's ${measure}`,
  }));
  const row = (name: string, load: { records: number; bytes: number }) => {
    const rate = perSecond(load, windowSeconds);
    return (
      <tr key={name}>
        <th scope="row">{name}</th>
        <td className="num">{recordsRate(rate.recordsPerSecond)}</td>
        <td className="num">{bytesRate(rate.bytesPerSecond)}</td>
        <td className="num">{percent(utilisationPercent(load, windowSeconds))}</td>
      </tr>
    );
  };
  return (
    <div className="stack" data-testid="split-editor">
      <SplitSlider
        testId="split-slider"
        label={`Split point of ${shard.shardId}`}
        valueText={`${percent(lowerShare)} of the ${measure} below, ${percent(100 - lowerShare)} above`}
        fraction={fractionOf(splitKey, shard.start, shard.end)}
        onChange={(f) => {
          setTyped(null);
          onProblem(null);
          onKey(keyAt(f, shard.start, shard.end));
        }}
        marks={marks}
        lowerLabel={`lower ${percent(lowerShare)}`}
        upperLabel={`upper ${percent(100 - lowerShare)}`}
      />
      <p className="small muted">Drag the handle, or focus it and use the arrow keys (Shift for fine steps, Page Up/Down for large ones). Ticks are the heaviest partition keys seen.</p>
      <div className="reshard-key-row">
        <Field label="NewStartingHashKey (the upper child's first key)" problem={problem} hint={isDefault ? `Default: halves the shard's observed ${measure}.` : 'Your split point.'}>
          {(props) => (
            <input
              {...props}
              className="input mono reshard-key-input"
              value={text}
              spellCheck={false}
              inputMode="numeric"
              data-testid="split-key-input"
              onChange={(e) => {
                const value = e.target.value;
                const problem = splitKeyProblem(value, shard.start, shard.end);
                onProblem(problem);
                if (problem === null) {
                  setTyped(null);
                  onKey(BigInt(value.trim()));
                } else setTyped({ text: value, forKey: splitKey });
              }}
            />
          )}
        </Field>
        <button type="button" className="button" onClick={() => (setTyped(null), onProblem(null), onDefault())} disabled={isDefault}>
          Use the balanced point
        </button>
      </div>
      <table className="table table-compact" data-testid="split-sides">
        <caption className="small muted">Traffic of {shortShardId(shard.shardId)} before, and of its two children after (from the observed traffic)</caption>
        <thead>
          <tr>
            <th scope="col">Shard</th>
            <th scope="col" className="num">Records</th>
            <th scope="col" className="num">Bytes</th>
            <th scope="col" className="num">Of one shard&rsquo;s capacity</th>
          </tr>
        </thead>
        <tbody>
          {row(`Before: ${shortShardId(shard.shardId)}`, shard)}
          {row(`After: lower child (${percent(lowerShare)})`, sides.lower)}
          {row(`After: upper child (${percent(100 - lowerShare)})`, sides.upper)}
        </tbody>
      </table>
    </div>
  );
}
