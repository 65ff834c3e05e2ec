// The goal being edited, as the form holds it (texts as typed), and the ReshardGoal it stands for.
import type { ObservedShard, ReshardGoal, ReshardOperation } from '../../../shared/contract/reshard';
import type { TrafficMeasure } from '../../../shared/domain/reshard/splitPoint';

export type GoalKind = ReshardGoal['kind'];

export interface GoalDraft {
  kind: GoalKind;
  target: string;
  splitShard: string | null;
  /** null: the balanced default. */
  splitKey: string | null;
  measure: TrafficMeasure;
  threshold: string;
  custom: ReshardOperation[];
  /** A typed split key that cannot be used (the editor says why). */
  keyProblem: string | null;
}

export const goalKinds: readonly { id: GoalKind; label: string }[] = [
  { id: 'split-hot', label: 'Split a hot shard' },
  { id: 'uniform', label: 'Scale uniformly' },
  { id: 'merge-cold', label: 'Merge cold shards' },
  { id: 'custom', label: 'Custom' },
];

export function initialDraft(shards: readonly ObservedShard[]): GoalDraft {
  const hottest = [...shards].sort((a, b) => b.utilisationPercent - a.utilisationPercent || b.records - a.records)[0];
  return { kind: 'split-hot', target: String(Math.max(1, shards.length * 2)), splitShard: hottest?.shardId ?? null, splitKey: null, measure: 'records', threshold: '20', custom: [], keyProblem: null };
}

export function targetProblem(text: string): string | null {
  if (!/^\d+$/.test(text.trim())) return 'Type a whole number of shards.';
  const n = Number(text);
  if (n < 1 || n > 10_000) return 'A stream has 1 to 10,000 shards.';
  return null;
}

export function thresholdProblem(text: string): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 1 || n > 100) return 'Type a share of one shard\u2019s capacity from 1 to 100 %.';
  return null;
}

/** The goal, or why the form cannot make one yet. */
export function goalOf(draft: GoalDraft): { goal: ReshardGoal } | { problem: string } {
  switch (draft.kind) {
    case 'uniform': {
      const problem = targetProblem(draft.target);
      return problem ? { problem } : { goal: { kind: 'uniform', targetShardCount: Number(draft.target) } };
    }
    case 'split-hot':
      if (!draft.splitShard) return { problem: 'Pick the shard to split.' };
      if (draft.keyProblem) return { problem: draft.keyProblem };
      return { goal: { kind: 'split-hot', shardId: draft.splitShard, measure: draft.measure, ...(draft.splitKey ? { newStartingHashKey: draft.splitKey } : {}) } };
    case 'merge-cold': {
      const problem = thresholdProblem(draft.threshold);
      return problem ? { problem } : { goal: { kind: 'merge-cold', thresholdPercent: Number(draft.threshold) } };
    }
    case 'custom':
      return draft.custom.length === 0 ? { problem: 'Add a split or a merge to the plan.' } : { goal: { kind: 'custom', operations: draft.custom } };
  }
}
