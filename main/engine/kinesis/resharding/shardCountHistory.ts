// The accepted UpdateShardCount calls of a stream, kept in its settings as epoch ms: the rolling 24-hour limit
// counts them, and the admin API shows the count so a planner knows how many calls are left.
import type { StreamState } from '../streams/streamModel';

export const SHARD_COUNT_HISTORY = 'shardCountUpdates';
const DAY_MS = 24 * 3_600_000;

/** The times of the accepted calls in the 24 hours before `now`. */
export function recentShardCountUpdates(stream: StreamState, now: number): number[] {
  const history = stream.settings[SHARD_COUNT_HISTORY];
  const list = Array.isArray(history) ? (history as unknown[]) : [];
  return list.filter((ms): ms is number => typeof ms === 'number' && ms > now - DAY_MS);
}
