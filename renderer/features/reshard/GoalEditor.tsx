// The four goals and their settings: uniform scaling (with the UpdateShardCount calls AWS's rules make of it),
// splitting a hot shard (balanced split point by default), merging cold adjacent pairs under a threshold, and a
// custom sequence of splits and merges.
import { useState } from 'react';
import type { ObservedShard, PlannedShard, PlanResult, ReshardOperation, ReshardPlan } from '../../../shared/contract/reshard';
import { coldPairs } from '../../../shared/domain/reshard/mergeSuggestions';
import type { ShardTraffic } from '../../../shared/domain/reshard/observedTraffic';
import { balancedSplit } from '../../../shared/domain/reshard/splitPoint';
import { MAX_SHARDS_PER_STREAM, SCALINGS_PER_DAY, scalingSteps } from '../../../shared/domain/reshard/uniformScaling';
import { Field } from '../../components/Field';
import { shortShardId } from '../../components/KeySpaceBar';
import { Segmented } from '../../components/Segmented';
import { goalKinds, targetProblem, thresholdProblem, type GoalDraft } from './goalDraft';
import { rangeTraffic } from './localPlan';
import { describeStep, percent } from './reshardFormat';
import { SplitPointEditor } from './SplitPointEditor';

export interface GoalContext {
  shards: readonly ObservedShard[];
  traffic: readonly ShardTraffic[];
  facts: PlanResult | null;
  windowSeconds: number;
  /** The plan shown now (for the default split key the planner chose). */
  plan: ReshardPlan | null;
  /** Custom goal: the open shards after the steps added so far. */
  customOpen: readonly PlannedShard[];
}

export function GoalEditor({ draft, onChange, context }: { draft: GoalDraft; onChange(change: Partial<GoalDraft>): void; context: GoalContext }) {
  return (
    <div className="stack" data-testid="goal-editor">
      <Segmented label="Goal" options={goalKinds} value={draft.kind} onChange={(kind) => onChange({ kind, keyProblem: null })} />
      {draft.kind === 'uniform' ? <UniformGoal draft={draft} onChange={onChange} context={context} /> : null}
      {draft.kind === 'split-hot' ? <SplitGoal draft={draft} onChange={onChange} context={context} /> : null}
      {draft.kind === 'merge-cold' ? <MergeGoal draft={draft} onChange={onChange} context={context} /> : null}
      {draft.kind === 'custom' ? <CustomGoal draft={draft} onChange={onChange} context={context} /> : null}
    </div>
  );
}

type GoalProps = { draft: GoalDraft; onChange(change: Partial<GoalDraft>): void; context: GoalContext };

function UniformGoal({ draft, onChange, context }: GoalProps) {
  const problem = targetProblem(draft.target);
  const current = context.shards.length;
  const steps = problem ? [] : scalingSteps(current, Number(draft.target));
  const stream = context.facts?.stream;
  const used = stream?.shardCountUpdatesLast24h;
  return (
    <div className="stack">
      <Field label="Target number of open shards" problem={problem} hint={`Now ${current}. UpdateShardCount gives every shard an even share of the key space.`}>
        {(props) => <input {...props} className="input input-narrow" inputMode="numeric" value={draft.target} onChange={(e) => onChange({ target: e.target.value })} data-testid="uniform-target" />}
      </Field>
      {steps.length > 0 ? (
        <p data-testid="uniform-steps">
          {steps.length === 1 ? 'One UpdateShardCount call: ' : `${steps.length} UpdateShardCount calls: `}
          <strong className="mono">{[current, ...steps].join(' → ')}</strong>
        </p>
      ) : null}
      <ul className="reshard-rules small">
        <li>One call may at most double the open shards or halve them (rounding up): a far target takes several calls, each waiting for the stream to be ACTIVE again.</li>
        <li>
          At most {SCALINGS_PER_DAY} UpdateShardCount calls per stream in any rolling 24 hours
          {used === null || used === undefined ? ': AWS does not report how many were made, so the plan assumes none.' : `: ${used} made so far.`}
        </li>
        <li>{stream ? `The account's shard limit in this region: ${stream.accountShardLimit.toLocaleString()}, with ${stream.accountOpenShards.toLocaleString()} open now.` : "The account's shard limit in this region (read when the plan is checked)."}</li>
        <li>At most {MAX_SHARDS_PER_STREAM.toLocaleString()} shards in a stream. AWS picks the new shards&rsquo; ids and may make short-lived shards on the way.</li>
      </ul>
    </div>
  );
}

