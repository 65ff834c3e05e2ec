import { RESOURCE_NAME_MAX_LENGTH, RESOURCE_NAME_PATTERN } from '../../../../shared/domain/resourceNames';
import { randomUUID } from 'node:crypto';
import { defineAction } from '../kinesis';
import { streamArn, tagKey, tagValue } from '../streams/commonRules';
import { channelDescription, FRESHNESS, settleChannel, type ChannelConfig } from '../resources/channels';
import { invalidArgument, inUse } from '../../core/errors';
import { t } from '../../core/rules';
import { checkTagPattern, MAX_TAGS_PER_RESOURCE } from '../resources/tagging';

const required = { required: true } as const;
const bucket = t.struct({ BucketARN: t.string(required), ExpectedBucketOwner: t.string(required), ErrorOutputPrefix: t.string() });

export const channelNameRule = t.string({ min: 1, max: RESOURCE_NAME_MAX_LENGTH, pattern: RESOURCE_NAME_PATTERN, required: true });
export const channelArnRule = t.string({ min: 1, max: 2048, pattern: 'arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+', required: true });
export const freshnessRule = t.integer();
export const cloudWatchLogsRule = t.struct({ Enabled: t.boolean(required), LogGroupName: t.string(), LogStreamName: t.string() }, required);

export const rules = t.struct({
  ChannelName: channelNameRule,
  ServiceExecutionRoleARN: t.string({ min: 1, max: 2048, required: true }),
  StreamConfigurationList: t.list(
    t.struct({
      StreamARN: { ...streamArn, required: true as const },
      RecordConfiguration: t.struct({ RecordFormatType: t.enum(['GSR_JSON', 'JSON', 'STRING', 'BYTE_ARRAY'], required), GSRSchemaARN: t.string() }, required),
    }),
    { min: 1, required: true },
  ),
  S3DestinationConfiguration: t.struct({
    DataFreshnessInSeconds: freshnessRule,
    DeadLetterQueueS3Configuration: bucket,
    StorageConfiguration: t.struct(
      {
        BucketARN: t.string(required),
        ExpectedBucketOwner: t.string(required),
        OutputKeyTemplate: t.string(),
        StorageClass: t.enum(['STANDARD', 'INTELLIGENT_TIERING', 'GLACIER_IR']),
        CompressionType: t.enum(['NONE', 'GZIP', 'ZSTD'], required),
      },
      required,
    ),
  }),
  S3TablesDestinationConfiguration: t.struct({
    DataFreshnessInSeconds: freshnessRule,
    DeadLetterQueueS3Configuration: { ...bucket, required: true as const },
    S3TablesConfigurationList: t.list(
      t.struct({
        TableBucketARN: t.string(required),
        Namespace: t.string(required),
        TableName: t.string(required),
        CompressionType: t.enum(['NONE', 'ZSTD', 'SNAPPY'], required),
        PartitionSpec: t.struct({ PartitionFields: t.list(t.struct({ Transform: t.enum(['TIME_HOUR'], required), SourceName: t.string(required) }), required) }),
      }),
      { min: 1, required: true },
    ),
  }),
  EncryptionConfiguration: t.struct({ EncryptionType: t.enum(['KMS'], required), KeyId: t.string({ min: 1, max: 2048, required: true }) }),
  Tags: t.map(tagKey, tagValue, { min: 1, max: 200 }),
  LoggingConfiguration: t.struct({ CloudWatchLogs: cloudWatchLogsRule }),
});

const ROLE_ARN = /^arn:aws[^:]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export function checkFreshness(seconds: number | undefined): void {
  if (seconds !== undefined && (seconds < FRESHNESS.min || seconds > FRESHNESS.max)) {
    throw invalidArgument(`DataFreshnessInSeconds must be between ${FRESHNESS.min} and ${FRESHNESS.max} seconds.`);
  }
}

/** Logging as described: log group and stream default to /aws/kinesis/{channelName}/{channelId} and DestinationDelivery. */
export function loggingOut(logs: { Enabled: boolean; LogGroupName?: string; LogStreamName?: string } | undefined, name: string, channelId: string) {
  if (!logs?.Enabled) return { CloudWatchLogs: { Enabled: false, ...(logs?.LogGroupName ? { LogGroupName: logs.LogGroupName } : {}), ...(logs?.LogStreamName ? { LogStreamName: logs.LogStreamName } : {}) } };
  return { CloudWatchLogs: { Enabled: true, LogGroupName: logs.LogGroupName ?? `/aws/kinesis/${name}/${channelId}`, LogStreamName: logs.LogStreamName ?? 'DestinationDelivery' } };
}

