// Generates malformed Kinesis requests from a seeded PRNG. Every generated request must be refused by a faithful
// engine: each generator guarantees its request is invalid (broken bodies are checked not to parse, read-only
// actions are preferred, and no mutation can turn into a valid write).
import { Encoder } from 'cbor-x';
import { CBOR_TYPE, JSON_TYPE, kinesisHeaders } from './rawHttp';
import type { Random } from './random';

export type Category = 'broken-json' | 'broken-cbor' | 'wrong-type' | 'out-of-range' | 'unknown-target' | 'missing-header' | 'bad-auth';

export interface MalformedRequest {
  category: Category;
  /** What was sent, for failure messages. */
  describe: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Fixtures {
  /** An existing ACTIVE stream the requests may name. */
  stream: string;
  /** A valid iterator on its first shard. */
  iterator: string;
}

type Body = Record<string, unknown>;
type FieldKind = 'string' | 'int' | 'blob' | 'list' | 'map';

const cbor = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });

/** Valid requests (read-only, or writes to the fixture stream) and the kinds of their fields. */
function templates(f: Fixtures, random: Random): Array<{ action: string; body: Body; kinds: Record<string, FieldKind> }> {
  return [
    { action: 'DescribeStream', body: { StreamName: f.stream, Limit: 10 }, kinds: { StreamName: 'string', Limit: 'int' } },
    { action: 'DescribeStreamSummary', body: { StreamName: f.stream }, kinds: { StreamName: 'string' } },
    { action: 'ListShards', body: { StreamName: f.stream, MaxResults: 5 }, kinds: { StreamName: 'string', MaxResults: 'int' } },
    { action: 'ListStreams', body: { Limit: 5 }, kinds: { Limit: 'int' } },
    { action: 'PutRecord', body: { StreamName: f.stream, PartitionKey: 'k', Data: random.bytes(random.int(1, 40)).toString('base64') }, kinds: { StreamName: 'string', PartitionKey: 'string', Data: 'blob' } },
    { action: 'PutRecords', body: { StreamName: f.stream, Records: [{ PartitionKey: 'k', Data: 'AAEC' }] }, kinds: { StreamName: 'string', Records: 'list' } },
    { action: 'GetShardIterator', body: { StreamName: f.stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }, kinds: { StreamName: 'string', ShardId: 'string', ShardIteratorType: 'string' } },
    { action: 'GetRecords', body: { ShardIterator: f.iterator, Limit: 10 }, kinds: { ShardIterator: 'string', Limit: 'int' } },
    { action: 'ListTagsForStream', body: { StreamName: f.stream }, kinds: { StreamName: 'string' } },
    { action: 'AddTagsToStream', body: { StreamName: f.stream, Tags: { fuzz: 'yes' } }, kinds: { StreamName: 'string', Tags: 'map' } },
    { action: 'CreateStream', body: { StreamName: `fz${random.int(0, 1e9)}`, ShardCount: 1 }, kinds: { StreamName: 'string', ShardCount: 'int' } },
  ];
}

/** Values of the wrong JSON type for a field (never null, which would read as "absent"). */
function wrongValue(kind: FieldKind, random: Random): unknown {
  const byKind: Record<FieldKind, unknown[]> = {
    string: [123, -1.5, true, false, [], ['x'], {}, { S: 'x' }],
    int: ['two', '', true, [], [1], {}, { N: 1 }, 'NaN'],
    blob: [123, true, [], [1, 2], {}, { B: 'x' }],
    list: ['records', 5, true, {}, { 0: 'x' }, [1, 2], ['x'], [[]]],
    map: ['tags', 5, true, [], [{ Key: 'a' }], { a: 5 }, { a: [] }, { a: {} }],
  };
  return random.pick(byKind[kind]);
}

function encode(body: unknown, asCbor: boolean): Buffer {
  return asCbor ? cbor.encode(body) : Buffer.from(JSON.stringify(body));
}