function SplitGoal({ draft, onChange, context }: GoalProps) {
  const shard = context.traffic.find((s) => s.shardId === draft.splitShard) ?? null;
  const planned = context.plan?.calls[0]?.operation;
  const plannedKey = planned?.kind === 'split' && planned.shardId === draft.splitShard ? BigInt(planned.newStartingHashKey) : null;
  const key = draft.splitKey !== null ? BigInt(draft.splitKey) : (plannedKey ?? (shard ? balancedSplit(shard, draft.measure).newStartingHashKey : null));
  return (
    <div className="stack">
      <div className="field-row">
        <Field label="Shard to split">
          {(props) => (
            <select {...props} className="input" value={draft.splitShard ?? ''} onChange={(e) => onChange({ splitShard: e.target.value || null, splitKey: null, keyProblem: null })} data-testid="split-shard">
              {context.shards.map((s) => (
                <option key={s.shardId} value={s.shardId}>
                  {s.shardId} · {percent(s.utilisationPercent)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <span className="field-label">Balance by</span>
          <Segmented
            label="Balance the split by"
            options={[
              { id: 'records', label: 'Records' },
              { id: 'bytes', label: 'Bytes' },
            ]}
            value={draft.measure}
            onChange={(measure) => onChange({ measure, splitKey: null, keyProblem: null })}
          />
        </div>
      </div>
      {shard && key !== null ? (
        <SplitPointEditor
          key={shard.shardId}
          shard={shard}
          splitKey={key}
          isDefault={draft.splitKey === null}
          measure={draft.measure}
          windowSeconds={context.windowSeconds}
          onKey={(k) => onChange({ splitKey: k.toString() })}
          onDefault={() => onChange({ splitKey: null })}
          onProblem={(keyProblem) => onChange({ keyProblem })}
        />
      ) : (
        <p className="muted">Pick a shard to split.</p>
      )}
    </div>
  );
}

function MergeGoal({ draft, onChange, context }: GoalProps) {
  const problem = thresholdProblem(draft.threshold);
  const pairs = problem ? [] : coldPairs(context.traffic, context.windowSeconds, Number(draft.threshold));
  return (
    <div className="stack">
      <Field label="Merge pairs whose combined load stays under (% of one shard's write capacity)" problem={problem}>
        {(props) => <input {...props} className="input input-narrow" inputMode="decimal" value={draft.threshold} onChange={(e) => onChange({ threshold: e.target.value })} data-testid="merge-threshold" />}
      </Field>
      {problem ? null : pairs.length === 0 ? (
        <p className="muted" data-testid="merge-pairs">
          No two adjacent shards stay under {draft.threshold} % together. Raise the threshold, or pick another goal.
        </p>
      ) : (
        <ul className="reshard-pairs" data-testid="merge-pairs" aria-label="Suggested pairs">
          {pairs.map((p) => (
            <li key={p.lower.shardId}>
              <span className="mono">
                {shortShardId(p.lower.shardId)} + {shortShardId(p.upper.shardId)}
              </span>{' '}
              <span className="muted">together {percent(p.combinedPercent)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function adjacentPairs(open: readonly PlannedShard[]): [PlannedShard, PlannedShard][] {
  const pairs: [PlannedShard, PlannedShard][] = [];
  for (let i = 0; i + 1 < open.length; i++) {
    const a = open[i] as PlannedShard;
    const b = open[i + 1] as PlannedShard;
    if (a.shardId && b.shardId && BigInt(a.endingHashKey) + 1n === BigInt(b.startingHashKey)) pairs.push([a, b]);
  }
  return pairs;
}

function CustomGoal({ draft, onChange, context }: GoalProps) {
  const open = context.customOpen.filter((s) => s.shardId !== null);
  const [chosen, setChosen] = useState<string>('');
  const [splitKey, setSplitKey] = useState<bigint | null>(null);
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const [pairIndex, setPairIndex] = useState(0);
  const target = open.find((s) => s.shardId === chosen) ?? open[0] ?? null;
  const traffic = target?.shardId ? rangeTraffic(context.traffic, target.shardId, BigInt(target.startingHashKey), BigInt(target.endingHashKey)) : null;
  const balanced = traffic ? balancedSplit(traffic, 'records').newStartingHashKey : null;
  const key = splitKey !== null && traffic && splitKey > traffic.start + 1n && splitKey < traffic.end ? splitKey : balanced;
  const pairs = adjacentPairs(context.customOpen);
  const pair = pairs[Math.min(pairIndex, pairs.length - 1)];
  const add = (operation: ReshardOperation) => {
    onChange({ custom: [...draft.custom, operation] });
    setSplitKey(null);
    setKeyProblem(null);
  };
  return (
    <div className="stack">
      <section aria-labelledby="custom-steps-title" className="stack">
        <h3 id="custom-steps-title" className="panel-subtitle">
          Steps <span className="count">{draft.custom.length}</span>
        </h3>
        {draft.custom.length === 0 ? (
          <p className="muted">No steps yet: add splits and merges below. Each step acts on the shards the steps before it leave open.</p>
        ) : (
          <ol className="reshard-steps" data-testid="custom-steps">
            {draft.custom.map((operation, i) => (
              <li key={i}>
                <span className="mono">{describeStep(operation)}</span>
                <button type="button" className="link-button" onClick={() => onChange({ custom: draft.custom.filter((_, j) => j !== i) })} aria-label={`Remove step ${i + 1}: ${describeStep(operation)}`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="custom-split-title" className="stack reshard-subpanel">
        <h3 id="custom-split-title" className="panel-subtitle">
          Add a split
        </h3>
        {target && traffic && key !== null ? (
          <>
            <Field label="Shard (after the steps above)">
              {(props) => (
                <select {...props} className="input" value={target.shardId ?? ''} onChange={(e) => (setChosen(e.target.value), setSplitKey(null), setKeyProblem(null))} data-testid="custom-split-shard">
                  {open.map((s) => (
                    <option key={s.shardId} value={s.shardId ?? ''}>
                      {s.shardId} · {percent(s.utilisationPercent)}
                      {s.change === 'new' ? ' (made by this plan)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <SplitPointEditor key={target.shardId} shard={traffic} splitKey={key} isDefault={splitKey === null} measure="records" windowSeconds={context.windowSeconds} onKey={setSplitKey} onDefault={() => setSplitKey(null)} onProblem={setKeyProblem} />
            <div>
              <button type="button" className="button" disabled={keyProblem !== null} onClick={() => target.shardId && add({ kind: 'split', shardId: target.shardId, newStartingHashKey: key.toString() })} data-testid="custom-add-split">
                Add this split
              </button>
            </div>
          </>
        ) : (
          <p className="muted">No open shard with a known id to split (after UpdateShardCount, AWS picks the ids).</p>
        )}
      </section>
      <section aria-labelledby="custom-merge-title" className="stack reshard-subpanel">
        <h3 id="custom-merge-title" className="panel-subtitle">
          Add a merge
        </h3>
        {pair ? (
          <div className="field-row">
            <Field label="Adjacent pair">
              {(props) => (
                <select {...props} className="input" value={Math.min(pairIndex, pairs.length - 1)} onChange={(e) => setPairIndex(Number(e.target.value))} data-testid="custom-merge-pair">
                  {pairs.map(([a, b], i) => (
                    <option key={a.shardId} value={i}>
                      {shortShardId(a.shardId ?? '')} + {shortShardId(b.shardId ?? '')} · together {percent(a.utilisationPercent + b.utilisationPercent)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="button" onClick={() => add({ kind: 'merge', shardId: pair[0].shardId ?? '', adjacentShardId: pair[1].shardId ?? '' })} data-testid="custom-add-merge">
              Add this merge
            </button>
          </div>
        ) : (
          <p className="muted">No two adjacent open shards to merge.</p>
        )}
      </section>
    </div>
  );
}
