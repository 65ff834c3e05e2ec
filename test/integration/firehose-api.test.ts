// The local Firehose API through @aws-sdk/client-firehose against a real engine: every action, AWS's defaults in
// Describe, and AWS's errors for bad names, sizes, counts, versions and Put on a Kinesis-sourced stream.
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  StartDeliveryStreamEncryptionCommand,
  StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
  UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { failure, HANDLERS, start } from '../support/engine-kit';
import { dummyCredentials } from '../support/kinesis';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/firehose`;
const s3 = (bucket = 'lake') => ({ RoleARN: ROLE, BucketARN: `arn:aws:s3:::${bucket}` });

describe.each(HANDLERS)('Firehose API over $name', (handler) => {
  let engine: RunningEngine;
  let fh: FirehoseClient;

  beforeAll(async () => {
    engine = await start();
    fh = new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1, ...(handler.make() ? { requestHandler: handler.make() } : {}) });
  });
  afterAll(async () => {
    fh.destroy();
    await engine.close();
  });

  it('creates a DirectPut stream and describes it with AWS defaults', async () => {
    const created = await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'orders', ExtendedS3DestinationConfiguration: s3() }));
    expect(created.DeliveryStreamARN).toBe(`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/orders`);
    const { DeliveryStreamDescription: d } = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect(d?.DeliveryStreamStatus).toBe('ACTIVE');
    expect(d?.DeliveryStreamType).toBe('DirectPut');
    expect(d?.VersionId).toBe('1');
    expect(d?.HasMoreDestinations).toBe(false);
    expect(d?.DeliveryStreamEncryptionConfiguration).toEqual({ Status: 'DISABLED' });
    expect(d?.CreateTimestamp).toBeInstanceOf(Date);
    const dest = d?.Destinations?.[0];
    expect(dest?.DestinationId).toBe('destinationId-000000000001');
    expect(dest?.S3DestinationDescription).toEqual({
      RoleARN: ROLE,
      BucketARN: 'arn:aws:s3:::lake',
      Prefix: '',
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      CompressionFormat: 'UNCOMPRESSED',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
      CloudWatchLoggingOptions: { Enabled: false },
    });
    expect(dest?.ExtendedS3DestinationDescription).toMatchObject({
      BucketARN: 'arn:aws:s3:::lake',
      S3BackupMode: 'Disabled',
      DataFormatConversionConfiguration: { Enabled: false },
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
    });
  });

  it('refuses bad names, a duplicate, and zero or two destinations with AWS errors', async () => {
    const bad = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'bad name!', S3DestinationConfiguration: s3() })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toBe("1 validation error detected: Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    const long = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'x'.repeat(65), S3DestinationConfiguration: s3() })));
    expect(long.message).toContain('Member must have length less than or equal to 64');
    const none = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'none' })));
    expect(none).toMatchObject({ name: 'InvalidArgumentException', message: 'Exactly one destination configuration is supported for a Firehose' });
    const two = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'two', S3DestinationConfiguration: s3(), ExtendedS3DestinationConfiguration: s3() })));
    expect(two.name).toBe('InvalidArgumentException');
    const dup = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'orders', S3DestinationConfiguration: s3() })));
    expect(dup.name).toBe('ResourceInUseException');
    const missing = await failure(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'nobucket', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: undefined } })));
    expect(missing).toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value null at 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must not be null" });
    const unknown = await failure(fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'ghost' })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', message: `Firehose ghost under account ${ACCOUNT} not found.` });
  });

  it('puts records and batches, with AWS limits on sizes and counts', async () => {
    const one = await fh.send(new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: Buffer.from('abc') } }));
    expect(one.RecordId).toMatch(/^\S{20,}$/);
    expect(one.Encrypted).toBe(false);
    const batch = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'orders', Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }] }));
    expect(batch.FailedPutCount).toBe(0);
    expect(batch.RequestResponses).toHaveLength(2);
    expect(new Set(batch.RequestResponses?.map((r) => r.RecordId)).size).toBe(2);

    const big = await failure(fh.send(new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: Buffer.alloc(1_024_001) } })));
    expect(big.name).toBe('ValidationException');
    expect(big.message).toContain("at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
    const many = await failure(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'orders', Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from('x') })) })));
    expect(many.name).toBe('ValidationException');
    expect(many.message).toContain('Member must have length less than or equal to 500');
    const heavy = await failure(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'orders', Records: Array.from({ length: 5 }, () => ({ Data: Buffer.alloc(1_000_000) })) })));
    expect(heavy).toMatchObject({ name: 'InvalidArgumentException', message: 'Records size exceeds 4 MB limit' });
    const ghost = await failure(fh.send(new PutRecordCommand({ DeliveryStreamName: 'ghost', Record: { Data: Buffer.from('a') } })));
    expect(ghost).toMatchObject({ name: 'ResourceNotFoundException', message: `Firehose ghost under account ${ACCOUNT} not found.` });
  });

  it('refuses Put on a KinesisStreamAsSource stream', async () => {
    await fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'from-kinesis',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/src`, RoleARN: ROLE },
      S3DestinationConfiguration: s3(),
    }));
    const { DeliveryStreamDescription: d } = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'from-kinesis' }));
    expect(d?.Source?.KinesisStreamSourceDescription).toMatchObject({ KinesisStreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/src`, RoleARN: ROLE });
    expect(d?.Source?.KinesisStreamSourceDescription?.DeliveryStartTimestamp).toBeInstanceOf(Date);
    for (const call of [
      fh.send(new PutRecordCommand({ DeliveryStreamName: 'from-kinesis', Record: { Data: Buffer.from('a') } })),
      fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'from-kinesis', Records: [{ Data: Buffer.from('a') }] })),
    ]) {
      expect(await failure(call)).toMatchObject({ name: 'InvalidArgumentException', message: 'This operation is not permitted on KinesisStreamAsSource delivery stream type.' });
    }
    const encrypt = await failure(fh.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'from-kinesis', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } })));
    expect(encrypt.name).toBe('InvalidArgumentException');
  });

  it('lists with Limit, type filter and ExclusiveStartDeliveryStreamName', async () => {
    const all = await fh.send(new ListDeliveryStreamsCommand({}));
    expect(all).toMatchObject({ DeliveryStreamNames: ['from-kinesis', 'orders'], HasMoreDeliveryStreams: false });
    expect(await fh.send(new ListDeliveryStreamsCommand({ Limit: 1 }))).toMatchObject({ DeliveryStreamNames: ['from-kinesis'], HasMoreDeliveryStreams: true });
    expect(await fh.send(new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'from-kinesis' }))).toMatchObject({ DeliveryStreamNames: ['orders'], HasMoreDeliveryStreams: false });
    expect(await fh.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'DirectPut' }))).toMatchObject({ DeliveryStreamNames: ['orders'] });
  });

  it('updates the destination with version checks and merges the same type', async () => {
    const stale = await failure(fh.send(new UpdateDestinationCommand({ DeliveryStreamName: 'orders', CurrentDeliveryStreamVersionId: '7', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'p/' } })));
    expect(stale).toMatchObject({ name: 'ConcurrentModificationException', message: 'Another modification has already happened. Fetch VersionId again and use it to update the destination.' });
    await fh.send(new UpdateDestinationCommand({ DeliveryStreamName: 'orders', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'p/', CompressionFormat: 'GZIP' } }));
    const { DeliveryStreamDescription: d } = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect(d?.VersionId).toBe('2');
    expect(d?.LastUpdateTimestamp).toBeInstanceOf(Date);
    // Merged: the bucket stays, the prefix and the compression change.
    expect(d?.Destinations?.[0]?.ExtendedS3DestinationDescription).toMatchObject({ BucketARN: 'arn:aws:s3:::lake', Prefix: 'p/', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 } });
    const halfHints = await failure(fh.send(new UpdateDestinationCommand({ DeliveryStreamName: 'orders', CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { BufferingHints: { IntervalInSeconds: 60 } } })));
    expect(halfHints.name).toBe('InvalidArgumentException');
    const again = await failure(fh.send(new UpdateDestinationCommand({ DeliveryStreamName: 'orders', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'q/' } })));
    expect(again.name).toBe('ConcurrentModificationException');
    const badVersion = await failure(fh.send(new UpdateDestinationCommand({ DeliveryStreamName: 'orders', CurrentDeliveryStreamVersionId: 'x', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'q/' } })));
    expect(badVersion.name).toBe('ValidationException');
  });

  it('starts and stops encryption, reported by Describe and Put', async () => {
    await fh.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'orders', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }));
    const on = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect(on.DeliveryStreamDescription?.DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: 'AWS_OWNED_CMK', Status: 'ENABLED' });
    expect((await fh.send(new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: Buffer.from('x') } }))).Encrypted).toBe(true);
    await fh.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'orders' }));
    const off = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect(off.DeliveryStreamDescription?.DeliveryStreamEncryptionConfiguration).toEqual({ Status: 'DISABLED' });
  });

  it('tags, lists tags with paging, and untags', async () => {
    await fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'orders', Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }, { Key: 'c' }] }));
    expect(await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders' }))).toMatchObject({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }], HasMoreTags: false });
    expect(await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders', ExclusiveStartTagKey: 'a', Limit: 1 }))).toMatchObject({ Tags: [{ Key: 'b', Value: '2' }], HasMoreTags: true });
    await fh.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: 'orders', TagKeys: ['a', 'c'] }));
    expect((await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const reserved = await failure(fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'orders', Tags: [{ Key: 'aws:x', Value: '1' }] })));
    expect(reserved.name).toBe('InvalidArgumentException');
    const tooMany = await failure(fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'orders', Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    expect(tooMany.name).toBe('LimitExceededException');
  });

  it('deletes streams', async () => {
    await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'from-kinesis' }));
    await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect((await fh.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames).toEqual([]);
    expect((await failure(fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'orders' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('Firehose status transitions', () => {
  it('goes CREATING → ACTIVE after the status delay and refuses Delete while CREATING', async () => {
    const engine = await start({ statusDelayMs: 200 });
    const fh = new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
    try {
      await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'slow', S3DestinationConfiguration: s3() }));
      const first = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'slow' }));
      expect(first.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('CREATING');
      expect((await failure(fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'slow' })))).name).toBe('ResourceInUseException');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const later = await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'slow' }));
      expect(later.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('ACTIVE');
      await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'slow' }));
      expect((await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'slow' }))).DeliveryStreamDescription?.DeliveryStreamStatus).toBe('DELETING');
    } finally {
      fh.destroy();
      await engine.close();
    }
  });
});
