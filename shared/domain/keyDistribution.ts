// Which key each generated record gets: `uniform` spreads records evenly over `keyCount` keys; `zipf` skews
// them toward hot keys. Under zipf the key of rank k (1-based) is chosen with probability proportional to
// 1 / k^exponent: exponent 0 is uniform, 1 is classic Zipf (with 1,000 keys the hottest gets about 13 % of the
// records), 2 is very hot (the hottest gets about 61 %). Key indexes are 0-based; index 0 is the hottest.
import type { Random } from './random';

export type KeyDistributionSpec = { kind: 'uniform'; keyCount: number } | { kind: 'zipf'; keyCount: number; exponent: number };

export type KeyPicker = () => number;

export function createKeyPicker(spec: KeyDistributionSpec, random: Random): KeyPicker {
  if (spec.kind === 'uniform' || spec.exponent === 0) return () => random.int(0, spec.keyCount - 1);
  // The cumulative distribution, searched with a binary search per record.
  const cdf = new Float64Array(spec.keyCount);
  let total = 0;
  for (let k = 0; k < spec.keyCount; k++) {
    total += 1 / Math.pow(k + 1, spec.exponent);
    cdf[k] = total;
  }
  return () => {
    const target = random.next() * total;
    let lo = 0;
    let hi = spec.keyCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
