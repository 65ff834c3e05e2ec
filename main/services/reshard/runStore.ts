// Reshard runs in the app's settings store (its key/value table), the latest per connection and stream: what ran,
// what is left, and how to resume, so a run stopped halfway (paused, cancelled, failed, or the app closed) can be
// picked up after a restart.
import { z } from 'zod';
import type { ReshardOperation, ReshardRun } from '../../../shared/contract/reshard';
import { ReshardRun as ReshardRunSchema } from '../../../shared/contract/reshard';
import type { KeyValueStore } from '../tail/savedFilters';

const key = (connectionId: string, stream: string) => `reshard.run:${JSON.stringify([connectionId, stream])}`;

export function describeOperation(operation: ReshardOperation): string {
  switch (operation.kind) {
    case 'split':
      return `SplitShard ${operation.shardId} at ${operation.newStartingHashKey}`;
    case 'merge':
      return `MergeShards ${operation.shardId} + ${operation.adjacentShardId}`;
    case 'scale':
      return `UpdateShardCount to ${operation.targetShardCount}`;
  }
}

/** What ran, what is left, and how to go on, in words. */
export function runSummary(run: Omit<ReshardRun, 'summary'>): string {
  const done = run.steps.filter((s) => s.state === 'done');
  const sent = run.steps.find((s) => s.state === 'sent');
  const left = run.steps.filter((s) => s.state !== 'done');
  const ran = done.length === 0 ? 'No step ran.' : `Ran ${done.length} of ${run.steps.length}: ${done.map((s) => describeOperation(s.operation)).join('; ')}.`;
  if (left.length === 0) return `${ran} Nothing is left.`;
  const rest = `Left: ${left.map((s) => describeOperation(s.operation)).join('; ')}.`;
  const unknown = sent ? ` The outcome of ${describeOperation(sent.operation)} was not recorded; resuming checks the stream first.` : '';
  const how = run.state === 'running' ? '' : ` Resume it from the Reshard screen (or reshard.resume with run ${run.runId}); the remaining steps are checked against the stream again first.`;
  return `${ran} ${rest}${unknown}${how}`;
}

export class ReshardRuns {
  constructor(private readonly store: KeyValueStore) {}

  latest(connectionId: string, stream: string): ReshardRun | null {
    const text = this.store.get(key(connectionId, stream));
    if (!text) return null;
    try {
      const parsed = ReshardRunSchema.safeParse(JSON.parse(text) as unknown);
      return parsed.success ? parsed.data : null;
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof z.ZodError) return null;
      throw error;
    }
  }

  /** Stores the run with its summary brought up to date; returns what was stored. */
  save(run: ReshardRun): ReshardRun {
    const stored = { ...run, updatedMs: Date.now(), summary: runSummary(run) };
    this.store.set(key(run.connectionId, run.stream), JSON.stringify(stored));
    return stored;
  }
}
