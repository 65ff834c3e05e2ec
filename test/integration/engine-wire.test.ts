// Wire details a client recorded against real AWS notices and the SDKs forgive: the bodies of operations with
// no output, and (below) the exact errors AWS gives. Raw HTTP, so nothing between the test and the bytes.
import { Decoder, Encoder } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { CBOR_TYPE, JSON_TYPE, kinesisHeaders, rawRequest } from '../support/rawHttp';
import { start } from '../support/engine-kit';

const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
const HALF = (2n ** 127n).toString();

const cborEncoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
const cborDecoder = new Decoder({ useRecords: false, mapsAsObjects: true });

interface Reply {
  status: number;
  contentLength: string | undefined;
  contentType: string | undefined;
  bytes: Buffer;
  body: Record<string, unknown>;
}

async function call(engine: RunningEngine, protocol: 'json' | 'cbor', action: string, input: Record<string, unknown>): Promise<Reply> {
  const contentType = protocol === 'json' ? JSON_TYPE : CBOR_TYPE;
  const body = protocol === 'json' ? JSON.stringify(input) : cborEncoder.encode(input);
  const result = await rawRequest(engine.endpoint, { headers: kinesisHeaders(action, contentType), body });
  if (result.kind !== 'response') throw new Error(`${action}: no response (${JSON.stringify(result)})`);
  const decoded = result.body.length === 0 ? {} : protocol === 'json' ? (JSON.parse(result.body.toString('utf8')) as Record<string, unknown>) : (cborDecoder.decode(result.body) as Record<string, unknown>);
  return {
    status: result.status,
    contentLength: result.headers['content-length'],
    contentType: result.headers['content-type'],
    bytes: result.body,
    body: decoded,
  };
}

