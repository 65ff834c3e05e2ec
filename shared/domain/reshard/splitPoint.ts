// The default split point of a hot shard: the hash key that halves its OBSERVED traffic, not the midpoint of its
// range. Known keys are point masses at their hash keys; the rest of the shard's traffic is spread evenly over the
// range. A single key heavier than half the shard cannot be divided: the split then puts it alone on the lighter
// side's edge, which is the best balance any split can reach.
import { unattributed, type Load, type ShardTraffic } from './observedTraffic';

export type TrafficMeasure = 'records' | 'bytes';

export interface SplitChoice {
  /** NewStartingHashKey: the first hash key of the upper child. */
  newStartingHashKey: bigint;
  /** Estimated traffic of the lower and upper child. */
  lower: Load;
  upper: Load;
}

const SCALE = 1_000_000_000_000n;

/** SplitShard accepts StartingHashKey + 1 < NewStartingHashKey < EndingHashKey (AWS's rule, as the engine checks it). */
export function clampSplitKey(shard: ShardTraffic, key: bigint): bigint {
  const low = shard.start + 2n;
  const high = shard.end - 1n;
  return key < low ? low : key > high ? high : key;
}

/** True when the shard's range is wide enough to be split at all. */
export function splittable(shard: ShardTraffic): boolean {
  return shard.end - shard.start >= 3n;
}

/** The estimated traffic below `key` (hash keys start .. key-1) and from `key` up. */
export function loadsAround(shard: ShardTraffic, key: bigint): { lower: Load; upper: Load } {
  const rest = unattributed(shard);
  const width = shard.end - shard.start + 1n;
  const share = Number(((key - shard.start) * SCALE) / width) / Number(SCALE);
  let records = rest.records * share;
  let bytes = rest.bytes * share;
  for (const k of shard.keys) {
    if (k.hashKey >= key) break;
    records += k.records;
    bytes += k.bytes;
  }
  const total = { records: shard.records, bytes: shard.bytes };
  return { lower: { records, bytes }, upper: { records: Math.max(0, total.records - records), bytes: Math.max(0, total.bytes - bytes) } };
}

/** The split key that best halves the shard's observed traffic (by records unless told bytes). */
export function balancedSplit(shard: ShardTraffic, measure: TrafficMeasure = 'records'): SplitChoice {
  const rest = unattributed(shard)[measure];
  const total = shard[measure];
  const width = shard.end - shard.start + 1n;
  const half = total / 2;
  if (total <= 0) return choose(shard, shard.start + width / 2n);
  // Walk the keys in hash order; between two keys the lower side grows linearly with the uniform part.
  let below = 0; // traffic of the keys passed so far
  let from = shard.start;
  for (let i = 0; i <= shard.keys.length; i++) {
    const key = shard.keys[i];
    const to = key ? key.hashKey : shard.end + 1n;
    // The uniform traffic in [start, to) is rest * (to - start) / width.
    const uniformAt = (h: bigint) => (rest * Number(((h - shard.start) * SCALE) / width)) / Number(SCALE);
    if (below + uniformAt(to) >= half) {
      // The half is reached inside this gap, by the uniform part alone.
      if (rest > 0) {
        const needed = (half - below) / rest; // share of the whole range to the split point
        const at = shard.start + (BigInt(Math.round(needed * Number(SCALE))) * width) / SCALE;
        if (at >= from && at <= to) return choose(shard, at);
      }
      return choose(shard, from);
    }
    if (!key) break;
    const withKey = below + uniformAt(to) + key[measure];
    if (withKey >= half) {
      // The half falls on this key: put it on whichever side balances better.
      const leftIfBelow = withKey;
      const leftIfAbove = below + uniformAt(to);
      return choose(shard, Math.abs(leftIfBelow - half) < Math.abs(leftIfAbove - half) ? key.hashKey + 1n : key.hashKey);
    }
    below += key[measure];
    from = key.hashKey + 1n;
  }
  return choose(shard, shard.start + width / 2n);
}

function choose(shard: ShardTraffic, key: bigint): SplitChoice {
  const at = clampSplitKey(shard, key);
  return { newStartingHashKey: at, ...loadsAround(shard, at) };
}
