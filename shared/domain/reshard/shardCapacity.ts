// One shard's write capacity on AWS: 1,000 records/s or 1 MiB/s, whichever is reached first (partition keys count
// toward the bytes). Utilisation is the larger of the two ratios.
import type { Load } from './observedTraffic';

export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;

export function perSecond(load: Load, windowSeconds: number): { recordsPerSecond: number; bytesPerSecond: number } {
  const seconds = Math.max(1, windowSeconds);
  return { recordsPerSecond: load.records / seconds, bytesPerSecond: load.bytes / seconds };
}

export function utilisationPercent(load: Load, windowSeconds: number): number {
  const rate = perSecond(load, windowSeconds);
  return Math.max(rate.recordsPerSecond / SHARD_WRITE_RECORDS_PER_SECOND, rate.bytesPerSecond / SHARD_WRITE_BYTES_PER_SECOND) * 100;
}