export const CreateChannel = defineAction('CreateChannel', rules, (ctx, input) => {
  const s3 = input.S3DestinationConfiguration;
  const tables = input.S3TablesDestinationConfiguration;
  if ((s3 === undefined) === (tables === undefined)) {
    throw invalidArgument('Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be specified.');
  }
  if (input.StreamConfigurationList.length > 1) throw invalidArgument('Only one stream configuration is supported per channel.');
  if (tables && tables.S3TablesConfigurationList.length > 1) throw invalidArgument('Only one table configuration is supported per channel.');
  if (!ROLE_ARN.test(input.ServiceExecutionRoleARN)) throw invalidArgument(`ServiceExecutionRoleARN ${input.ServiceExecutionRoleARN} is not a valid IAM role ARN.`);
  checkFreshness(s3?.DataFreshnessInSeconds ?? tables?.DataFreshnessInSeconds);
  const keyId = input.EncryptionConfiguration?.KeyId;
  if (keyId === 'aws/kinesis' || keyId === 'alias/aws/kinesis') {
    throw invalidArgument('The Amazon Kinesis Data Streams service key (aws/kinesis) cannot be used to encrypt channel data. Specify a customer managed key.');
  }
  if (input.Tags) checkTagPattern([...Object.keys(input.Tags), ...Object.values(input.Tags)]);
  if (input.Tags && Object.keys(input.Tags).length > MAX_TAGS_PER_RESOURCE) {
    throw invalidArgument(`A channel cannot have more than ${MAX_TAGS_PER_RESOURCE} tags associated with it.`);
  }
  const [source] = input.StreamConfigurationList;
  if (!source) throw invalidArgument('StreamConfigurationList must contain one stream configuration.');
  const format = source.RecordConfiguration.RecordFormatType;
  if (tables && (format === 'STRING' || format === 'BYTE_ARRAY')) {
    throw invalidArgument(`RecordFormatType ${format} is only supported for general purpose Amazon S3 destinations.`);
  }
  if (s3 && format === 'GSR_JSON') throw invalidArgument('RecordFormatType GSR_JSON is only supported for streaming table (Amazon S3 Tables) destinations.');
  if (tables && source.RecordConfiguration.GSRSchemaARN === undefined) {
    throw invalidArgument('GSRSchemaARN is required when the channel destination is a streaming table.');
  }
  const stream = ctx.kinesis.resolveStream(ctx, { StreamARN: source.StreamARN });
  ctx.kinesis.requireActive(stream);
  if (stream.mode !== 'ON_DEMAND') {
    throw invalidArgument(`Channels are only supported for streams in ON_DEMAND mode; stream ${stream.name} under account ${ctx.accountId} is in ${stream.mode} mode.`);
  }
  const store = ctx.kinesis.resources;
  const existing = store.channelByName(ctx.region, input.ChannelName);
  if (existing && settleChannel(ctx, existing)) throw inUse(`Channel ${input.ChannelName} under account ${ctx.accountId} already exists.`);

  const channelId = randomUUID();
  const arn = stream.arn.replace(/:stream\/.*$/, `:channel/${channelId}`).replace(/:kinesis:[^:]*:/, `:kinesis:${ctx.region}:`);
  const config: ChannelConfig = {
    ServiceExecutionRoleARN: input.ServiceExecutionRoleARN,
    Streams: [{ StreamARN: stream.arn, StreamCreatedMs: stream.createdMs, RecordConfiguration: source.RecordConfiguration }],
    LoggingConfiguration: loggingOut(input.LoggingConfiguration?.CloudWatchLogs, input.ChannelName, channelId),
  };
  if (s3) {
    const storage = { StorageClass: 'STANDARD', ...s3.StorageConfiguration };
    config.S3DestinationConfiguration = {
      DataFreshnessInSeconds: s3.DataFreshnessInSeconds ?? FRESHNESS.default,
      // Without a dead-letter queue, errors go to the destination bucket under an error prefix.
      DeadLetterQueueS3Configuration: s3.DeadLetterQueueS3Configuration ?? { BucketARN: storage.BucketARN, ExpectedBucketOwner: storage.ExpectedBucketOwner, ErrorOutputPrefix: 'error/' },
      StorageConfiguration: storage,
    };
  }
  if (tables) config.S3TablesDestinationConfiguration = { ...tables, DataFreshnessInSeconds: tables.DataFreshnessInSeconds ?? FRESHNESS.default };
  if (input.EncryptionConfiguration) config.EncryptionConfiguration = input.EncryptionConfiguration;
  if (input.Tags) config.Tags = input.Tags;

  const row = store.transaction(() => {
    if (existing) store.deleteChannel(existing.id);
    const row = {
      region: ctx.region,
      name: input.ChannelName,
      channelId,
      arn,
      status: 'CREATING',
      statusDueMs: ctx.now + ctx.config.createDelayMs,
      createdMs: ctx.now,
      streamArn: stream.arn,
      config: config as unknown as Record<string, unknown>,
    };
    return { ...row, id: store.insertChannel(row) };
  });
  return { ChannelDescription: channelDescription(ctx, row) };
});

