// Applies reshard operations to the open shards, on paper: the shards each call leaves open, with the ids AWS
// will give them (the next shard index after the highest the stream ever used; a split takes two, a merge one),
// and every rule the API would check, so a plan's problems show before anything is sent. UpdateShardCount's new
// ids are not predictable (AWS may make short-lived shards), so its shards have no id and no operation that names
// a shard may follow it in the same plan.
import type { ReshardOperation } from '../../contract/reshard';
import { evenHashRanges } from '../hashKey';
import { scalingSteps } from './uniformScaling';

export interface PaperShard {
  shardId: string | null;
  start: bigint;
  end: bigint;
  isNew: boolean;
}

export interface SimulatedCall {
  operation: ReshardOperation;
  openAfter: PaperShard[];
}

export interface Simulation {
  calls: SimulatedCall[];
  open: PaperShard[];
  problems: string[];
}

const byStart = (a: PaperShard, b: PaperShard) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/** The index in `shardId-000000000042`, or null. */
export function shardIndex(shardId: string): number | null {
  const match = /^shardId-(\d{12})$/.exec(shardId);
  return match ? Number(match[1]) : null;
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/**
 * `nextIndex`: one more than the highest shard index the stream has used (closed shards included).
 * Returns the calls made (operations expanded: a `scale` to a far target becomes several UpdateShardCount calls).
 */
export function simulate(initial: readonly PaperShard[], operations: readonly ReshardOperation[], nextIndex: number): Simulation {
  let open = [...initial].sort(byStart);
  let next = nextIndex;
  let idsKnown = true;
  const calls: SimulatedCall[] = [];
  const problems: string[] = [];
  const find = (id: string, step: number) => {
    const shard = open.find((s) => s.shardId === id);
    if (!shard) {
      problems.push(
        idsKnown
          ? `Step ${step}: shard ${id} is not open (it does not exist, or an earlier step closed it).`
          : `Step ${step}: shard ids are not known after UpdateShardCount; plan splits and merges in a separate run.`,
      );
    }
    return shard;
  };
  operations.forEach((operation, i) => {
    const step = i + 1;
    switch (operation.kind) {
      case 'split': {
        const shard = find(operation.shardId, step);
        if (!shard) return;
        const key = BigInt(operation.newStartingHashKey);
        if (!(key > shard.start + 1n && key < shard.end)) {
          problems.push(`Step ${step}: the split key of ${operation.shardId} must lie inside its hash range, above ${shard.start + 1n} and below ${shard.end}.`);
          return;
        }
        const lower: PaperShard = { shardId: shardIdOf(next), start: shard.start, end: key - 1n, isNew: true };
        const upper: PaperShard = { shardId: shardIdOf(next + 1), start: key, end: shard.end, isNew: true };
        next += 2;
        open = [...open.filter((s) => s !== shard), lower, upper].sort(byStart);
        calls.push({ operation, openAfter: open });
        return;
      }
      case 'merge': {
        const a = find(operation.shardId, step);
        const b = find(operation.adjacentShardId, step);
        if (!a || !b) return;
        if (a.end + 1n !== b.start) {
          problems.push(`Step ${step}: ${operation.shardId} and ${operation.adjacentShardId} are not adjacent (the first must sit directly below the second on the key space).`);
          return;
        }
        const merged: PaperShard = { shardId: shardIdOf(next), start: a.start, end: b.end, isNew: true };
        next += 1;
        open = [...open.filter((s) => s !== a && s !== b), merged].sort(byStart);
        calls.push({ operation, openAfter: open });
        return;
      }
      case 'scale': {
        const steps = scalingSteps(open.length, operation.targetShardCount);
        if (steps.length === 0) problems.push(`Step ${step}: the stream already has ${open.length} open shards.`);
        for (const target of steps) {
          open = evenHashRanges(target).map((r) => ({ shardId: null, start: BigInt(r.StartingHashKey), end: BigInt(r.EndingHashKey), isNew: true }));
          calls.push({ operation: { kind: 'scale', targetShardCount: target }, openAfter: open });
        }
        idsKnown = false;
        return;
      }
    }
  });
  return { calls, open, problems };
}