function jsonFails(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function brokenJson(f: Fixtures, random: Random): { action: string; body: Buffer; how: string } {
  const base = random.pick(templates(f, random).filter((t) => !['CreateStream', 'ListStreams'].includes(t.action)));
  const text = JSON.stringify(base.body);
  const variants: Array<() => { body: Buffer; how: string }> = [
    () => ({ body: Buffer.from(text.slice(0, random.int(1, text.length - 1))), how: 'truncated' }),
    () => {
      const at = random.int(0, text.length);
      return { body: Buffer.from(text.slice(0, at) + random.pick(['{', '}', '[', ']', ':', ',', '"', '\\', 'q', "'"]) + text.slice(at)), how: 'a stray character' };
    },
    () => ({ body: random.bytes(random.int(1, 300)), how: 'random bytes' }),
    () => ({ body: Buffer.from('['.repeat(random.int(1000, 200_000))), how: 'deeply nested, unterminated' }),
    () => ({ body: Buffer.from(`{"StreamName":${'['.repeat(5000)}${']'.repeat(5000)}}`), how: 'deeply nested value' }),
    () => ({ body: Buffer.from(random.pick(['[]', '"text"', '42', 'null', 'true', '[{}]'])), how: 'not an object' }),
    () => ({ body: Buffer.from(random.pick(['{', '{"', '{"StreamName"', '{"StreamName":', '{"StreamName":"x"', "{'StreamName':'x'}", '{StreamName:"x"}', '{"a":1,}', '\u0000'])), how: 'cut or invalid syntax' }),
    () => ({ body: Buffer.concat([Buffer.from('{"StreamName":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"')]), how: 'invalid UTF-8, unterminated' }),
  ];
  for (;;) {
    const made = random.pick(variants)();
    // A mutation that still parses is not broken JSON: draw again.
    if (jsonFails(made.body.toString('utf8')) || made.how === 'not an object' || made.how === 'deeply nested value') return { action: base.action, ...made };
  }
}

function brokenCbor(f: Fixtures, random: Random): { action: string; body: Buffer; how: string } {
  // Targets with required members, so that a body that happens to decode to a map is still refused.
  const base = random.pick(templates(f, random).filter((t) => ['DescribeStream', 'PutRecord', 'GetShardIterator', 'GetRecords', 'PutRecords'].includes(t.action)));
  const valid = cbor.encode(base.body);
  const u64 = (major: number, value: bigint) => {
    const out = Buffer.alloc(9);
    out[0] = (major << 5) | 27;
    out.writeBigUInt64BE(value, 1);
    return out;
  };
  const variants: Array<() => { body: Buffer; how: string }> = [
    () => ({ body: valid.subarray(0, random.int(1, valid.length - 1)), how: 'truncated' }),
    () => ({ body: random.bytes(random.int(1, 300)), how: 'random bytes' }),
    () => ({ body: Buffer.concat([Buffer.from([0xa1, 0x6a]), Buffer.from('StreamName'), u64(2, BigInt(random.pick([2 ** 40, 2 ** 62, 2 ** 53])))]), how: 'byte string declaring a huge length' }),
    () => ({ body: Buffer.concat([Buffer.from([0xa1, 0x6a]), Buffer.from('StreamName'), u64(3, 0xffff_ffffn)]), how: 'text string declaring 4 GiB' }),
    () => ({ body: Buffer.concat([u64(4, 0xffff_ffff_ffffn)]), how: 'array declaring 2^48 items' }),
    () => ({ body: Buffer.concat([u64(5, 0xffff_ffffn), Buffer.from([0x61, 0x61, 0x01])]), how: 'map declaring 4 billion pairs' }),
    () => ({ body: Buffer.concat([Buffer.alloc(random.int(1000, 200_000), 0x81), Buffer.from([0x00])]), how: 'deeply nested arrays' }),
    () => ({ body: Buffer.concat([Buffer.from([0xbf, 0x6a]), Buffer.from('StreamName'), Buffer.from([0x64]), Buffer.from('fuzz')]), how: 'indefinite map never closed' }),
    () => ({ body: Buffer.from([random.pick([0x1c, 0x3d, 0x5e, 0x7f & 0x7c, 0xfc, 0xfd, 0xfe, 0xff])]), how: 'reserved or stray initial byte' }),
    () => ({ body: cbor.encode(random.pick([[1, 2], 42, 'text', Buffer.from('bytes'), true])), how: 'not a map' }),
  ];
  const made = random.pick(variants)();
  return { action: base.action, ...made };
}

function wrongType(f: Fixtures, random: Random, asCbor: boolean): { action: string; body: Buffer; how: string } {
  const base = random.pick(templates(f, random));
  const field = random.pick(Object.keys(base.kinds));
  const kind = base.kinds[field] ?? 'string';
  const value = wrongValue(kind, random);
  return { action: base.action, body: encode({ ...base.body, [field]: value }, asCbor), how: `${field} = ${JSON.stringify(value)}` };
}

function outOfRange(f: Fixtures, random: Random, asCbor: boolean): { action: string; body: Buffer; how: string } {
  const s = f.stream;
  const fresh = `fz${random.int(0, 1e9)}`;
  const long = (n: number) => 'k'.repeat(n);
  const cases: Array<[string, Body]> = [
    ['CreateStream', { StreamName: random.pick(['', long(129), 'bad name', 'slash/name', 'ünïcode']), ShardCount: 1 }],
    ['CreateStream', { StreamName: fresh, ShardCount: random.pick([0, -1, -2147483648, 2147483648, 1e12]) }],
    ['CreateStream', { StreamName: fresh, ShardCount: 1, StreamModeDetails: { StreamMode: 'SOMETIMES' } }],
    ['DescribeStream', { StreamName: s, Limit: random.pick([0, -1, 10001]) }],
    ['DescribeStream', { StreamName: s, ExclusiveStartShardId: long(129) }],
    ['PutRecord', { StreamName: s, PartitionKey: random.pick(['', long(257)]), Data: 'AAEC' }],
    ['PutRecord', { StreamName: s, PartitionKey: 'k', Data: 'AAEC', ExplicitHashKey: random.pick(['340282366920938463463374607431768211456', '-1', 'abc', '', '1e5', long(50)]) }],
    ['PutRecord', { StreamName: s, PartitionKey: 'k', Data: 'AAEC', SequenceNumberForOrdering: random.pick(['abc', '-5', '']) }],
    ['PutRecord', { StreamName: s, PartitionKey: 'k' }],
    ['PutRecords', { StreamName: s, Records: [] }],
    ['PutRecords', { StreamName: s, Records: Array.from({ length: 501 }, () => ({ PartitionKey: 'k', Data: 'AA==' })) }],
    ['PutRecords', { StreamName: s, Records: [{ PartitionKey: 'k', Data: 'AA==' }, { PartitionKey: '', Data: 'AA==' }] }],
    ['PutRecords', { StreamName: s, Records: [{ Data: 'AA==' }] }],
    ['GetRecords', { ShardIterator: f.iterator, Limit: random.pick([0, -1, 10001, 2147483648]) }],
    ['GetRecords', { ShardIterator: random.pick(['', 'x', long(513), random.bytes(200).toString('base64').slice(0, 400)]) }],
    ['GetShardIterator', { StreamName: s, ShardId: 'shardId-000000000000', ShardIteratorType: random.pick(['SIDEWAYS', '', 'latest']) }],
    ['GetShardIterator', { StreamName: s, ShardId: 'shardId-000000000000', ShardIteratorType: random.pick(['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']) }],
    ['GetShardIterator', { StreamName: s, ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: random.pick(['abc', '-1', '', '1'.repeat(200)]) }],
    ['GetShardIterator', { StreamName: s, ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP' }],
    ['GetShardIterator', { StreamName: s, ShardId: random.pick(['', 'shardId-999999999999', long(129)]), ShardIteratorType: 'LATEST' }],
    ['ListShards', { StreamName: s, MaxResults: random.pick([0, -1, 10001]) }],
    ['ListShards', { NextToken: random.pick(['garbage', long(1049)]) }],
    ['ListShards', { StreamName: s, ShardFilter: { Type: 'NOT_A_FILTER' } }],
    ['ListStreams', { Limit: random.pick([0, -1, 10001]) }],
    ['IncreaseStreamRetentionPeriod', { StreamName: s, RetentionPeriodHours: random.pick([0, -1, 8761, 23, 100_000]) }],
    ['DecreaseStreamRetentionPeriod', { StreamName: s, RetentionPeriodHours: random.pick([0, -1, 23, 8761]) }],
    ['AddTagsToStream', { StreamName: s, Tags: random.pick([{ '': 'v' }, { [long(129)]: 'v' }, { k: long(257) }, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`t${i}`, 'v']))]) }],
    ['RemoveTagsFromStream', { StreamName: s, TagKeys: random.pick([[], [''], Array.from({ length: 51 }, (_, i) => `t${i}`)]) }],
    ['SplitShard', { StreamName: s, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: random.pick(['abc', '-1', '340282366920938463463374607431768211456']) }],
    ['MergeShards', { StreamName: s, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: random.pick(['', 'shardId-999999999999', long(129)]) }],
    ['UpdateShardCount', { StreamName: s, TargetShardCount: random.pick([0, -1, 100_001]), ScalingType: 'UNIFORM_SCALING' }],
    ['UpdateShardCount', { StreamName: s, TargetShardCount: 2, ScalingType: 'LUMPY' }],
    ['DeleteStream', { StreamName: random.pick(['', long(129), 'bad name']) }],
  ];
  const [action, body] = random.pick(cases);
  return { action, body: encode(body, asCbor), how: JSON.stringify(body).slice(0, 160) };
}

