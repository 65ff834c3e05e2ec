// Buffering hints per destination, with the service model's defaults, and the rules on them. Sizes are taken as
// MiB (SizeInMBs × 2^20) for every destination, and measured before compression, as the guide says.
import type { DestinationConfiguration } from '../config/schemas';

export interface ResolvedHints {
  sizeBytes: number;
  intervalMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_HINTS: Record<DestinationConfiguration['kind'], { SizeInMBs: number; IntervalInSeconds: number }> = {
  ExtendedS3: { SizeInMBs: 5, IntervalInSeconds: 300 },
  S3: { SizeInMBs: 5, IntervalInSeconds: 300 },
  Redshift: { SizeInMBs: 5, IntervalInSeconds: 300 },
  Amazonopensearchservice: { SizeInMBs: 5, IntervalInSeconds: 300 },
  Elasticsearch: { SizeInMBs: 5, IntervalInSeconds: 300 },
  HttpEndpoint: { SizeInMBs: 5, IntervalInSeconds: 300 },
  Splunk: { SizeInMBs: 5, IntervalInSeconds: 60 },
};

/** The Lambda processor's own buffer: 1 MB / 60 s by default, 0.25 MB for Splunk. */
export function lambdaBufferDefaults(kind: DestinationConfiguration['kind']): { sizeMB: number; intervalSeconds: number } {
  return { sizeMB: kind === 'Splunk' ? 0.25 : 1, intervalSeconds: 60 };
}

export function resolveHints(
  given: { SizeInMBs?: number | undefined; IntervalInSeconds?: number | undefined } | undefined,
  defaults: { SizeInMBs: number; IntervalInSeconds: number },
): ResolvedHints {
  return {
    sizeBytes: Math.round((given?.SizeInMBs ?? defaults.SizeInMBs) * MIB),
    intervalMs: (given?.IntervalInSeconds ?? defaults.IntervalInSeconds) * 1000,
  };
}

/** The buffering hints a destination's own records use (Redshift's are its intermediate S3's). */
export function destinationHints(destination: DestinationConfiguration): ResolvedHints {
  const given = destination.kind === 'Redshift' ? destination.config.S3Configuration.BufferingHints : destination.config.BufferingHints;
  return resolveHints(given, DEFAULT_HINTS[destination.kind]);
}

/** Checks what the model documents about hints; returns an InvalidArgumentException message or undefined. */
export function checkHints(
  given: { SizeInMBs?: number | undefined; IntervalInSeconds?: number | undefined } | undefined,
  where: { dynamicPartitioning?: boolean; backup?: boolean },
): string | undefined {
  if (!given) return undefined;
  if ((given.SizeInMBs === undefined) !== (given.IntervalInSeconds === undefined)) {
    return 'BufferingHints: if you specify SizeInMBs or IntervalInSeconds, you must specify both.';
  }
  if (given.IntervalInSeconds === 0 && where.dynamicPartitioning) {
    return 'Zero buffering (IntervalInSeconds 0) is not supported when dynamic partitioning is enabled.';
  }
  if (given.IntervalInSeconds === 0 && where.backup) return 'Zero buffering (IntervalInSeconds 0) is not supported for an S3 backup.';
  return undefined;
}
