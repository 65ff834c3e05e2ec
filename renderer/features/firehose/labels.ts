// Words for the service's values.
import type { DestinationKind } from '../../../shared/contract/firehose';

export const DESTINATION_LABELS: Record<DestinationKind, string> = {
  ExtendedS3: 'Extended S3',
  S3: 'S3',
  HttpEndpoint: 'HTTP endpoint',
  Amazonopensearchservice: 'OpenSearch',
  Elasticsearch: 'Elasticsearch',
  Splunk: 'Splunk',
  Redshift: 'Redshift',
  Other: 'Not emulated (Snowflake, Iceberg, …)',
};

export function ago(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

export const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
