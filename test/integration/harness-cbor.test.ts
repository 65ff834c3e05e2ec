// The core calls sent as application/x-amz-cbor-1.1, the way the AWS Java SDK sends them by default, with the
// responses decoded and checked the way the Java SDK reads them:
// - blobs are CBOR byte strings, never base64 text;
// - timestamps are integers counting epoch *milliseconds* (AwsCborProtocolFactory's UNIX_TIMESTAMP_MILLIS),
//   optionally under tag 1; the SDK writes request timestamps as tag 1 + epoch millis (SdkCborGenerator).
import { randomBytes } from 'node:crypto';
import { addExtension, Decoder, Encoder } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evenHashRanges, MAX_HASH_KEY } from '../../shared/domain/hashKey';
import { sleep } from '../support/sleep';
import { harnessTarget, startPeer, type RunningPeer } from '../support/peers';
import { CBOR_TYPE, kinesisHeaders, rawRequest } from '../support/rawHttp';

/** A CBOR tag-1 value, kept as sent so the test sees the number the server wrote, not cbor-x's seconds reading. */
class EpochTag {
  constructor(readonly value: number | bigint) {}
}
addExtension<EpochTag, number | bigint>({
  Class: EpochTag,
  tag: 1,
  encode: (tag, encode) => encode(BigInt(tag.value)),
  decode: (value) => new EpochTag(value),
});

const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

type CborMap = Record<string, unknown>;

/** For failure messages: decoded CBOR may hold bigints (64-bit integers), which JSON.stringify refuses. */
const show = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item))?.slice(0, 200);

interface CborReply {
  status: number;
  contentType: string;
  body: CborMap;
}

async function cbor(endpoint: string, action: string, input: CborMap): Promise<CborReply> {
  const result = await rawRequest(endpoint, { headers: kinesisHeaders(action, CBOR_TYPE), body: encoder.encode(input) });
  if (result.kind !== 'response') throw new Error(`${action}: no response (${JSON.stringify(result)})`);
  const body = result.body.length === 0 ? {} : (decoder.decode(result.body) as CborMap);
  return { status: result.status, contentType: String(result.headers['content-type'] ?? ''), body };
}

async function cborOk(endpoint: string, action: string, input: CborMap): Promise<CborMap> {
  const reply = await cbor(endpoint, action, input);
  expect(reply.status, `${action} answered ${reply.status}: ${show(reply.body)}`).toBe(200);
  expect(reply.contentType).toBe(CBOR_TYPE);
  return reply.body;
}

/** Epoch milliseconds as the Java SDK reads them: an integer, tagged 1 or not, that is a plausible time in ms. */
function expectEpochMillis(value: unknown, notBefore: number, notAfter: number): number {
  const number = value instanceof EpochTag ? value.value : value;
  expect(typeof number === 'number' || typeof number === 'bigint', `timestamp ${String(value)} is a ${typeof number}`).toBe(true);
  const millis = Number(number);
  expect(Number.isInteger(millis), `timestamp ${millis} is not an integer count of milliseconds`).toBe(true);
  expect(millis, `timestamp ${millis} is not epoch milliseconds near the test run`).toBeGreaterThanOrEqual(notBefore);
  expect(millis).toBeLessThanOrEqual(notAfter);
  return millis;
}

function expectBytes(value: unknown, expected: Buffer): void {
  expect(value instanceof Uint8Array, `blob came back as ${show(value)}, not a CBOR byte string`).toBe(true);
  expect(Buffer.from(value as Uint8Array).equals(expected)).toBe(true);
}

const list = (value: unknown): CborMap[] => (Array.isArray(value) ? (value as CborMap[]) : []);

