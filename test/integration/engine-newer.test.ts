// The newer actions end to end: UpdateMaxRecordSize (and writes up to the new maximum), warm throughput,
// account settings, resource policies, channels and the record distribution strategy; restarts and errors.
import {
  CreateChannelCommand,
  CreateStreamCommand,
  DeleteChannelCommand,
  DeleteResourcePolicyCommand,
  DescribeAccountSettingsCommand,
  DescribeChannelCommand,
  DescribeLimitsCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetResourcePolicyCommand,
  GetShardIteratorCommand,
  ListChannelsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  PutResourcePolicyCommand,
  UpdateAccountSettingsCommand,
  UpdateChannelCommand,
  UpdateMaxRecordSizeCommand,
  UpdateStreamRecordDistributionStrategyCommand,
  UpdateStreamWarmThroughputCommand,
  type CreateChannelCommandInput,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, registerConsumer, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
const DAY = 24 * 60 * 60 * 1000;
const ROLE = 'arn:aws:iam::123456789012:role/delivery';
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kinesis:GetRecords', Resource: arnOf('big') }] });

function s3Channel(name: string, stream: string): CreateChannelCommandInput {
  return {
    ChannelName: name,
    ServiceExecutionRoleARN: ROLE,
    StreamConfigurationList: [{ StreamARN: arnOf(stream), RecordConfiguration: { RecordFormatType: 'JSON' } }],
    S3DestinationConfiguration: { StorageConfiguration: { BucketARN: 'arn:aws:s3:::bucket', ExpectedBucketOwner: '123456789012', CompressionType: 'GZIP' } },
  };
}

describe.each(HANDLERS)('newer actions over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  let now = Date.now();
  let CONSUMER = '';

  beforeAll(async () => {
    engine = await start({ clock: () => now });
    kinesis = client(engine, handler);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 1 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    CONSUMER = await registerConsumer(kinesis, arnOf('big'), 'app');
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('raises the maximum record size, and writes then accept records up to it', async () => {
    const twoMiB = Buffer.alloc(2 * 1024 * 1024, 7);
    expect(await failure(kinesis.send(new PutRecordCommand({ StreamName: 'big', PartitionKey: 'p', Data: twoMiB })))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=2097152 cap=2097152]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576`,
      status: 400,
    });
    await kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('big'), MaxRecordSizeInKiB: 3072 }));
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'big' }))).StreamDescriptionSummary?.MaxRecordSizeInKiB).toBe(3072);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'big', PartitionKey: 'p', Data: twoMiB }));
    const batch = await kinesis.send(new PutRecordsCommand({ StreamName: 'big', Records: [{ PartitionKey: 'q', Data: twoMiB }] }));
    expect(batch.FailedRecordCount).toBe(0);
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'big', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const read = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    expect(read.Records?.map((r) => r.Data?.length)).toEqual([twoMiB.length, twoMiB.length]);
    expect((await failure(kinesis.send(new PutRecordCommand({ StreamName: 'big', PartitionKey: 'p', Data: Buffer.alloc(3 * 1024 * 1024 + 1) })))).message).toMatch(
      /at 'data' failed to satisfy constraint: Member must have length less than or equal to 3145728$/,
    );
    // A raised maximum raises PutRecords' whole-call cap from 5 to 10 MiB: one record of 6 MiB fits, 11 MiB does not.
    await kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('big'), MaxRecordSizeInKiB: 10240 }));
    const sixMiB = Buffer.alloc(6 * 1024 * 1024, 1);
    expect((await kinesis.send(new PutRecordsCommand({ StreamName: 'big', Records: [{ PartitionKey: 'six', Data: sixMiB }] }))).FailedRecordCount).toBe(0);
    const fiveAndAHalf = Buffer.alloc(5.5 * 1024 * 1024, 2);
    expect(await failure(kinesis.send(new PutRecordsCommand({ StreamName: 'big', Records: [fiveAndAHalf, fiveAndAHalf].map((Data) => ({ PartitionKey: 'half', Data })) })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Records size exceeds 10 MB limit',
      status: 400,
    });
    expect((await failure(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('big'), MaxRecordSizeInKiB: 10241 })))).message).toBe(
      "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
    expect((await failure(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('big'), MaxRecordSizeInKiB: 1023 })))).message).toBe(
      "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024",
    );
    expect((await failure(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('nope'), MaxRecordSizeInKiB: 2048 })))).name).toBe('ResourceNotFoundException');
  });

  it('keeps the account commitment, which warm throughput needs', async () => {
    expect((await kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment).toEqual({ Status: 'DISABLED' });
    expect(await failure(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'od', WarmThroughputMiBps: 100 })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Warm throughput requires MinimumThroughputBillingCommitment to be enabled for the account.',
      status: 400,
    });
    const started = now;
    const enabled = await kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }));
    expect(enabled.MinimumThroughputBillingCommitment).toEqual({ Status: 'ENABLED', StartedAt: new Date(started), EarliestAllowedEndAt: new Date(started + DAY) });

    const warm = await kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamARN: arnOf('od'), WarmThroughputMiBps: 100 }));
    expect(warm).toMatchObject({ StreamARN: arnOf('od'), StreamName: 'od', WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 } });
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary?.WarmThroughput).toEqual({ TargetMiBps: 100, CurrentMiBps: 100 });
    expect((await failure(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'big', WarmThroughputMiBps: 100 })))).message).toBe(
      `Warm throughput is only supported for streams in ON_DEMAND mode; stream big under account ${ACCOUNT} is in PROVISIONED mode.`,
    );
    expect((await failure(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'od', WarmThroughputMiBps: 10241 })))).name).toBe('LimitExceededException');
    expect((await failure(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'od', WarmThroughputMiBps: -1 })))).message).toBe(
      "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );

    // Disabling inside the commitment window keeps it on until the window ends.
    const early = await kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'DISABLED' } }));
    expect(early.MinimumThroughputBillingCommitment).toEqual({
      Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END',
      StartedAt: new Date(started),
      EarliestAllowedEndAt: new Date(started + DAY),
      EndedAt: new Date(started + DAY),
    });
    now += DAY;
    expect((await kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment).toEqual({
      Status: 'DISABLED',
      StartedAt: new Date(started),
      EndedAt: new Date(started + DAY),
    });
    expect((await failure(kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ON' as 'ENABLED' } })))).message).toBe(
      "1 validation error detected: Value 'ON' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
    );
  });

  it('stores, returns and deletes resource policies of streams and consumers', async () => {
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arnOf('big') }))).Policy).toBe('{}');
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf('big'), Policy: POLICY }));
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: CONSUMER, Policy: '{"Version":"2012-10-17"}' }));
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arnOf('big') }))).Policy).toBe(POLICY);
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: CONSUMER }))).Policy).toBe('{"Version":"2012-10-17"}');
    await kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: CONSUMER }));
    await kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: CONSUMER }));
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: CONSUMER }))).Policy).toBe('{}');
    for (const Policy of ['{not json', '[1,2]', 'null']) {
      expect(await failure(kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf('big'), Policy })))).toEqual({
        name: 'InvalidArgumentException',
        message: 'Policy is not a valid JSON policy document.',
        status: 400,
      });
    }
    expect((await failure(kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf('nope'), Policy: POLICY })))).message).toBe(`Stream nope under account ${ACCOUNT} not found.`);
    expect((await failure(kinesis.send(new PutResourcePolicyCommand({ ResourceARN: 'arn:aws:s3:::b', Policy: undefined })))).message).toBe(
      "2 validation errors detected: Value null at 'policy' failed to satisfy constraint: Member must not be null; Value 'arn:aws:s3:::b' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+",
    );
  });

  it('stores the record distribution strategy of on-demand streams', async () => {
    await kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: arnOf('od'), RecordDistributionStrategy: 'AUTO' }));
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary?.RecordDistributionStrategy).toBe('AUTO');
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'od', PartitionKey: 'ignored', Data: Buffer.from('x') }));
    expect(put.SequenceNumber).toMatch(/^\d{56}$/);
    await kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: arnOf('od'), RecordDistributionStrategy: 'USER_PARTITION_KEY' }));
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary?.RecordDistributionStrategy).toBe('USER_PARTITION_KEY');
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'big' }))).StreamDescriptionSummary?.RecordDistributionStrategy).toBeUndefined();
    expect(await failure(kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: arnOf('big'), RecordDistributionStrategy: 'AUTO' })))).toEqual({
      name: 'InvalidArgumentException',
      message: `The record distribution strategy is only supported for streams in ON_DEMAND mode; stream big under account ${ACCOUNT} is in PROVISIONED mode.`,
      status: 400,
    });
    expect((await failure(kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: arnOf('od'), RecordDistributionStrategy: 'RANDOM' as 'AUTO' })))).message).toBe(
      "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]",
    );
  });

  it('creates, describes, lists, updates and deletes channels', async () => {
    const created = (await kinesis.send(new CreateChannelCommand({ ...s3Channel('to-s3', 'od'), Tags: { team: 'data' } }))).ChannelDescription;
    expect(created).toMatchObject({
      ChannelName: 'to-s3',
      ChannelStatus: 'CREATING',
      ServiceExecutionRoleARN: ROLE,
      StreamConfigurationList: [{ StreamARN: arnOf('od'), RecordConfiguration: { RecordFormatType: 'JSON' } }],
      S3DestinationConfiguration: {
        DataFreshnessInSeconds: 300,
        DeadLetterQueueS3Configuration: { BucketARN: 'arn:aws:s3:::bucket', ExpectedBucketOwner: '123456789012', ErrorOutputPrefix: 'error/' },
        StorageConfiguration: { BucketARN: 'arn:aws:s3:::bucket', ExpectedBucketOwner: '123456789012', CompressionType: 'GZIP', StorageClass: 'STANDARD' },
      },
      LoggingConfiguration: { CloudWatchLogs: { Enabled: false } },
    });
    expect(created?.ChannelARN).toBe(`arn:aws:kinesis:us-east-1:${ACCOUNT}:channel/${created?.ChannelId}`);
    expect(created?.StreamConfigurationList?.[0]?.StreamCreationTimestamp).toBeInstanceOf(Date);
    const arn = created?.ChannelARN ?? '';
    expect((await kinesis.send(new DescribeChannelCommand({ ChannelARN: arn }))).ChannelDescription?.ChannelStatus).toBe('ACTIVE');
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary?.ChannelCount).toBe(1);
    expect((await kinesis.send(new DescribeLimitsCommand({}))).ChannelCount).toBe(1);

    const tables = await kinesis.send(
      new CreateChannelCommand({
        ChannelName: 'to-tables',
        ServiceExecutionRoleARN: ROLE,
        StreamConfigurationList: [{ StreamARN: arnOf('od'), RecordConfiguration: { RecordFormatType: 'GSR_JSON', GSRSchemaARN: 'arn:aws:glue:us-east-1:123456789012:schema/r/s' } }],
        S3TablesDestinationConfiguration: {
          DataFreshnessInSeconds: 600,
          DeadLetterQueueS3Configuration: { BucketARN: 'arn:aws:s3:::dlq', ExpectedBucketOwner: '123456789012' },
          S3TablesConfigurationList: [{ TableBucketARN: 'arn:aws:s3tables:us-east-1:123456789012:bucket/t', Namespace: 'ns', TableName: 'events', CompressionType: 'ZSTD', PartitionSpec: { PartitionFields: [{ Transform: 'TIME_HOUR', SourceName: 'ts' }] } }],
        },
        EncryptionConfiguration: { EncryptionType: 'KMS', KeyId: 'alias/mine' },
        LoggingConfiguration: { CloudWatchLogs: { Enabled: true } },
      }),
    );
    const tablesId = tables.ChannelDescription?.ChannelId;
    expect(tables.ChannelDescription?.LoggingConfiguration).toEqual({ CloudWatchLogs: { Enabled: true, LogGroupName: `/aws/kinesis/to-tables/${tablesId}`, LogStreamName: 'DestinationDelivery' } });
    expect(tables.ChannelDescription?.EncryptionConfiguration).toEqual({ EncryptionType: 'KMS', KeyId: 'alias/mine' });

    const page = await kinesis.send(new ListChannelsCommand({ MaxResults: 1 }));
    expect(page.ChannelSummaries?.map((c) => [c.ChannelName, c.ChannelDestinationType, c.ChannelStatus])).toEqual([['to-s3', 'S3', 'ACTIVE']]);
    expect(page.ChannelSummaries?.[0]?.Streams?.[0]?.StreamARN).toBe(arnOf('od'));
    const rest = await kinesis.send(new ListChannelsCommand({ MaxResults: 1, NextToken: page.NextToken }));
    expect(rest.ChannelSummaries?.map((c) => [c.ChannelName, c.ChannelDestinationType])).toEqual([['to-tables', 'S3_TABLES']]);
    expect(rest.NextToken).toBeUndefined();
    expect((await kinesis.send(new ListChannelsCommand({ StreamFilter: [{ StreamARN: arnOf('big') }] }))).ChannelSummaries).toEqual([]);
    expect((await kinesis.send(new ListChannelsCommand({ StreamFilter: [{ StreamARN: arnOf('od') }] }))).ChannelSummaries).toHaveLength(2);

    const updated = await kinesis.send(new UpdateChannelCommand({ ChannelARN: arn, S3DestinationConfiguration: { DataFreshnessInSeconds: 900 }, LoggingConfiguration: { CloudWatchLogs: { Enabled: true, LogGroupName: 'g' } } }));
    expect(updated.ChannelDescription).toMatchObject({ ChannelStatus: 'UPDATING', S3DestinationConfiguration: { DataFreshnessInSeconds: 900 }, LoggingConfiguration: { CloudWatchLogs: { Enabled: true, LogGroupName: 'g', LogStreamName: 'DestinationDelivery' } } });
    expect((await failure(kinesis.send(new UpdateChannelCommand({ ChannelARN: arn, S3TablesDestinationConfiguration: { DataFreshnessInSeconds: 400 } })))).message).toBe(
      'S3TablesDestinationConfiguration can only be updated for a channel with a streaming table destination.',
    );
    expect((await failure(kinesis.send(new UpdateChannelCommand({ ChannelARN: arn, S3DestinationConfiguration: { DataFreshnessInSeconds: 60 } })))).message).toBe(
      'DataFreshnessInSeconds must be between 300 and 900 seconds.',
    );

    await kinesis.send(new DeleteChannelCommand({ ChannelARN: arn }));
    await kinesis.send(new DeleteChannelCommand({ ChannelARN: tables.ChannelDescription?.ChannelARN }));
    expect(await failure(kinesis.send(new DescribeChannelCommand({ ChannelARN: arn })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Channel ${arn} under account ${ACCOUNT} not found.`,
      status: 400,
    });
    expect((await kinesis.send(new ListChannelsCommand({}))).ChannelSummaries).toEqual([]);
  });

  it('refuses bad channels with AWS errors', async () => {
    const both = { ...s3Channel('x', 'od'), S3TablesDestinationConfiguration: { DeadLetterQueueS3Configuration: { BucketARN: 'b', ExpectedBucketOwner: 'o' }, S3TablesConfigurationList: [] } };
    expect((await failure(kinesis.send(new CreateChannelCommand(both)))).message).toBe(
      "1 validation error detected: Value '[]' at 's3TablesDestinationConfiguration.s3TablesConfigurationList' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const neither = { ...s3Channel('x', 'od'), S3DestinationConfiguration: undefined };
    expect(await failure(kinesis.send(new CreateChannelCommand(neither)))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be specified.',
      status: 400,
    });
    expect((await failure(kinesis.send(new CreateChannelCommand(s3Channel('x', 'big'))))).message).toBe(
      `Channels are only supported for streams in ON_DEMAND mode; stream big under account ${ACCOUNT} is in PROVISIONED mode.`,
    );
    expect((await failure(kinesis.send(new CreateChannelCommand(s3Channel('x', 'nope'))))).message).toBe(`Stream nope under account ${ACCOUNT} not found.`);
    expect((await failure(kinesis.send(new CreateChannelCommand({ ...s3Channel('x', 'od'), ServiceExecutionRoleARN: 'role' })))).message).toBe(
      'ServiceExecutionRoleARN role is not a valid IAM role ARN.',
    );
    const gsr = s3Channel('x', 'od');
    gsr.StreamConfigurationList = [{ StreamARN: arnOf('od'), RecordConfiguration: { RecordFormatType: 'GSR_JSON' } }];
    expect((await failure(kinesis.send(new CreateChannelCommand(gsr)))).message).toBe('RecordFormatType GSR_JSON is only supported for streaming table (Amazon S3 Tables) destinations.');
    expect((await failure(kinesis.send(new CreateChannelCommand({ ...s3Channel('x', 'od'), EncryptionConfiguration: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } })))).name).toBe(
      'InvalidArgumentException',
    );
    expect((await failure(kinesis.send(new CreateChannelCommand({ ...s3Channel('bad name', 'od') })))).message).toBe(
      "1 validation error detected: Value 'bad name' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    await kinesis.send(new CreateChannelCommand(s3Channel('dup', 'od')));
    expect(await failure(kinesis.send(new CreateChannelCommand(s3Channel('dup', 'od'))))).toEqual({
      name: 'ResourceInUseException',
      message: `Channel dup under account ${ACCOUNT} already exists.`,
      status: 400,
    });
    expect((await failure(kinesis.send(new DescribeChannelCommand({ ChannelARN: arnOf('od') })))).message).toBe(
      `1 validation error detected: Value '${arnOf('od')}' at 'channelARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+`,
    );
    expect((await failure(kinesis.send(new ListChannelsCommand({ MaxResults: 0 })))).message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});

describe('newer settings across a restart', () => {
  it('keeps record size, warm throughput, account settings, policies and channels', async () => {
    const dir = tempDir('engine');
    let now = Date.now();
    const clock = () => now;
    try {
      const first = await start({ dataDir: dir.path, statusDelayMs: 1000, clock });
      let kinesis = client(first, HANDLERS[1]);
      await kinesis.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 1 }));
      await kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
      now += 2000;
      await kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arnOf('big'), MaxRecordSizeInKiB: 10240 }));
      await kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }));
      await kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'od', WarmThroughputMiBps: 64 }));
      now += 2000;
      await kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: arnOf('od'), RecordDistributionStrategy: 'AUTO' }));
      await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf('big'), Policy: POLICY }));
      const CONSUMER = await registerConsumer(kinesis, arnOf('big'), 'app');
      await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: CONSUMER, Policy: '{}' }));
      const channel = (await kinesis.send(new CreateChannelCommand(s3Channel('keep', 'od')))).ChannelDescription;
      expect(channel?.ChannelStatus).toBe('CREATING');
      kinesis.destroy();
      await first.close();

      now += 2000;
      const second = await start({ dataDir: dir.path, statusDelayMs: 1000, clock });
      kinesis = client(second, HANDLERS[1]);
      expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'big' }))).StreamDescriptionSummary).toMatchObject({ MaxRecordSizeInKiB: 10240, StreamStatus: 'ACTIVE' });
      expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary).toMatchObject({
        WarmThroughput: { TargetMiBps: 64, CurrentMiBps: 64 },
        RecordDistributionStrategy: 'AUTO',
        ChannelCount: 1,
      });
      expect((await kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment?.Status).toBe('ENABLED');
      expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arnOf('big') }))).Policy).toBe(POLICY);
      expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: CONSUMER }))).Policy).toBe('{}');
      const described = (await kinesis.send(new DescribeChannelCommand({ ChannelARN: channel?.ChannelARN }))).ChannelDescription;
      expect(described).toMatchObject({ ChannelName: 'keep', ChannelStatus: 'ACTIVE', ChannelId: channel?.ChannelId });
      await kinesis.send(new DeleteChannelCommand({ ChannelARN: channel?.ChannelARN }));
      expect((await kinesis.send(new DescribeChannelCommand({ ChannelARN: channel?.ChannelARN }))).ChannelDescription?.ChannelStatus).toBe('DELETING');
      expect((await failure(kinesis.send(new UpdateChannelCommand({ ChannelARN: channel?.ChannelARN, S3DestinationConfiguration: { DataFreshnessInSeconds: 400 } })))).name).toBe(
        'ResourceInUseException',
      );
      now += 2000;
      expect((await kinesis.send(new ListChannelsCommand({}))).ChannelSummaries).toEqual([]);
      kinesis.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});