export function generateMalformed(f: Fixtures, random: Random, category: Category): MalformedRequest {
  const asCbor = random.chance(0.35);
  const type = asCbor ? CBOR_TYPE : JSON_TYPE;
  switch (category) {
    case 'broken-json': {
      const { action, body, how } = brokenJson(f, random);
      return { category, describe: `${action} JSON ${how}: ${body.subarray(0, 80).toString('hex')}`, method: 'POST', headers: kinesisHeaders(action, JSON_TYPE), body };
    }
    case 'broken-cbor': {
      const { action, body, how } = brokenCbor(f, random);
      return { category, describe: `${action} CBOR ${how}: ${body.subarray(0, 80).toString('hex')}`, method: 'POST', headers: kinesisHeaders(action, CBOR_TYPE), body };
    }
    case 'wrong-type': {
      const { action, body, how } = wrongType(f, random, asCbor);
      return { category, describe: `${action} (${type}) ${how}`, method: 'POST', headers: kinesisHeaders(action, type), body };
    }
    case 'out-of-range': {
      const { action, body, how } = outOfRange(f, random, asCbor);
      return { category, describe: `${action} (${type}) ${how}`, method: 'POST', headers: kinesisHeaders(action, type), body };
    }
    case 'unknown-target': {
      const target = random.pick([
        'Kinesis_20131202.NoSuchAction',
        'Kinesis_20131202.',
        'Kinesis_20131202',
        'Kinesis_20991231.ListStreams',
        'DynamoDB_20120810.ListTables',
        '',
        '.ListStreams',
        `Kinesis_20131202.${'x'.repeat(random.int(1, 5000))}`,
        `Kinesis_20131202.${random.bytes(8).toString('hex')}`,
        'Kinesis_20131202.__proto__',
        'Kinesis_20131202.constructor',
        'Kinesis_20131202.toString',
      ]);
      const headers = { ...kinesisHeaders(undefined, type), 'X-Amz-Target': target };
      return { category, describe: `target ${JSON.stringify(target.slice(0, 80))} (${type})`, method: 'POST', headers, body: encode({ StreamName: f.stream }, asCbor) };
    }
    case 'bad-auth': {
      const { headers, how } = badAuth(random);
      const body = Buffer.from(JSON.stringify({ StreamName: `no-such-stream-${random.int(0, 1e9)}` }));
      return { category, describe: `DescribeStream of a missing stream with ${how}`, method: 'POST', headers, body };
    }
    case 'missing-header': {
      const variant = random.int(0, 4);
      const body = encode({ StreamName: f.stream }, asCbor);
      if (variant === 0) return { category, describe: `no X-Amz-Target (${type})`, method: 'POST', headers: kinesisHeaders(undefined, type), body };
      if (variant === 1) return { category, describe: 'no Content-Type', method: 'POST', headers: kinesisHeaders('DescribeStream', undefined), body };
      if (variant === 2) {
        const odd = random.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'image/png']);
        return { category, describe: `Content-Type ${odd}`, method: 'POST', headers: kinesisHeaders('DescribeStream', odd), body };
      }
      if (variant === 3) return { category, describe: 'neither target nor Content-Type', method: 'POST', headers: kinesisHeaders(undefined, undefined), body };
      const method = random.pick(['GET', 'PUT', 'DELETE', 'PATCH']);
      return { category, describe: `${method} instead of POST`, method, headers: kinesisHeaders('DescribeStream', type), body: method === 'GET' ? Buffer.alloc(0) : body };
    }
  }
}

