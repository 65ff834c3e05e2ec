// What the planner knows about traffic: per open shard, its hash range, its records and bytes over the observed
// window, and the heaviest partition keys with their hash keys (locally from the engine's per-key stats; on AWS
// from a bounded sample of the shard's recent records). The load of any hash range is then estimated as: the
// known keys that fall in it, plus the shard's remaining (unattributed) traffic spread evenly over its range.
import { HASH_KEY_SPACE, partitionKeyHash } from '../hashKey';

export interface Load {
  records: number;
  bytes: number;
}

export interface KeyLoad extends Load {
  partitionKey: string;
  hashKey: bigint;
}

export interface ShardTraffic extends Load {
  shardId: string;
  start: bigint;
  end: bigint;
  /** Sorted by hash key; may be partial (top keys) or empty. */
  keys: KeyLoad[];
}

export interface ShardInput extends Load {
  shardId: string;
  startingHashKey: string;
  endingHashKey: string;
  keys?: { partitionKey: string; records: number; bytes: number }[];
}

export const ZERO: Load = { records: 0, bytes: 0 };

export const addLoad = (a: Load, b: Load): Load => ({ records: a.records + b.records, bytes: a.bytes + b.bytes });

/**
 * Parses decimal hash keys and hashes each partition key once (the planner re-plans on every drag of a split
 * point, so this is done when traffic is observed, not per plan); keys outside the shard's range (stale stats)
 * are dropped. The result is sorted by start, as rangeLoad expects.
 */
export function observeTraffic(inputs: readonly ShardInput[]): ShardTraffic[] {
  return inputs.map(toShardTraffic).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

function toShardTraffic(input: ShardInput): ShardTraffic {
  const start = BigInt(input.startingHashKey);
  const end = BigInt(input.endingHashKey);
  const keys = (input.keys ?? [])
    .map((k) => ({ ...k, hashKey: partitionKeyHash(k.partitionKey) }))
    .filter((k) => k.hashKey >= start && k.hashKey <= end)
    .sort((a, b) => (a.hashKey < b.hashKey ? -1 : a.hashKey > b.hashKey ? 1 : 0));
  return { shardId: input.shardId, start, end, records: input.records, bytes: input.bytes, keys };
}

/** The shard's traffic not attributed to any listed key (never negative, even if the key counts overlap windows). */
export function unattributed(shard: ShardTraffic): Load {
  let records = shard.records;
  let bytes = shard.bytes;
  for (const key of shard.keys) {
    records -= key.records;
    bytes -= key.bytes;
  }
  return { records: Math.max(0, records), bytes: Math.max(0, bytes) };
}

/** The share of [start, end] that [from, to] covers, as a float. */
function overlapShare(start: bigint, end: bigint, from: bigint, to: bigint): number {
  const lo = from > start ? from : start;
  const hi = to < end ? to : end;
  if (hi < lo) return 0;
  // Scaled to 1e6 in BigInt first: the widths are up to 2^128 and would lose everything as floats.
  return Number(((hi - lo + 1n) * 1_000_000n) / (end - start + 1n)) / 1_000_000;
}

/** The first shard (of shards sorted by start, not overlapping) whose range ends at or after `key`. */
function firstEndingAtOrAfter(shards: readonly ShardTraffic[], key: bigint): number {
  let lo = 0;
  let hi = shards.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((shards[mid] as ShardTraffic).end < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The estimated load of the hash range [from, to] across the open shards (sorted by start, as open shards never overlap). */
export function rangeLoad(shards: readonly ShardTraffic[], from: bigint, to: bigint): Load {
  let records = 0;
  let bytes = 0;
  for (let i = firstEndingAtOrAfter(shards, from); i < shards.length; i++) {
    const shard = shards[i] as ShardTraffic;
    if (shard.start > to) break;
    const rest = unattributed(shard);
    const share = overlapShare(shard.start, shard.end, from, to);
    records += rest.records * share;
    bytes += rest.bytes * share;
    for (const key of shard.keys) {
      if (key.hashKey >= from && key.hashKey <= to) {
        records += key.records;
        bytes += key.bytes;
      }
    }
  }
  return { records, bytes };
}

/** A hash key as a percentage of the key space (for bars and labels). */
export function keySpaceShare(hashKey: bigint): number {
  return Number((hashKey * 1_000_000n) / HASH_KEY_SPACE) / 10_000;
}
