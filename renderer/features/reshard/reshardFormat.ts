// Units as the wizard shows them: records/s, bytes/s in binary units, utilisation, durations, money.
import type { ReshardOperation } from '../../../shared/contract/reshard';
import { shortShardId } from '../../components/KeySpaceBar';

export function recordsRate(n: number): string {
  return `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString()} rec/s`;
}

export function bytesRate(n: number): string {
  if (n < 1024) return `${Math.round(n)} B/s`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB/s`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB/s`;
}

export function percent(n: number): string {
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} %`;
}

/** Utilisation as a heat class: the same thresholds on every bar and table of the wizard. */
export function heatClass(utilisationPercent: number): string {
  if (utilisationPercent >= 80) return 'heat-hot';
  if (utilisationPercent >= 50) return 'heat-warm';
  if (utilisationPercent >= 5) return 'heat-mild';
  return 'heat-cold';
}

export function seconds(n: number): string {
  if (n < 90) return `about ${Math.max(1, Math.round(n))} s`;
  if (n < 5400) return `about ${Math.round(n / 60)} min`;
  return `about ${(n / 3600).toFixed(1)} h`;
}

export function dollars(n: number): string {
  return `$${n < 1 ? n.toFixed(3) : n.toFixed(2)}`;
}

export function describeStep(operation: ReshardOperation): string {
  switch (operation.kind) {
    case 'split':
      return `Split ${shortShardId(operation.shardId)} at ${operation.newStartingHashKey}`;
    case 'merge':
      return `Merge ${shortShardId(operation.shardId)} with ${shortShardId(operation.adjacentShardId)}`;
    case 'scale':
      return `Scale to ${operation.targetShardCount} shards`;
  }
}
