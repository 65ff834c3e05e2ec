// Delivery streams as client-firehose describes them, on the local engine and on AWS alike: the list rows, the
// detail, and the delivery core's configuration rebuilt from the Describe output (what the preview runs).
import { DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand, type DeliveryStreamDescription, type DestinationDescription, type FirehoseClient } from '@aws-sdk/client-firehose';
import type { DeliveryStreamDetail, DeliveryStreamRow, DestinationKind, FirehoseListResult } from '../../../shared/contract/firehose';
import { DestinationConfiguration, type DeliveryPipelineConfig } from '../../../shared/contract/firehoseConfig';
import { RpcError } from '../../../shared/contract/errors';
import { mapLimit } from '../streams/mapLimit';

/** Each destination's Describe member, and the member names Describe uses instead of the Create ones. */
const DESCRIPTION_MEMBERS: readonly [DestinationKind, keyof DestinationDescription][] = [
  ['ExtendedS3', 'ExtendedS3DestinationDescription'],
  ['HttpEndpoint', 'HttpEndpointDestinationDescription'],
  ['Amazonopensearchservice', 'AmazonopensearchserviceDestinationDescription'],
  ['Elasticsearch', 'ElasticsearchDestinationDescription'],
  ['Splunk', 'SplunkDestinationDescription'],
  ['Redshift', 'RedshiftDestinationDescription'],
  ['S3', 'S3DestinationDescription'],
];
const RENAMED: Record<string, string> = { S3DestinationDescription: 'S3Configuration', S3BackupDescription: 'S3BackupConfiguration' };

export const MAX_LISTED = 500;

export async function describeStream(client: FirehoseClient, name: string): Promise<DeliveryStreamDescription> {
  const out = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
  if (!out.DeliveryStreamDescription) throw new RpcError('InternalFailure', `DescribeDeliveryStream answered no description for ${name}.`);
  return out.DeliveryStreamDescription;
}

export async function listNames(client: FirehoseClient): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  for (;;) {
    const out = await client.send(new ListDeliveryStreamsCommand({ Limit: 100, ...(start ? { ExclusiveStartDeliveryStreamName: start } : {}) }));
    names.push(...(out.DeliveryStreamNames ?? []));
    start = names.at(-1);
    if (!out.HasMoreDeliveryStreams || !start || names.length >= MAX_LISTED) return names.slice(0, MAX_LISTED);
  }
}

function destinationMember(description: DeliveryStreamDescription): { kind: DestinationKind; member: Record<string, unknown> } | undefined {
  const destination = description.Destinations?.[0];
  if (!destination) return undefined;
  for (const [kind, key] of DESCRIPTION_MEMBERS) {
    const member = destination[key];
    if (member && typeof member === 'object') return { kind, member: member as Record<string, unknown> };
  }
  return { kind: 'Other', member: {} };
}

function streamNameOfArn(arn: string | undefined): string | null {
  return arn?.split(':stream/')[1] ?? null;
}

export function toRow(description: DeliveryStreamDescription): DeliveryStreamRow {
  const source = description.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
  return {
    name: description.DeliveryStreamName ?? '',
    arn: description.DeliveryStreamARN ?? '',
    status: description.DeliveryStreamStatus ?? 'UNKNOWN',
    type: description.DeliveryStreamType ?? 'DirectPut',
    sourceStream: streamNameOfArn(source),
    destination: destinationMember(description)?.kind ?? 'Other',
    version: description.VersionId ?? '1',
    createdAt: description.CreateTimestamp ? description.CreateTimestamp.getTime() : null,
  };
}

export async function listStreams(client: FirehoseClient, connection: FirehoseListResult['connection']): Promise<FirehoseListResult> {
  const names = await listNames(client);
  const problems: FirehoseListResult['problems'] = [];
  const rows = await mapLimit(names, 8, async (name) => {
    try {
      return toRow(await describeStream(client, name));
    } catch (error) {
      problems.push({ name, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  });
  return { connection, streams: rows.filter((r) => r !== undefined), problems };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The S3 member that holds the destination's objects (the backup S3 of HTTP/OpenSearch/Splunk/Redshift). */
function s3Member(kind: DestinationKind, member: Record<string, unknown>): Record<string, unknown> {
  return kind === 'ExtendedS3' || kind === 'S3' ? member : obj(member.S3DestinationDescription);
}

export function toDetail(description: DeliveryStreamDescription): DeliveryStreamDetail {
  const row = toRow(description);
  const found = destinationMember(description);
  const member = found?.member ?? {};
  const s3 = s3Member(row.destination, member);
  const hints = obj(member.BufferingHints);
  const processing = obj(member.ProcessingConfiguration);
  const processors = Array.isArray(processing.Processors) ? (processing.Processors as { Type?: string; Parameters?: { ParameterName?: string; ParameterValue?: string }[] }[]) : [];
  const endpoint = str(obj(member.EndpointConfiguration).Url) ?? str(member.ClusterEndpoint) ?? str(member.DomainARN) ?? str(member.HECEndpoint) ?? str(member.ClusterJDBCURL);
  const bucketArn = str(s3.BucketARN);
  return {
    ...row,
    sourceArn: description.Source?.KinesisStreamSourceDescription?.KinesisStreamARN ?? null,
    destinationId: description.Destinations?.[0]?.DestinationId ?? 'destinationId-000000000001',
    bucket: bucketArn ? bucketArn.replace(/^arn:[^:]*:s3:::/, '') : null,
    prefix: str(s3.Prefix),
    errorPrefix: str(s3.ErrorOutputPrefix),
    buffering: { sizeInMBs: num(hints.SizeInMBs), intervalInSeconds: num(hints.IntervalInSeconds) },
    compression: str(s3.CompressionFormat),
    processors: processors.map((p) => ({ type: p.Type ?? '', parameters: Object.fromEntries((p.Parameters ?? []).map((q) => [q.ParameterName ?? '', q.ParameterValue ?? ''])) })),
    processingEnabled: processing.Enabled === true,
    dynamicPartitioning: obj(member.DynamicPartitioningConfiguration).Enabled === true,
    encryption: description.DeliveryStreamEncryptionConfiguration?.Status ?? 'DISABLED',
    endpoint,
    descriptionJson: JSON.stringify(description, null, 2),
  };
}

/** Describe's members renamed to Create's, recursively (S3DestinationDescription → S3Configuration, …). */
function asConfiguration(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asConfiguration);
  if (value instanceof Date || !value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [RENAMED[k] ?? k, asConfiguration(v)]));
}

/** The delivery core's configuration of a described stream: what the preview runs, as the service would deliver. */
export function pipelineConfig(description: DeliveryStreamDescription, region: string): DeliveryPipelineConfig {
  const found = destinationMember(description);
  if (!found || found.kind === 'Other') throw new RpcError('InvalidArgumentException', 'This delivery stream’s destination (Snowflake, Iceberg, OpenSearch Serverless…) cannot be previewed: it is not emulated.');
  const parsed = DestinationConfiguration.safeParse({ kind: found.kind, config: asConfiguration(found.member) });
  if (!parsed.success) throw new RpcError('InvalidArgumentException', `The destination as described cannot be previewed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const sourceArn = description.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
  return {
    stream: {
      DeliveryStreamName: description.DeliveryStreamName ?? '',
      DeliveryStreamARN: description.DeliveryStreamARN ?? '',
      version: Number(description.VersionId ?? '1') || 1,
      region,
      ...(sourceArn ? { sourceKinesisStreamArn: sourceArn } : {}),
    },
    destination: parsed.data,
  };
}
