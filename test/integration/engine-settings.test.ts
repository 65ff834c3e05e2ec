// Stream settings end to end: encryption, capacity mode, enhanced monitoring and DescribeLimits, with the
// UPDATING transition, what DescribeStream/DescribeStreamSummary then show, restarts and AWS's error paths.
import {
  CreateStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  PutRecordCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  UpdateStreamModeCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012';
const ALL = ['IncomingBytes', 'IncomingRecords', 'OutgoingBytes', 'OutgoingRecords', 'WriteProvisionedThroughputExceeded', 'ReadProvisionedThroughputExceeded', 'IteratorAgeMilliseconds'];

describe.each(HANDLERS)('stream settings over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ shardLimit: 40 });
    kinesis = client(engine, handler);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'enc', ShardCount: 2 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'mon', ShardCount: 1 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'mode', ShardCount: 3 }));
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('starts and stops KMS encryption, visible in describe and in writes', async () => {
    for (const KeyId of ['alias/aws/kinesis', KEY_ARN, '12345678-1234-1234-1234-123456789012', 'arn:aws:kms:eu-west-1:123456789012:alias/Mine', 'mrk-1234abcd12ab34cd56ef1234567890ab']) {
      await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'enc', EncryptionType: 'KMS', KeyId }));
      const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'enc' }));
      expect(d).toMatchObject({ EncryptionType: 'KMS', KeyId, StreamStatus: 'ACTIVE' });
    }
    const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arnOf('enc') }));
    expect(s).toMatchObject({ EncryptionType: 'KMS', KeyId: 'mrk-1234abcd12ab34cd56ef1234567890ab' });
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'enc', PartitionKey: 'p', Data: Buffer.from('x') }));
    expect(put.EncryptionType).toBe('KMS');
    await kinesis.send(new StopStreamEncryptionCommand({ StreamARN: arnOf('enc'), EncryptionType: 'KMS', KeyId: KEY_ARN }));
    const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'enc' }));
    expect(d?.EncryptionType).toBe('NONE');
    expect(d?.KeyId).toBeUndefined();
  });

  it('refuses bad encryption requests with AWS errors', async () => {
    expect(await failure(kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'enc', EncryptionType: 'KMS', KeyId: 'not a key' })))).toEqual({
      name: 'KMSNotFoundException',
      message: 'Invalid keyId not a key',
      status: 400,
    });
    expect(await failure(kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'enc', EncryptionType: 'NONE', KeyId: KEY_ARN })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Encryption type NONE is not valid for this operation. The only valid value is KMS.',
      status: 400,
    });
    expect((await failure(kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'nope', EncryptionType: 'KMS', KeyId: KEY_ARN })))).message).toBe(
      `Stream nope under account ${ACCOUNT} not found.`,
    );
    expect((await failure(kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'enc', EncryptionType: 'AES' as 'KMS', KeyId: '' })))).message).toBe(
      "2 validation errors detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]; Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await failure(kinesis.send(new StopStreamEncryptionCommand({ StreamName: 'enc', EncryptionType: undefined, KeyId: undefined })))).message).toBe(
      "2 validation errors detected: Value null at 'encryptionType' failed to satisfy constraint: Member must not be null; Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });

  it('enables and disables shard-level metrics, ALL included', async () => {
    const on = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: ['OutgoingBytes', 'IncomingBytes'] }));
    expect(on).toMatchObject({ StreamName: 'mon', StreamARN: arnOf('mon'), CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'] });
    const all = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamARN: arnOf('mon'), ShardLevelMetrics: ['ALL'] }));
    expect(all.CurrentShardLevelMetrics).toEqual(['IncomingBytes', 'OutgoingBytes']);
    expect(all.DesiredShardLevelMetrics).toEqual(ALL);
    const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'mon' }));
    expect(d?.EnhancedMonitoring).toEqual([{ ShardLevelMetrics: ALL }]);
    const off = await kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: ['IncomingBytes', 'IteratorAgeMilliseconds'] }));
    expect(off.DesiredShardLevelMetrics).toEqual(ALL.filter((m) => m !== 'IncomingBytes' && m !== 'IteratorAgeMilliseconds'));
    const none = await kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: ['ALL'] }));
    expect(none.DesiredShardLevelMetrics).toEqual([]);
    const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mon' }));
    expect(s?.EnhancedMonitoring).toEqual([{ ShardLevelMetrics: [] }]);
  });

  it('validates shard-level metrics in AWS format', async () => {
    expect((await failure(kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: ['Bytes' as 'ALL'] })))).message).toBe(
      "1 validation error detected: Value 'Bytes' at 'shardLevelMetrics.1.member' failed to satisfy constraint: Member must satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]",
    );
    expect((await failure(kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: [] })))).message).toBe(
      "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await failure(kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'mon', ShardLevelMetrics: [...ALL, 'ALL'] as 'ALL'[] })))).message).toMatch(
      /^1 validation error detected: Value '\[IncomingBytes, .*, ALL\]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length less than or equal to 7$/,
    );
  });

  it('switches capacity mode both ways, keeping the shards, at most twice a day', async () => {
    await kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('mode'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    let s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mode' }))).StreamDescriptionSummary;
    expect(s).toMatchObject({ StreamModeDetails: { StreamMode: 'ON_DEMAND' }, OpenShardCount: 3, RecordDistributionStrategy: 'USER_PARTITION_KEY', StreamStatus: 'ACTIVE' });
    expect((await kinesis.send(new DescribeStreamCommand({ StreamName: 'mode' }))).StreamDescription?.StreamModeDetails).toEqual({ StreamMode: 'ON_DEMAND' });
    expect(await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('mode'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } })))).toEqual({
      name: 'InvalidArgumentException',
      message: `Stream mode under account ${ACCOUNT} is already in ON_DEMAND mode.`,
      status: 400,
    });
    await kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('mode'), StreamModeDetails: { StreamMode: 'PROVISIONED' } }));
    s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mode' }))).StreamDescriptionSummary;
    expect(s?.StreamModeDetails?.StreamMode).toBe('PROVISIONED');
    expect(s?.RecordDistributionStrategy).toBeUndefined();
    expect(await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('mode'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } })))).toEqual({
      name: 'LimitExceededException',
      message: `Stream mode under account ${ACCOUNT} has already switched capacity mode 2 times in the last 24 hours.`,
      status: 400,
    });
  });

  it('refuses bad mode updates with AWS errors', async () => {
    expect((await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('enc'), StreamModeDetails: { StreamMode: 'PROVISIONED' }, WarmThroughputMiBps: 10 })))).message).toBe(
      `Stream enc under account ${ACCOUNT} is already in PROVISIONED mode.`,
    );
    expect(await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('enc'), StreamModeDetails: { StreamMode: 'ON_DEMAND' }, WarmThroughputMiBps: 10 })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'WarmThroughputMiBps requires MinimumThroughputBillingCommitment to be enabled for the account.',
      status: 400,
    });
    expect((await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('nope'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } })))).name).toBe('ResourceNotFoundException');
    expect((await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: undefined, StreamModeDetails: undefined })))).message).toBe(
      "2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null; Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null",
    );
    expect((await failure(kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('enc'), StreamModeDetails: { StreamMode: 'FAST' as 'ON_DEMAND' }, WarmThroughputMiBps: -1 })))).message).toBe(
      "2 validation errors detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]; Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });

  it('describes the limits of the account in the region', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const limits = await kinesis.send(new DescribeLimitsCommand({}));
    expect(limits).toMatchObject({ ShardLimit: 40, OpenShardCount: 2 + 1 + 3 + 4, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 50, ChannelCount: 0 });
    const other = client(engine, handler, 'eu-west-1');
    expect(await other.send(new DescribeLimitsCommand({}))).toMatchObject({ ShardLimit: 40, OpenShardCount: 0, OnDemandStreamCount: 0 });
    other.destroy();
  });
});