describe.each(['json', 'cbor'] as const)('operations with no output over %s', (protocol) => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine.close();
  });

  async function ok(action: string, input: Record<string, unknown>): Promise<Reply> {
    const reply = await call(engine, protocol, action, input);
    expect(reply.status, `${action}: ${JSON.stringify(reply.body)}`).toBe(200);
    return reply;
  }

  /** AWS: "If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body." */
  async function empty(action: string, input: Record<string, unknown>): Promise<void> {
    const reply = await ok(action, input);
    expect(reply.bytes.length, `${action} answered ${reply.bytes.toString('hex')}`).toBe(0);
    expect(reply.contentLength, action).toBe('0');
    expect(reply.contentType, action).toBe(protocol === 'json' ? JSON_TYPE : CBOR_TYPE);
  }

  it('answer 200 with an empty body, for every action whose output is Unit in the model', async () => {
    const name = `unit-${protocol}`;
    await empty('CreateStream', { StreamName: name, ShardCount: 1 });
    await empty('CreateStream', { StreamName: `${name}-od`, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    await empty('AddTagsToStream', { StreamName: name, Tags: { team: 'data' } });
    await empty('RemoveTagsFromStream', { StreamName: name, TagKeys: ['team'] });
    await empty('TagResource', { ResourceARN: arnOf(name), Tags: { env: 'dev' } });
    await empty('UntagResource', { ResourceARN: arnOf(name), TagKeys: ['env'] });
    await empty('IncreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: 48 });
    await empty('DecreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: 24 });
    await empty('SplitShard', { StreamName: name, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF });
    await empty('MergeShards', { StreamName: name, ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' });
    await empty('StartStreamEncryption', { StreamName: name, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    await empty('StopStreamEncryption', { StreamName: name, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    await empty('UpdateMaxRecordSize', { StreamARN: arnOf(name), MaxRecordSizeInKiB: 2048 });
    await empty('UpdateStreamMode', { StreamARN: arnOf(name), StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    await empty('UpdateStreamRecordDistributionStrategy', { StreamARN: arnOf(`${name}-od`), RecordDistributionStrategy: 'AUTO' });
    await empty('PutResourcePolicy', { ResourceARN: arnOf(name), Policy: '{"Version":"2012-10-17"}' });
    await empty('DeleteResourcePolicy', { ResourceARN: arnOf(name) });
    const consumer = await ok('RegisterStreamConsumer', { StreamARN: arnOf(name), ConsumerName: 'app' });
    expect(consumer.bytes.length).toBeGreaterThan(0);
    await empty('DeregisterStreamConsumer', { StreamARN: arnOf(name), ConsumerName: 'app' });
    const channel = await ok('CreateChannel', {
      ChannelName: `ch-${protocol}`,
      ServiceExecutionRoleARN: 'arn:aws:iam::123456789012:role/delivery',
      StreamConfigurationList: [{ StreamARN: arnOf(name), RecordConfiguration: { RecordFormatType: 'JSON' } }],
      S3DestinationConfiguration: { StorageConfiguration: { BucketARN: 'arn:aws:s3:::bucket', ExpectedBucketOwner: '123456789012', CompressionType: 'GZIP' } },
    });
    const channelArn = (channel.body.ChannelDescription as { ChannelARN?: string } | undefined)?.ChannelARN ?? channel.body.ChannelARN;
    expect(typeof channelArn).toBe('string');
    await empty('DeleteChannel', { ChannelARN: channelArn });
    await empty('DeleteStream', { StreamName: name });
  });

  it('still answer a body for actions that have output', async () => {
    const reply = await ok('ListStreams', {});
    expect(reply.bytes.length).toBeGreaterThan(0);
    expect(reply.body).toHaveProperty('StreamNames');
  });
});

describe('tag characters', () => {
  let engine: RunningEngine;
  const INVALID = { __type: 'InvalidArgumentException', message: 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.' };
  beforeAll(async () => {
    engine = await start();
    await call(engine, 'json', 'CreateStream', { StreamName: 'tagged', ShardCount: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  async function refused(action: string, input: Record<string, unknown>): Promise<void> {
    const reply = await call(engine, 'json', action, input);
    expect(reply.status, `${action} ${JSON.stringify(input)}`).toBe(400);
    expect(reply.body, `${action} ${JSON.stringify(input)}`).toEqual(INVALID);
  }

  it('refuses tab, newline and other control characters in every action that takes tags', async () => {
    for (const bad of ['a\tb', 'a\nb', 'a\rb', 'a\u000bb', 'a\u0007b', '\u0085']) {
      await refused('CreateStream', { StreamName: 'never', ShardCount: 1, Tags: { [bad]: 'v' } });
      await refused('CreateStream', { StreamName: 'never', ShardCount: 1, Tags: { k: bad } });
      await refused('AddTagsToStream', { StreamName: 'tagged', Tags: { [bad]: 'v' } });
      await refused('AddTagsToStream', { StreamName: 'tagged', Tags: { k: bad } });
      await refused('TagResource', { ResourceARN: arnOf('tagged'), Tags: { k: bad } });
      await refused('RemoveTagsFromStream', { StreamName: 'tagged', TagKeys: [bad] });
      await refused('UntagResource', { ResourceARN: arnOf('tagged'), TagKeys: [bad] });
      await refused('RegisterStreamConsumer', { StreamARN: arnOf('tagged'), ConsumerName: 'never', Tags: { k: bad } });
      await refused('CreateChannel', {
        ChannelName: 'never',
        ServiceExecutionRoleARN: 'arn:aws:iam::123456789012:role/delivery',
        StreamConfigurationList: [{ StreamARN: arnOf('tagged'), RecordConfiguration: { RecordFormatType: 'JSON' } }],
        S3DestinationConfiguration: { StorageConfiguration: { BucketARN: 'arn:aws:s3:::bucket', ExpectedBucketOwner: '123456789012', CompressionType: 'GZIP' } },
        Tags: { [bad]: 'v' },
      });
    }
    expect((await call(engine, 'json', 'DescribeStreamSummary', { StreamName: 'never' })).status).toBe(400);
    expect((await call(engine, 'json', 'ListTagsForStream', { StreamName: 'tagged' })).body.Tags).toEqual([]);
  });

  it('accepts Unicode separators, letters and digits of any script, and _ . : / = + - @', async () => {
    const tags = { 'a b\u00a0c\u3000d': 'x\u2003y', 'ключ_1.2:3/4=5+6-7@8': '値٣' };
    expect((await call(engine, 'json', 'AddTagsToStream', { StreamName: 'tagged', Tags: tags })).status).toBe(200);
    const listed = (await call(engine, 'json', 'ListTagsForStream', { StreamName: 'tagged' })).body.Tags as { Key: string; Value: string }[];
    expect(Object.fromEntries(listed.map((tag) => [tag.Key, tag.Value]))).toEqual(tags);
  });
});

describe('SigV4 in the query string', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine.close();
  });

  const FULL: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'AKID/20261128/us-east-1/kinesis/aws4_request',
    'X-Amz-Date': '20261128T000000Z',
    'X-Amz-SignedHeaders': 'content-type;host;x-amz-target',
    'X-Amz-Signature': '0'.repeat(64),
  };

  async function presigned(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const result = await rawRequest(engine.endpoint, {
      path: `/?${new URLSearchParams(params).toString()}`,
      headers: { 'Content-Type': JSON_TYPE, 'X-Amz-Target': 'Kinesis_20131202.ListStreams' },
      body: '{}',
    });
    if (result.kind !== 'response') throw new Error(`no response (${JSON.stringify(result)})`);
    return { status: result.status, body: JSON.parse(result.body.toString('utf8')) as Record<string, unknown> };
  }

  const without = (...names: string[]) => Object.fromEntries(Object.entries(FULL).filter(([name]) => !names.includes(name)));

  it('accepts a complete query-string signature', async () => {
    const reply = await presigned(FULL);
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveProperty('StreamNames');
  });

  it('names every missing part, in AWS order and wording', async () => {
    expect(await presigned({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' })).toEqual({
      status: 400,
      body: {
        __type: 'IncompleteSignatureException',
        message:
          "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. " +
          "AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. " +
          'Re-examine the query-string parameters.',
      },
    });
    expect(await presigned(without('X-Amz-Date'))).toEqual({
      status: 400,
      body: { __type: 'IncompleteSignatureException', message: "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters." },
    });
    expect((await presigned(without('X-Amz-Signature', 'X-Amz-SignedHeaders'))).body.message).toBe(
      "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    );
    // An empty value is missing, the algorithm included.
    expect((await presigned({ ...FULL, 'X-Amz-Algorithm': '', 'X-Amz-Credential': '' })).body.message).toBe(
      "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the query-string parameters.",
    );
  });
});

describe('IncreaseStreamRetentionPeriod to the current period', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    // Status changes take a minute here, so an UPDATING stream would still be UPDATING on the next call.
    engine = await start({ statusDelayMs: 60_000, createStreams: ['kept:1', 'changed:1'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  const status = async (name: string) =>
    ((await call(engine, 'json', 'DescribeStreamSummary', { StreamName: name })).body.StreamDescriptionSummary as { StreamStatus: string; RetentionPeriodHours: number });

  it('is a no-op: the stream stays ACTIVE and a following Decrease goes through', async () => {
    expect(await status('kept')).toMatchObject({ StreamStatus: 'ACTIVE', RetentionPeriodHours: 24 });
    expect((await call(engine, 'json', 'IncreaseStreamRetentionPeriod', { StreamName: 'kept', RetentionPeriodHours: 24 })).status).toBe(200);
    expect(await status('kept')).toMatchObject({ StreamStatus: 'ACTIVE', RetentionPeriodHours: 24 });
    const decrease = await call(engine, 'json', 'DecreaseStreamRetentionPeriod', { StreamName: 'kept', RetentionPeriodHours: 24 });
    expect(decrease.status, JSON.stringify(decrease.body)).toBe(200);
  });

  it('while a real increase still puts the stream in UPDATING', async () => {
    expect((await call(engine, 'json', 'IncreaseStreamRetentionPeriod', { StreamName: 'changed', RetentionPeriodHours: 48 })).status).toBe(200);
    expect(await status('changed')).toMatchObject({ StreamStatus: 'UPDATING', RetentionPeriodHours: 48 });
    expect((await call(engine, 'json', 'IncreaseStreamRetentionPeriod', { StreamName: 'changed', RetentionPeriodHours: 48 })).body.__type).toBe('ResourceInUseException');
  });
});

describe('x-amz-id-2', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine.close();
  });

  async function headers(method: string, extra: Record<string, string>): Promise<Record<string, string | string[] | undefined>> {
    const result = await rawRequest(engine.endpoint, { method, headers: { ...kinesisHeaders('ListStreams', JSON_TYPE), ...extra }, body: method === 'OPTIONS' ? undefined : '{}' });
    if (result.kind !== 'response') throw new Error(`no response (${JSON.stringify(result)})`);
    return result.headers;
  }

  it('is base64 of 72 random bytes on every answer, errors included', async () => {
    const seen = new Set<string>();
    const variants: Record<string, string>[] = [{}, { Origin: 'https://console.example' }, { 'X-Amz-Target': 'Kinesis_20131202.Nope' }];
    for (const extra of variants) {
      const id = (await headers('POST', extra))['x-amz-id-2'];
      expect(typeof id).toBe('string');
      expect(id).toMatch(/^[A-Za-z0-9+/]{96}$/);
      expect(Buffer.from(String(id), 'base64')).toHaveLength(72);
      seen.add(String(id));
    }
    expect(seen.size).toBe(3);
  });

  it('is absent from CORS preflight answers, present on an OPTIONS without Origin', async () => {
    const preflight = await headers('OPTIONS', { Origin: 'https://console.example', 'Access-Control-Request-Method': 'POST' });
    expect(preflight['access-control-allow-origin']).toBe('*');
    expect(preflight['x-amzn-requestid']).toBeTruthy();
    expect(preflight).not.toHaveProperty('x-amz-id-2');
    expect((await headers('OPTIONS', {}))['x-amz-id-2']).toMatch(/^[A-Za-z0-9+/]{96}$/);
  });
});

describe('not-found messages that name the shard, the stream and the account', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine.close();
  });

  const json = (action: string, input: Record<string, unknown>) => call(engine, 'json', action, input);
  const shardMissing = (shard: string, stream: string) => ({ __type: 'ResourceNotFoundException', message: `Shard ${shard} in stream ${stream} under account ${ACCOUNT} does not exist` });

  it('GetShardIterator on a stream that does not exist', async () => {
    const byName = await json('GetShardIterator', { StreamName: 'ghost', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' });
    expect(byName.status).toBe(400);
    expect(byName.body).toEqual(shardMissing('shardId-000000000000', 'ghost'));
    const byArn = await json('GetShardIterator', { StreamARN: arnOf('ghost'), ShardId: 'shardId-000000000003', ShardIteratorType: 'TRIM_HORIZON' });
    expect(byArn.body).toEqual(shardMissing('shardId-000000000003', 'ghost'));
  });

  it("GetRecords with a deleted stream's iterator, and with a recreated stream's old one", async () => {
    await json('CreateStream', { StreamName: 'doomed', ShardCount: 2 });
    const iterator = async () => (await json('GetShardIterator', { StreamName: 'doomed', ShardId: 'shardId-000000000001', ShardIteratorType: 'TRIM_HORIZON' })).body.ShardIterator;
    const first = await iterator();
    await json('DeleteStream', { StreamName: 'doomed' });
    const gone = await json('GetRecords', { ShardIterator: first });
    expect(gone.status).toBe(400);
    expect(gone.body).toEqual(shardMissing('shardId-000000000001', 'doomed'));
    await json('CreateStream', { StreamName: 'doomed', ShardCount: 2 });
    expect((await json('GetRecords', { ShardIterator: first })).body).toEqual(shardMissing('shardId-000000000001', 'doomed'));
    // A NextShardIterator carries the name too.
    const next = (await json('GetRecords', { ShardIterator: await iterator() })).body.NextShardIterator;
    await json('DeleteStream', { StreamName: 'doomed' });
    expect((await json('GetRecords', { ShardIterator: next })).body).toEqual(shardMissing('shardId-000000000001', 'doomed'));
  });
});

describe('shard ids in GetShardIterator, read as AWS reads them', () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await start({ createStreams: ['ids:3'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  const iterate = (stream: string, shardId: string) => call(engine, 'json', 'GetShardIterator', { StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });

  it('takes the digits after the first hyphen, with any prefix and any zero padding', async () => {
    for (const id of ['shardId-1', 'shardid-000000000001', '000000000001', '1', 'shardId-0000000000001', 'shard-1', 'anything-01', '-1']) {
      const reply = await iterate('ids', id);
      expect(reply.status, `${id}: ${JSON.stringify(reply.body)}`).toBe(200);
      // The iterator reads shard 1: a record routed there comes back.
      expect(typeof reply.body.ShardIterator).toBe('string');
    }
    const put = await call(engine, 'json', 'PutRecord', { StreamName: 'ids', PartitionKey: 'k', ExplicitHashKey: String(2n ** 128n / 3n + 1n), Data: Buffer.from('one').toString('base64') });
    expect(put.body.ShardId).toBe('shardId-000000000001');
    const read = await call(engine, 'json', 'GetRecords', { ShardIterator: (await iterate('ids', 'shardid-1')).body.ShardIterator });
    expect((read.body.Records as { SequenceNumber: string }[]).map((r) => r.SequenceNumber)).toEqual([put.body.SequenceNumber]);
  });

  it('names a readable id that has no shard in AWS form, and refuses unreadable ones as not found', async () => {
    const missing = (shard: string, stream: string) => ({ __type: 'ResourceNotFoundException', message: `Shard ${shard} in stream ${stream} under account ${ACCOUNT} does not exist` });
    const unreadable = (shard: string, stream: string) => ({ __type: 'ResourceNotFoundException', message: `Could not find shard ${shard} in stream ${stream} under account ${ACCOUNT}.` });
    expect((await iterate('ids', 'shardId-5')).body).toEqual(missing('shardId-000000000005', 'ids'));
    expect((await iterate('ghost', '2147483647')).body).toEqual(missing('shardId-002147483647', 'ghost'));
    expect((await iterate('ghost', 'a-00002147483647')).body).toEqual(missing('shardId-002147483647', 'ghost'));
    for (const id of ['2147483648', 'shardId-002147483648', 'ABKLFD8', '2.14E4', 'shardId-x1', 'shardId-']) {
      expect((await iterate('ghost', id)).body, id).toEqual(unreadable(id, 'ghost'));
      expect((await iterate('ids', id)).body, id).toEqual(unreadable(id, 'ids'));
    }
  });
});