describe(`CBOR wire protocol against the ${harnessTarget()}`, () => {
  let peer: RunningPeer;
  const startedAt = Date.now() - 2000;
  const stream = `cbor-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    peer = await startPeer(harnessTarget(), { statusDelayMs: 200 });
  });
  afterAll(async () => {
    await peer?.stop();
  });

  it('creates and describes a stream, with its creation time in epoch milliseconds', async () => {
    const created = await cbor(peer.endpoint, 'CreateStream', { StreamName: stream, ShardCount: 2 });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({});
    let description: CborMap = {};
    for (let attempt = 0; attempt < 100; attempt++) {
      description = (await cborOk(peer.endpoint, 'DescribeStream', { StreamName: stream })).StreamDescription as CborMap;
      if (description.StreamStatus === 'ACTIVE') break;
      await sleep(50);
    }
    expect(description).toMatchObject({ StreamName: stream, StreamStatus: 'ACTIVE', HasMoreShards: false, RetentionPeriodHours: 24 });
    expectEpochMillis(description.StreamCreationTimestamp, startedAt, Date.now() + 1000);
    expect(list(description.Shards).map((shard) => shard.HashKeyRange)).toEqual(evenHashRanges(2));
  });

  it('writes blobs as byte strings and reads them back byte-exact, with arrival times in epoch milliseconds', async () => {
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const one = await cborOk(peer.endpoint, 'PutRecord', { StreamName: stream, PartitionKey: 'k', Data: allBytes, ExplicitHashKey: '0' });
    expect(one.ShardId).toBe('shardId-000000000000');
    expect(String(one.SequenceNumber)).toMatch(/^\d{20,}$/);

    const batch = [
      { Data: randomBytes(100), PartitionKey: 'a', ExplicitHashKey: '1' },
      { Data: Buffer.alloc(0), PartitionKey: 'empty', ExplicitHashKey: '2' },
      { Data: randomBytes(5000), PartitionKey: 'big', ExplicitHashKey: MAX_HASH_KEY.toString() },
    ];
    const many = await cborOk(peer.endpoint, 'PutRecords', { StreamName: stream, Records: batch });
    expect(many.FailedRecordCount).toBe(0);
    const results = list(many.Records);
    expect(results.map((result) => result.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000000', 'shardId-000000000001']);

    const iterator = await cborOk(peer.endpoint, 'GetShardIterator', { StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    expect(typeof iterator.ShardIterator).toBe('string');
    const page = await cborOk(peer.endpoint, 'GetRecords', { ShardIterator: iterator.ShardIterator, Limit: 100 });
    expect(typeof page.NextShardIterator).toBe('string');
    expect(Number.isInteger(Number(page.MillisBehindLatest))).toBe(true);
    const records = list(page.Records);
    expect(records.map((record) => record.SequenceNumber)).toEqual([one.SequenceNumber, results[0]?.SequenceNumber, results[1]?.SequenceNumber]);
    expect(records.map((record) => record.PartitionKey)).toEqual(['k', 'a', 'empty']);
    const expectedData = [allBytes, batch[0]?.Data, batch[1]?.Data];
    records.forEach((record, i) => {
      expectBytes(record.Data, expectedData[i] ?? Buffer.alloc(0));
      expectEpochMillis(record.ApproximateArrivalTimestamp, startedAt, Date.now() + 1000);
    });

    const other = await cborOk(peer.endpoint, 'GetShardIterator', { StreamName: stream, ShardId: 'shardId-000000000001', ShardIteratorType: 'TRIM_HORIZON' });
    const big = list((await cborOk(peer.endpoint, 'GetRecords', { ShardIterator: other.ShardIterator })).Records);
    expect(big).toHaveLength(1);
    expectBytes(big[0]?.Data, batch[2]?.Data ?? Buffer.alloc(0));
  });

  it('takes an AT_TIMESTAMP position sent as tag 1 + epoch milliseconds, as the Java SDK writes it', async () => {
    const marker = await cborOk(peer.endpoint, 'PutRecord', { StreamName: stream, PartitionKey: 'later', Data: Buffer.from('after the mark'), ExplicitHashKey: '0' });
    const before = await cborOk(peer.endpoint, 'GetShardIterator', {
      StreamName: stream,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: new EpochTag(startedAt),
    });
    const fromStart = list((await cborOk(peer.endpoint, 'GetRecords', { ShardIterator: before.ShardIterator })).Records);
    expect(fromStart.length).toBe(4);
    expect(fromStart.at(-1)?.SequenceNumber).toBe(marker.SequenceNumber);
    const arrival = expectEpochMillis(fromStart.at(-1)?.ApproximateArrivalTimestamp, startedAt, Date.now() + 1000);
    // From the millisecond after the marker arrived, nothing older may come back.
    const after = await cborOk(peer.endpoint, 'GetShardIterator', {
      StreamName: stream,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: new EpochTag(arrival + 1),
    });
    const fromMark = list((await cborOk(peer.endpoint, 'GetRecords', { ShardIterator: after.ShardIterator })).Records);
    expect(fromMark).toEqual([]);
  });

  it('answers errors in CBOR with __type and message', async () => {
    const missing = `${stream}-missing`;
    const notFound = await cbor(peer.endpoint, 'DescribeStream', { StreamName: missing });
    expect(notFound.status).toBe(400);
    expect(notFound.contentType).toBe(CBOR_TYPE);
    expect(notFound.body.__type).toBe('ResourceNotFoundException');
    expect(String(notFound.body.message)).toMatch(new RegExp(`^Stream ${missing} under account \\d{12} not found\\.$`));

    // A body that is not CBOR at all is a SerializationException, answered in CBOR like every other reply.
    const broken = await rawRequest(peer.endpoint, { headers: kinesisHeaders('DescribeStream', CBOR_TYPE), body: encoder.encode({ StreamName: stream }).subarray(0, 5) });
    expect(broken.kind).toBe('response');
    if (broken.kind === 'response') {
      expect(broken.status).toBe(400);
      expect(String(broken.headers['content-type'])).toBe(CBOR_TYPE);
      expect((decoder.decode(broken.body) as CborMap).__type).toBe('SerializationException');
    }

    const invalid = await cbor(peer.endpoint, 'PutRecord', { StreamName: stream, PartitionKey: '', Data: Buffer.from('x') });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
  });
});