describe('stream settings with status delays', () => {
  it('goes UPDATING, refuses a second change until ACTIVE, and keeps settings across a restart', async () => {
    const dir = tempDir('engine');
    let now = Date.now();
    const first = await start({ dataDir: dir.path, statusDelayMs: 60_000, clock: () => now });
    let kinesis = client(first, HANDLERS[0]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'slow', ShardCount: 1 }));
      now += 61_000;
      await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'slow', EncryptionType: 'KMS', KeyId: KEY_ARN }));
      const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'slow' }));
      expect(d).toMatchObject({ StreamStatus: 'UPDATING', EncryptionType: 'KMS', KeyId: KEY_ARN });
      expect(await failure(kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'slow', ShardLevelMetrics: ['ALL'] })))).toEqual({
        name: 'ResourceInUseException',
        message: `Stream slow under account ${ACCOUNT} not ACTIVE, instead in state UPDATING`,
        status: 400,
      });
      kinesis.destroy();
      await first.close();

      // A restart completes pending transitions and keeps what was set.
      const second = await start({ dataDir: dir.path, statusDelayMs: 0 });
      kinesis = client(second, HANDLERS[0]);
      await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'slow', ShardLevelMetrics: ['IncomingRecords'] }));
      await kinesis.send(new UpdateStreamModeCommand({ StreamARN: arnOf('slow'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
      kinesis.destroy();
      await second.close();

      const third = await start({ dataDir: dir.path, statusDelayMs: 0 });
      kinesis = client(third, HANDLERS[0]);
      const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'slow' }));
      expect(s).toMatchObject({
        StreamStatus: 'ACTIVE',
        EncryptionType: 'KMS',
        KeyId: KEY_ARN,
        EnhancedMonitoring: [{ ShardLevelMetrics: ['IncomingRecords'] }],
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      });
      kinesis.destroy();
      await third.close();
    } finally {
      dir.remove();
    }
  });
});
