// UpdateShardCount steps from the open shard count to a target under AWS's rules: one call may at most double the
// open shards or halve them (rounding up), so 3 → 10 takes 3 → 6 → 10 and 10 → 3 takes 10 → 5 → 3.
export const MAX_SHARDS_PER_STREAM = 10_000;
/** AWS: UpdateShardCount at most ten times per stream in a rolling 24 hours. */
export const SCALINGS_PER_DAY = 10;

/** The open shard counts after each call, in order (empty when already there). */
export function scalingSteps(current: number, target: number): number[] {
  const steps: number[] = [];
  let open = current;
  while (open !== target) {
    open = target > open ? Math.min(target, open * 2) : Math.max(target, Math.ceil(open / 2));
    steps.push(open);
  }
  return steps;
}

export interface ScalingLimits {
  /** Open shards the account may have in the region, and how many it has now (all streams). */
  accountShardLimit: number;
  accountOpenShards: number;
  /** UpdateShardCount calls this stream made in the last 24 hours. */
  scalingsInLast24h: number;
}

/** Why the steps cannot all run, in the words a user acts on; empty when they can. */
export function scalingProblems(current: number, target: number, steps: number[], limits: ScalingLimits): string[] {
  const problems: string[] = [];
  if (target === current) problems.push(`The stream already has ${current} open shards.`);
  if (target > MAX_SHARDS_PER_STREAM) problems.push(`A stream can have at most ${MAX_SHARDS_PER_STREAM} shards.`);
  const peak = Math.max(current, ...steps);
  const extra = peak - current;
  if (extra > 0 && limits.accountOpenShards + extra > limits.accountShardLimit) {
    problems.push(
      `The account's shard limit in this region is ${limits.accountShardLimit} and ${limits.accountOpenShards} shards are open: ` +
        `${extra} more would exceed it. Ask for a higher limit, or pick a smaller target.`,
    );
  }
  const left = SCALINGS_PER_DAY - limits.scalingsInLast24h;
  if (steps.length > left) {
    problems.push(
      `This needs ${steps.length} UpdateShardCount calls, but only ${Math.max(0, left)} of the ${SCALINGS_PER_DAY} allowed per rolling 24 hours are left for this stream.`,
    );
  }
  return problems;
}