/**
 * Garbled signatures. The engine accepts any credentials and reads the region from the signing scope, so whether
 * it refuses a garbled header is its policy; what is tested is that parsing it never breaks anything. The body names
 * a stream that does not exist, so every answer must still be a 4xx refusal (never a 5xx, a hang or a crash).
 */
function badAuth(random: Random): { headers: Record<string, string>; how: string } {
  const region = random.pick(['', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'x'.repeat(random.int(100, 6000)), '../../etc', 'us-east-1 ', 'US-EAST-1', '*', '%00', 'us-east-1/extra']);
  const amzDate = random.pick(['20260101T000000Z', '', 'yesterday', '99999999T999999Z', '2026']);
  const authorization = random.pick([
    'AWS4-HMAC-SHA256',
    'AWS4-HMAC-SHA256 ',
    'AWS4-HMAC-SHA256 Credential=',
    'AWS4-HMAC-SHA256 Credential=AKID',
    `AWS4-HMAC-SHA256 Credential=AKID/20260101/${region}/kinesis/aws4_request, SignedHeaders=host, Signature=00`,
    `AWS4-HMAC-SHA256 Credential=AKID/20260101/${region}, SignedHeaders=host, Signature=00`,
    `AWS4-HMAC-SHA256 Credential=//////, SignedHeaders=, Signature=`,
    `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request,Credential=AKID/20260101/${region}/kinesis/aws4_request`,
    'Basic dXNlcjpwYXNz',
    'Bearer x',
    random.bytes(random.int(1, 200)).toString('base64'),
  ]);
  const headers: Record<string, string> = { ...kinesisHeaders('DescribeStream', JSON_TYPE), Authorization: authorization, 'X-Amz-Date': amzDate };
  if (random.chance(0.2)) headers['X-Amz-Security-Token'] = random.bytes(random.int(1, 500)).toString('base64');
  return { headers, how: `Authorization ${JSON.stringify(authorization.slice(0, 120))}, X-Amz-Date ${JSON.stringify(amzDate)}` };
}

/** How many of the 10,000+ generated requests each category gets. */
export const categoryCounts: Record<Category, number> = {
  'broken-json': 2000,
  'broken-cbor': 1500,
  'wrong-type': 2000,
  'out-of-range': 2500,
  'unknown-target': 1000,
  'missing-header': 1000,
  'bad-auth': 500,
};
