// Cold adjacent shards worth merging: pairs next to each other on the key space whose combined load stays under a
// threshold (a share of one shard's write capacity). Greedy from the low end of the key space, each shard in at most
// one pair, so the pairs can be merged in one pass.
import type { ShardTraffic } from './observedTraffic';
import { utilisationPercent } from './shardCapacity';

export interface MergePair {
  lower: ShardTraffic;
  upper: ShardTraffic;
  combinedPercent: number;
}

export function coldPairs(open: readonly ShardTraffic[], windowSeconds: number, thresholdPercent: number): MergePair[] {
  const sorted = [...open].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const pairs: MergePair[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const lower = sorted[i] as ShardTraffic;
    const upper = sorted[i + 1] as ShardTraffic;
    if (lower.end + 1n !== upper.start) continue;
    const combinedPercent = utilisationPercent({ records: lower.records + upper.records, bytes: lower.bytes + upper.bytes }, windowSeconds);
    if (combinedPercent < thresholdPercent) {
      pairs.push({ lower, upper, combinedPercent });
      i++;
    }
  }
  return pairs;
}
