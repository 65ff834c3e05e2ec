// Which source a connection's metrics come from: the local engine's own stats (its admin API), or CloudWatch
// through a client built from the same connection and credentials (an AWS profile, or a custom endpoint, which
// may or may not serve CloudWatch).
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ConnectionKind } from '../../../shared/contract/connections';
import type { EngineAdmin } from '../engineAdmin';

export type MetricsSource =
  | { kind: 'engine'; kinesis: KinesisClient; admin: EngineAdmin }
  | { kind: 'cloudwatch'; kinesis: KinesisClient; cloudWatch: CloudWatchClient; customEndpoint: string | undefined };

export interface SourceInputs {
  connection: { kind: ConnectionKind; endpoint?: string | undefined };
  kinesis: KinesisClient;
  /** Built only when asked: a CloudWatch client for a local connection would never be used. */
  cloudWatch: () => CloudWatchClient;
  localAdmin: () => EngineAdmin;
}

/** A custom endpoint's CloudWatch failure as a note (emulators often serve no CloudWatch); any other failure is thrown. */
export function cloudWatchMissingNote(error: unknown, customEndpoint: string | undefined, what: string): string {
  if (customEndpoint === undefined) throw error;
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `This custom endpoint (${customEndpoint}) does not serve CloudWatch GetMetricData (${why}), so there are no ${what} for it. Emulators such as kinesalite serve Kinesis only; LocalStack serves CloudWatch on the same port.`;
}

/** The answer for a range CloudWatch cannot serve: no series, the reason as a note, and no reason to ask again soon. */
export function noCloudWatchData(query: { fromMs: number; toMs: number }, note: string, nowMs: number) {
  return { source: 'cloudwatch' as const, periodSeconds: 60, fromMs: query.fromMs, toMs: query.toMs, series: [], notes: [note], nextPollMs: nowMs + 5 * 60_000 };
}

export function metricsSourceFor(inputs: SourceInputs): MetricsSource {
  const { connection, kinesis } = inputs;
  if (connection.kind === 'local') return { kind: 'engine', kinesis, admin: inputs.localAdmin() };
  return { kind: 'cloudwatch', kinesis, cloudWatch: inputs.cloudWatch(), customEndpoint: connection.kind === 'custom' ? connection.endpoint : undefined };
}
