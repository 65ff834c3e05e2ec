// Channels (delivery from a stream to S3 or S3 Tables): stored configuration, status transitions that settle
// on access (CREATING/UPDATING -> ACTIVE, DELETING -> gone, after the engine's status delays), and the
// shapes DescribeChannel/ListChannels return. Nothing is delivered: a local engine has no S3.
import type { ChannelRow } from '../../../storage/resourceStore';
import type { KinesisContext } from '../kinesis';
import { notFound } from '../../core/errors';

export interface ChannelStreamConfig {
  StreamARN: string;
  StreamCreatedMs: number;
  RecordConfiguration: { RecordFormatType: string; GSRSchemaARN?: string };
}

/** What a channel row's config JSON holds. */
export interface ChannelConfig {
  ServiceExecutionRoleARN: string;
  Streams: ChannelStreamConfig[];
  S3DestinationConfiguration?: Record<string, unknown>;
  S3TablesDestinationConfiguration?: Record<string, unknown>;
  EncryptionConfiguration?: { EncryptionType: string; KeyId: string };
  LoggingConfiguration: { CloudWatchLogs: { Enabled: boolean; LogGroupName?: string; LogStreamName?: string } };
  Tags?: Record<string, string>;
}

export function configOf(row: ChannelRow): ChannelConfig {
  return row.config as unknown as ChannelConfig;
}

/** The channel with any due transition applied; undefined once a deletion has completed. */
export function settleChannel(ctx: KinesisContext, row: ChannelRow): ChannelRow | undefined {
  if (row.statusDueMs === null || row.statusDueMs > ctx.now) return row;
  const store = ctx.kinesis.resources;
  if (row.status === 'DELETING') {
    store.deleteChannel(row.id);
    return undefined;
  }
  store.updateChannel(row.id, 'ACTIVE', null, row.config);
  return { ...row, status: 'ACTIVE', statusDueMs: null };
}

/** The channels that still exist once due transitions are applied. */
export function liveChannels(ctx: KinesisContext, rows: readonly ChannelRow[]): ChannelRow[] {
  return rows.map((row) => settleChannel(ctx, row)).filter((row): row is ChannelRow => row !== undefined);
}

/** The channel by ARN, in the caller's account, or ResourceNotFoundException. */
export function findChannel(ctx: KinesisContext, arn: string): ChannelRow {
  const row = ctx.kinesis.resources.channelByArn(arn);
  const channel = row && settleChannel(ctx, row);
  if (!channel) throw notFound(`Channel ${arn} under account ${ctx.accountId} not found.`);
  return channel;
}

/** Puts the channel in a transitional status that settles after delayMs (0 settles on the next access). */
export function beginChannelTransition(ctx: KinesisContext, row: ChannelRow, status: 'CREATING' | 'UPDATING' | 'DELETING', delayMs: number, config = row.config): ChannelRow {
  const due = ctx.now + delayMs;
  ctx.kinesis.resources.updateChannel(row.id, status, due, config);
  return { ...row, status, statusDueMs: due, config };
}

/** How many existing channels read from the stream (DescribeStreamSummary's ChannelCount). */
export function channelCountOf(ctx: KinesisContext, streamArn: string, region: string): number {
  return liveChannels(ctx, ctx.kinesis.resources.channelsIn(region)).filter((row) => row.streamArn === streamArn).length;
}

export function channelDescription(ctx: KinesisContext, row: ChannelRow): Record<string, unknown> {
  const config = configOf(row);
  const out: Record<string, unknown> = {
    ChannelName: row.name,
    ChannelARN: row.arn,
    ChannelId: row.channelId,
    ChannelStatus: row.status,
    ChannelCreationTimestamp: ctx.wire.time(row.createdMs),
    ServiceExecutionRoleARN: config.ServiceExecutionRoleARN,
    StreamConfigurationList: config.Streams.map((s) => ({
      StreamARN: s.StreamARN,
      StreamCreationTimestamp: ctx.wire.time(s.StreamCreatedMs),
      RecordConfiguration: s.RecordConfiguration,
    })),
  };
  if (config.S3DestinationConfiguration) out.S3DestinationConfiguration = config.S3DestinationConfiguration;
  if (config.S3TablesDestinationConfiguration) out.S3TablesDestinationConfiguration = config.S3TablesDestinationConfiguration;
  if (config.EncryptionConfiguration) out.EncryptionConfiguration = config.EncryptionConfiguration;
  out.LoggingConfiguration = config.LoggingConfiguration;
  return out;
}

export function channelSummary(ctx: KinesisContext, row: ChannelRow): Record<string, unknown> {
  const config = configOf(row);
  return {
    ChannelName: row.name,
    ChannelARN: row.arn,
    ChannelId: row.channelId,
    ChannelStatus: row.status,
    ChannelCreationTimestamp: ctx.wire.time(row.createdMs),
    ChannelDestinationType: config.S3TablesDestinationConfiguration ? 'S3_TABLES' : 'S3',
    Streams: config.Streams.map((s) => ({ StreamARN: s.StreamARN, StreamCreationTimestamp: ctx.wire.time(s.StreamCreatedMs) })),
  };
}

/** AWS documents a data freshness of 300 to 900 seconds; 300 is the default. */
export const FRESHNESS = { min: 300, max: 900, default: 300 };
