// Streams actions end to end: real engine, real SQLite, real HTTP server, the real SDK over HTTP/2 and HTTP/1.1.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  waitUntilStreamExists,
  waitUntilStreamNotExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, raw, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';

describe.each(HANDLERS)('streams over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ shardLimit: 50 });
    kinesis = client(engine, handler);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('creates a provisioned stream with even hash ranges and describes it', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 3 }));
    const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'orders' }));
    expect(d?.StreamName).toBe('orders');
    expect(d?.StreamARN).toBe(`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/orders`);
    expect(d?.StreamStatus).toBe('ACTIVE');
    expect(d?.StreamModeDetails?.StreamMode).toBe('PROVISIONED');
    expect(d?.RetentionPeriodHours).toBe(24);
    expect(d?.EncryptionType).toBe('NONE');
    expect(d?.EnhancedMonitoring).toEqual([{ ShardLevelMetrics: [] }]);
    expect(d?.HasMoreShards).toBe(false);
    expect(d?.StreamCreationTimestamp).toBeInstanceOf(Date);
    expect(Math.abs((d?.StreamCreationTimestamp?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(d?.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    expect(d?.Shards?.[0]?.HashKeyRange).toEqual({ StartingHashKey: '0', EndingHashKey: '113427455640312821154458202477256070484' });
    expect(d?.Shards?.[2]?.HashKeyRange?.EndingHashKey).toBe('340282366920938463463374607431768211455');
    for (const shard of d?.Shards ?? []) {
      expect(shard.SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{56}$/);
      expect(shard.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
      expect(shard.ParentShardId).toBeUndefined();
    }
  });

  it('pages DescribeStream shards with Limit and ExclusiveStartShardId', async () => {
    const first = await kinesis.send(new DescribeStreamCommand({ StreamName: 'orders', Limit: 2 }));
    expect(first.StreamDescription?.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(first.StreamDescription?.HasMoreShards).toBe(true);
    const next = await kinesis.send(new DescribeStreamCommand({ StreamName: 'orders', Limit: 2, ExclusiveStartShardId: 'shardId-000000000001' }));
    expect(next.StreamDescription?.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000002']);
    expect(next.StreamDescription?.HasMoreShards).toBe(false);
  });

  it('summarizes a stream addressed by ARN', async () => {
    const arn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/orders`;
    const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn }));
    expect(s).toMatchObject({ StreamName: 'orders', StreamARN: arn, StreamStatus: 'ACTIVE', OpenShardCount: 3, ConsumerCount: 0, RetentionPeriodHours: 24, EncryptionType: 'NONE' });
    expect(s?.StreamModeDetails).toEqual({ StreamMode: 'PROVISIONED' });
    const both = await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn, StreamName: 'orders' }));
    expect(both.StreamDescriptionSummary?.StreamName).toBe('orders');
  });

  it('creates an ON_DEMAND stream with 4 shards', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'ondemand', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'ondemand' }));
    expect(s?.StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
    expect(s?.OpenShardCount).toBe(4);
  });

  it('refuses a stream that exists, with ResourceInUseException', async () => {
    const error = await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 })));
    expect(error).toEqual({ name: 'ResourceInUseException', message: `Stream orders under account ${ACCOUNT} already exists.`, status: 400 });
  });

  it('raises ResourceNotFoundException for an unknown stream', async () => {
    const error = await failure(kinesis.send(new DescribeStreamCommand({ StreamName: 'nope' })));
    expect(error).toEqual({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.`, status: 400 });
    const summary = await failure(kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/nope` })));
    expect(summary.name).toBe('ResourceNotFoundException');
    const del = await failure(kinesis.send(new DeleteStreamCommand({ StreamName: 'nope' })));
    expect(del.message).toBe(`Stream nope under account ${ACCOUNT} not found.`);
  });

  it('wants a stream name or ARN', async () => {
    const error = await failure(kinesis.send(new DescribeStreamSummaryCommand({})));
    expect(error).toEqual({ name: 'InvalidArgumentException', message: 'Either StreamName or StreamARN must be provided.', status: 400 });
  });

  it('validates input in AWS format', async () => {
    expect(await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'bad name!', ShardCount: 1 })))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      status: 400,
    });
    expect((await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'x', ShardCount: 0 })))).message).toBe(
      "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect((await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'x' })))).message).toBe(
      "1 validation error detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null",
    );
    expect((await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'a'.repeat(129), ShardCount: 0 })))).message).toBe(
      `2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '${'a'.repeat(129)}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    expect((await failure(kinesis.send(new DescribeStreamCommand({ StreamName: 'orders', Limit: 10001 })))).message).toBe(
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    expect((await failure(kinesis.send(new ListStreamsCommand({ Limit: 0 })))).message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('enforces the account shard limit with LimitExceededException', async () => {
    const error = await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'huge', ShardCount: 44 })));
    expect(error.name).toBe('LimitExceededException');
    expect(error.message).toBe(
      `This request would exceed the shard limit for the account ${ACCOUNT} in us-east-1. Current shard count for the account: 7. Limit: 50. ` +
        'Number of additional shards that would have resulted from this request: 44. Refer to the AWS Service Limits page ' +
        '(https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
    );
  });

  it('pages ListStreams with Limit, NextToken and ExclusiveStartStreamName', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const all = await kinesis.send(new ListStreamsCommand({}));
    expect(all.StreamNames).toEqual(['ondemand', 'orders', 'page-a', 'page-b', 'page-c']);
    expect(all.HasMoreStreams).toBe(false);
    expect(all.NextToken).toBeUndefined();
    expect(all.StreamSummaries?.[1]).toMatchObject({ StreamName: 'orders', StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/orders`, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' } });
    expect(all.StreamSummaries?.[1]?.StreamCreationTimestamp).toBeInstanceOf(Date);

    const first = await kinesis.send(new ListStreamsCommand({ Limit: 2 }));
    expect(first.StreamNames).toEqual(['ondemand', 'orders']);
    expect(first.HasMoreStreams).toBe(true);
    expect(first.NextToken).toBeTypeOf('string');
    const second = await kinesis.send(new ListStreamsCommand({ Limit: 2, NextToken: first.NextToken }));
    expect(second.StreamNames).toEqual(['page-a', 'page-b']);
    const third = await kinesis.send(new ListStreamsCommand({ Limit: 2, NextToken: second.NextToken }));
    expect(third.StreamNames).toEqual(['page-c']);
    expect(third.HasMoreStreams).toBe(false);

    const after = await kinesis.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'page-a' }));
    expect(after.StreamNames).toEqual(['page-b', 'page-c']);

    const bad = await failure(kinesis.send(new ListStreamsCommand({ NextToken: 'bm90IGEgdG9rZW4=' })));
    expect(bad).toEqual({ name: 'InvalidArgumentException', message: 'Invalid NextToken.', status: 400 });
  });

  it('keeps streams per region', async () => {
    const west = client(engine, handler, 'eu-west-1');
    try {
      await west.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 }));
      const { StreamDescriptionSummary: s } = await west.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }));
      expect(s?.StreamARN).toBe(`arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/orders`);
      expect(s?.OpenShardCount).toBe(1);
      expect((await west.send(new ListStreamsCommand({}))).StreamNames).toEqual(['orders']);
    } finally {
      west.destroy();
    }
  });

  it('deletes a stream', async () => {
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'page-c' }));
    const error = await failure(kinesis.send(new DescribeStreamCommand({ StreamName: 'page-c' })));
    expect(error.name).toBe('ResourceNotFoundException');
    await kinesis.send(new CreateStreamCommand({ StreamName: 'page-c', ShardCount: 1 }));
  });
});

describe('status transitions with delays', () => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  beforeAll(async () => {
    engine = await start({ statusDelayMs: 300 });
    kinesis = client(engine, HANDLERS[0]);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('goes CREATING → ACTIVE and DELETING → gone', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'slow', ShardCount: 2 }));
    const creating = await kinesis.send(new DescribeStreamCommand({ StreamName: 'slow' }));
    expect(creating.StreamDescription?.StreamStatus).toBe('CREATING');
    expect(creating.StreamDescription?.Shards).toEqual([]);
    const busy = await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'slow', ShardCount: 2 })));
    expect(busy.name).toBe('ResourceInUseException');
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 20, minDelay: 1 }, { StreamName: 'slow' });
    const active = await kinesis.send(new DescribeStreamCommand({ StreamName: 'slow' }));
    expect(active.StreamDescription?.StreamStatus).toBe('ACTIVE');
    expect(active.StreamDescription?.Shards).toHaveLength(2);

    await kinesis.send(new DeleteStreamCommand({ StreamName: 'slow' }));
    const deleting = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'slow' }));
    expect(deleting.StreamDescriptionSummary?.StreamStatus).toBe('DELETING');
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamSummaries?.[0]?.StreamStatus).toBe('DELETING');
    await waitUntilStreamNotExists({ client: kinesis, maxWaitTime: 20, minDelay: 1 }, { StreamName: 'slow' });
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
  });
});

describe('persistence across restarts', () => {
  it('keeps streams and finishes pending transitions after a restart', async () => {
    const dir = tempDir('engine');
    try {
      const first = await start({ dataDir: dir.path, statusDelayMs: 60_000 });
      const k1 = client(first, HANDLERS[1]);
      await k1.send(new CreateStreamCommand({ StreamName: 'kept', ShardCount: 2, Tags: { team: 'data' } }));
      expect((await k1.send(new DescribeStreamSummaryCommand({ StreamName: 'kept' }))).StreamDescriptionSummary?.StreamStatus).toBe('CREATING');
      const arnBefore = (await k1.send(new DescribeStreamSummaryCommand({ StreamName: 'kept' }))).StreamDescriptionSummary?.StreamARN;
      k1.destroy();
      await first.close();

      // Restarted with no delay: the pending CREATING completes.
      const second = await start({ dataDir: dir.path, statusDelayMs: 0 });
      const k2 = client(second, HANDLERS[0]);
      const { StreamDescription: d } = await k2.send(new DescribeStreamCommand({ StreamName: 'kept' }));
      expect(d?.StreamStatus).toBe('ACTIVE');
      expect(d?.StreamARN).toBe(arnBefore);
      expect(d?.Shards).toHaveLength(2);
      k2.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });

  it('creates streams given at start, once', async () => {
    const dir = tempDir('engine');
    try {
      const first = await start({ dataDir: dir.path, createStreams: ['alpha:2', 'beta:1'] });
      await first.close();
      const second = await start({ dataDir: dir.path, createStreams: ['alpha:2', 'beta:1'] });
      const k = client(second, HANDLERS[1]);
      const list = await k.send(new ListStreamsCommand({}));
      expect(list.StreamNames).toEqual(['alpha', 'beta']);
      expect(list.StreamSummaries?.map((s) => s.StreamStatus)).toEqual(['ACTIVE', 'ACTIVE']);
      k.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});

describe('the wire', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('answers AWS-shaped errors with request ids', async () => {
    const res = await raw(engine, 'Kinesis_20131202.DescribeStream', JSON.stringify({ StreamName: 'none' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-amz-id-2')).toBeTruthy();
    expect(res.json()).toEqual({ __type: 'ResourceNotFoundException', message: 'Stream none under account 000000000000 not found.' });
  });

  it('rejects unknown operations and services', async () => {
    expect((await raw(engine, 'Kinesis_20131202.FlyToTheMoon', '{}')).json()).toEqual({ __type: 'UnknownOperationException' });
    expect((await raw(engine, 'DynamoDB_20120810.ListTables', '{}')).json()).toEqual({ __type: 'UnknownOperationException' });
    const noTarget = await raw(engine, undefined, '{}', { contentType: 'text/plain' });
    expect(noTarget.status).toBe(403);
    expect(noTarget.text).toContain('<AccessDeniedException>');
    const badType = await raw(engine, 'Kinesis_20131202.ListStreams', '{}', { contentType: 'text/plain' });
    expect(badType.status).toBe(404);
    expect(badType.text).toBe('<UnknownOperationException/>\n');
  });

  it('turns bad bodies and wrong types into SerializationException', async () => {
    const broken = await raw(engine, 'Kinesis_20131202.ListStreams', '{"Limit":');
    expect(broken.status).toBe(400);
    expect(broken.json()).toEqual({ __type: 'SerializationException' });
    const empty = await raw(engine, 'Kinesis_20131202.ListStreams', '');
    expect(empty.json()).toEqual({ __type: 'SerializationException' });
    const wrong = await raw(engine, 'Kinesis_20131202.CreateStream', JSON.stringify({ StreamName: 'x', ShardCount: 'two' }));
    expect(wrong.json()).toEqual({ __type: 'SerializationException', Message: 'class java.lang.String can not be converted to an Integer' });
    const bool = await raw(engine, 'Kinesis_20131202.CreateStream', JSON.stringify({ StreamName: true, ShardCount: 1 }));
    expect(bool.json()).toEqual({ __type: 'SerializationException', Message: 'class java.lang.Boolean can not be converted to an String' });
    const list = await raw(engine, 'Kinesis_20131202.DescribeStream', JSON.stringify({ StreamName: ['x'] }));
    expect(list.json()).toEqual({ __type: 'SerializationException', Message: 'Start of list found where not expected' });
  });

  it('requires a signature but accepts any credentials', async () => {
    const none = await raw(engine, 'Kinesis_20131202.ListStreams', '{}', { authorization: null });
    expect(none.status).toBe(400);
    expect(none.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const partial = await raw(engine, 'Kinesis_20131202.ListStreams', '{}', { authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e' });
    expect(partial.json().__type).toBe('IncompleteSignatureException');
    expect(partial.json().message).toBe(
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e",
    );
    const ok = await raw(engine, 'Kinesis_20131202.ListStreams', '{}');
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ StreamNames: [], HasMoreStreams: false, StreamSummaries: [] });
  });

  it('refuses bodies over the cap', async () => {
    const big = new Uint8Array(17 * 1024 * 1024);
    const res = await raw(engine, 'Kinesis_20131202.ListStreams', big).catch(() => ({ status: 413 }));
    expect(res.status).toBe(413);
  });
});
