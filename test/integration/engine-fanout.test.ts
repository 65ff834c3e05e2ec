// Enhanced fan-out end to end: the consumer actions with AWS's statuses, limits and messages, and SubscribeToShard
// as an event stream through the JS SDK (HTTP/2 by default, and HTTP/1.1) and through boto3 (HTTP/1.1): every
// record written during a subscription arrives in per-shard order, subscriptions end at their (compressed)
// lifetime, a second subscription is refused, and resuming from ContinuationSequenceNumber loses and
// duplicates nothing.
import {
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  ListStreamConsumersCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  SubscribeToShardCommand,
  type KinesisClient,
  type StartingPosition,
  type SubscribeToShardEvent,
} from '@aws-sdk/client-kinesis';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSubscriptionCount } from '../../main/engine/kinesis/fanout/subscriptionHub';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start, type HandlerCase } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';
import { sleep } from '../support/sleep';

const ACCOUNT = '000000000000';
const SHARD0 = 'shardId-000000000000';
const SHARD1 = 'shardId-000000000001';
const streamArn = (name: string, region = 'us-east-1') => `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${name}`;
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

async function register(kinesis: KinesisClient, stream: string, name = unique('consumer')): Promise<string> {
  const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn(stream), ConsumerName: name }));
  if (!Consumer?.ConsumerARN) throw new Error('no consumer ARN');
  return Consumer.ConsumerARN;
}

/** Writes records (one PutRecords call per 100) and returns, per shard, the sequence numbers in write order. */
async function put(kinesis: KinesisClient, stream: string, texts: readonly string[]): Promise<Map<string, string[]>> {
  const byShard = new Map<string, string[]>();
  for (let i = 0; i < texts.length; i += 100) {
    const batch = texts.slice(i, i + 100);
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: batch.map((t) => ({ PartitionKey: t, Data: encode(t) })) }));
    expect(result.FailedRecordCount).toBe(0);
    for (const entry of result.Records ?? []) {
      const list = byShard.get(entry.ShardId ?? '') ?? [];
      list.push(entry.SequenceNumber ?? '');
      byShard.set(entry.ShardId ?? '', list);
    }
  }
  return byShard;
}

interface Received {
  sequences: string[];
  datas: string[];
  continuation: string | undefined;
  children: string[];
  events: number;
  /** Set when the stream ended with an exception event. */
  error?: { name: string; message: string };
}

type Subscription = AsyncIterator<{ SubscribeToShardEvent?: SubscribeToShardEvent }>;

async function subscribe(kinesis: KinesisClient, consumerArn: string, shardId: string, position: StartingPosition): Promise<Subscription> {
  const { EventStream } = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: position }));
  if (!EventStream) throw new Error('no event stream');
  return EventStream[Symbol.asyncIterator]();
}

/** Reads events until `enough` says so or the stream ends (normally or with an exception event). */
async function collect(subscription: Subscription, enough: (received: Received) => boolean = () => false): Promise<Received> {
  const received: Received = { sequences: [], datas: [], continuation: undefined, children: [], events: 0 };
  try {
    while (!enough(received)) {
      const next = await subscription.next();
      if (next.done) break;
      const event = next.value.SubscribeToShardEvent;
      if (!event) throw new Error(`unexpected event ${JSON.stringify(next.value)}`);
      received.events++;
      for (const record of event.Records ?? []) {
        received.sequences.push(record.SequenceNumber ?? '');
        received.datas.push(decode(record.Data));
      }
      received.continuation = event.ContinuationSequenceNumber ?? received.continuation;
      received.children.push(...(event.ChildShards ?? []).map((c) => c.ShardId ?? ''));
    }
  } catch (error) {
    const e = error as Error;
    received.error = { name: e.name, message: e.message };
  }
  if (enough(received)) await subscription.return?.();
  return received;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('consumers: register, describe, list, deregister', () => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ createStreams: ['orders:1', 'full:1', 'gone:1', 'forced:1'] });
    kinesis = client(engine, HANDLERS[0]);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('registers a consumer as CREATING with an ARN in AWS form, then reports it ACTIVE by ARN and by name', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('orders'), ConsumerName: 'app-1' }));
    expect(Consumer?.ConsumerStatus).toBe('CREATING');
    expect(Consumer?.ConsumerName).toBe('app-1');
    const match = /^arn:aws:kinesis:us-east-1:000000000000:stream\/orders\/consumer\/app-1:(\d+)$/.exec(Consumer?.ConsumerARN ?? '');
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(before);
    expect(Math.floor((Consumer?.ConsumerCreationTimestamp?.getTime() ?? 0) / 1000)).toBe(Number(match?.[1]));

    const byArn = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }));
    expect(byArn.ConsumerDescription).toMatchObject({ ConsumerName: 'app-1', ConsumerStatus: 'ACTIVE', StreamARN: streamArn('orders'), ConsumerARN: Consumer?.ConsumerARN });
    const byName = await kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: streamArn('orders'), ConsumerName: 'app-1' }));
    expect(byName.ConsumerDescription).toEqual(byArn.ConsumerDescription);

    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }));
    expect(summary.StreamDescriptionSummary?.ConsumerCount).toBe(1);
  });

  it('refuses a duplicate name, and a 21st consumer, with AWS error types', async () => {
    const duplicate = await failure(kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('orders'), ConsumerName: 'app-1' })));
    expect(duplicate).toMatchObject({ name: 'ResourceInUseException', message: `Consumer app-1 under stream orders already exists for account ${ACCOUNT}.` });

    for (let i = 0; i < 20; i++) await register(kinesis, 'full', `c${String(i).padStart(2, '0')}`);
    const tooMany = await failure(kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('full'), ConsumerName: 'c20' })));
    expect(tooMany).toMatchObject({
      name: 'LimitExceededException',
      message: `Stream ${streamArn('full')} under account ${ACCOUNT} has reached the limit of 20 registered consumers.`,
    });
  });

  it('lists consumers oldest first, in pages with NextToken, and checks StreamCreationTimestamp', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('full'), MaxResults: 7, NextToken: token }));
      seen.push(...(page.Consumers ?? []).map((c) => c.ConsumerName ?? ''));
      expect((page.Consumers ?? []).every((c) => c.ConsumerStatus === 'ACTIVE')).toBe(true);
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`));

    const created = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'full' }))).StreamDescriptionSummary?.StreamCreationTimestamp;
    const same = await kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('full'), StreamCreationTimestamp: created, MaxResults: 1 }));
    expect(same.Consumers).toHaveLength(1);
    const other = await failure(kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('full'), StreamCreationTimestamp: new Date(86_400_000) })));
    expect(other.name).toBe('InvalidArgumentException');
  });

  it('answers unknown consumers and streams, and missing members, with AWS error types and messages', async () => {
    const unknownName = await failure(kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: streamArn('orders'), ConsumerName: 'nobody' })));
    expect(unknownName).toMatchObject({ name: 'ResourceNotFoundException', message: `Consumer nobody, account ${ACCOUNT} not found for stream ${streamArn('orders')}.` });
    const unknownArn = await failure(kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: `${streamArn('orders')}/consumer/nobody:1700000000` })));
    expect(unknownArn).toMatchObject({ name: 'ResourceNotFoundException', message: `Consumer nobody, account ${ACCOUNT} not found for stream ${streamArn('orders')}.` });
    const noStream = await failure(kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('missing'), ConsumerName: 'x' })));
    expect(noStream).toMatchObject({ name: 'ResourceNotFoundException', message: `Stream missing under account ${ACCOUNT} not found.` });
    const neither = await failure(kinesis.send(new DescribeStreamConsumerCommand({ ConsumerName: 'app-1' })));
    expect(neither).toMatchObject({ name: 'InvalidArgumentException', message: 'Either ConsumerARN or both ConsumerName and StreamARN must be provided.' });
    const badName = await failure(kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('orders'), ConsumerName: 'bad name' })));
    expect(badName).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'bad name' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    });
    const otherRegion = client(engine, HANDLERS[0], 'eu-west-1');
    const regional = await failure(otherRegion.send(new ListStreamConsumersCommand({ StreamARN: streamArn('orders', 'eu-west-1') })));
    expect(regional).toMatchObject({ name: 'ResourceNotFoundException', message: `Stream orders under account ${ACCOUNT} not found.` });
    otherRegion.destroy();
  });

  it('deregisters by ARN or by name; DeleteStream needs EnforceConsumerDeletion while consumers exist', async () => {
    const arn = await register(kinesis, 'gone', 'a');
    await register(kinesis, 'gone', 'b');
    await kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: arn }));
    await kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: streamArn('gone'), ConsumerName: 'b' }));
    const left = await kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('gone') }));
    expect(left.Consumers).toEqual([]);
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'gone' }));

    await register(kinesis, 'forced', 'keep');
    const refused = await failure(kinesis.send(new DeleteStreamCommand({ StreamName: 'forced' })));
    expect(refused).toMatchObject({
      name: 'ResourceInUseException',
      message:
        `DeleteStream can\u2019t delete ${ACCOUNT}:forced because there are consumers associated with this data stream. ` +
        'To delete forced anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.',
    });
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'forced', EnforceConsumerDeletion: true }));
    const after = await failure(kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('forced') })));
    expect(after.name).toBe('ResourceNotFoundException');
  });
});

describe('consumers: status delays and persistence', () => {
  it('stays CREATING and DELETING for the configured delay, refuses to subscribe meanwhile, and survives a restart', async () => {
    const dir = tempDir('engine');
    let engine = await start({ dataDir: dir.path, statusDelayMs: 300, createStreams: ['slow:1'] });
    let kinesis = client(engine, HANDLERS[0]);
    try {
      const arn = await register(kinesis, 'slow', 'late');
      const created = Number(/:(\d+)$/.exec(arn)?.[1]);
      const early = await failure(kinesis.send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } })));
      expect(early).toMatchObject({
        name: 'ResourceInUseException',
        message: `Consumer late with creation timestamp ${created} under stream: slow , account ${ACCOUNT} is not in ACTIVE status.`,
      });
      const describe = () => kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: arn }));
      expect((await describe()).ConsumerDescription?.ConsumerStatus).toBe('CREATING');
      await until(async () => (await describe()).ConsumerDescription?.ConsumerStatus === 'ACTIVE', 'ACTIVE');

      kinesis.destroy();
      await engine.close();
      engine = await start({ dataDir: dir.path, statusDelayMs: 300 });
      kinesis = client(engine, HANDLERS[0]);
      expect((await describe()).ConsumerDescription).toMatchObject({ ConsumerName: 'late', ConsumerStatus: 'ACTIVE', ConsumerARN: arn });

      await kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: arn }));
      expect((await describe()).ConsumerDescription?.ConsumerStatus).toBe('DELETING');
      const gone = () => describe().then(() => false, (error: Error) => error.name === 'ResourceNotFoundException');
      await until(gone, 'the consumer to go');
    } finally {
      kinesis.destroy();
      await engine.close();
      dir.remove();
    }
  });
});

describe.each(HANDLERS)('SubscribeToShard through the JS SDK, $name', (handler: HandlerCase) => {
  let engine: RunningEngine;
  let short: RunningEngine;
  let kinesis: KinesisClient;
  let shortKinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ createStreams: ['live:2', 'split:1'] });
    short = await start({ createStreams: ['brief:1'], subscriptionLifetimeMs: 1500, subscriptionTakeoverMs: 0 });
    kinesis = client(engine, handler);
    shortKinesis = client(short, handler);
  });
  afterAll(async () => {
    kinesis.destroy();
    shortKinesis.destroy();
    await engine.close();
    await short.close();
  });

  it('delivers every record written during the subscription, in per-shard order, on every shard', async () => {
    const arn = await register(kinesis, 'live');
    const subscriptions = await Promise.all([SHARD0, SHARD1].map((shard) => subscribe(kinesis, arn, shard, { Type: 'LATEST' })));
    const texts = Array.from({ length: 600 }, (_, i) => `record-${i}`);
    const written = await put(kinesis, 'live', texts);
    expect(written.size).toBe(2);
    const received = await Promise.all(
      [SHARD0, SHARD1].map((shard, i) => {
        const expected = written.get(shard) ?? [];
        return collect(subscriptions[i] as Subscription, (r) => r.sequences.length >= expected.length);
      }),
    );
    expect(received[0]?.sequences).toEqual(written.get(SHARD0));
    expect(received[1]?.sequences).toEqual(written.get(SHARD1));
    expect(received.every((r) => r.error === undefined)).toBe(true);
  });

  it('refuses a second subscription to the same shard for the same consumer while one is live', async () => {
    const arn = await register(kinesis, 'live');
    const first = await subscribe(kinesis, arn, SHARD0, { Type: 'LATEST' });
    const second = await failure(kinesis.send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } })));
    const name = /consumer\/([^:]+):/.exec(arn)?.[1];
    expect(second).toMatchObject({ name: 'ResourceInUseException', message: `Another active subscription exists for this consumer: ${ACCOUNT}:live:${SHARD0}:${name}` });
    // Another shard, or another consumer, is fine.
    const otherShard = await subscribe(kinesis, arn, SHARD1, { Type: 'LATEST' });
    await otherShard.return?.();
    await first.return?.();
  });

  it('ends subscriptions at their lifetime, and resuming AFTER_SEQUENCE_NUMBER the continuation loses and repeats nothing', async () => {
    const arn = await register(shortKinesis, 'brief');
    const all: string[] = [];
    let position: StartingPosition = { Type: 'TRIM_HORIZON' };
    let round = 0;
    const writer = (async () => {
      for (let i = 0; i < 12; i++) {
        const texts = Array.from({ length: 25 }, (_, j) => `r${i}-${j}`);
        all.push(...((await put(shortKinesis, 'brief', texts)).get(SHARD0) ?? []));
        await sleep(250);
      }
    })();
    const seen: string[] = [];
    let writing = true;
    void writer.then(() => (writing = false));
    while (writing || seen.length < all.length) {
      const received = await collect(await subscribe(shortKinesis, arn, SHARD0, position));
      expect(received.error).toBeUndefined();
      seen.push(...received.sequences);
      if (received.continuation) position = { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: received.continuation };
      round++;
      if (round > 20) throw new Error('too many rounds');
    }
    await writer;
    expect(round).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(all);
  });

  it('answers bad requests before the stream starts as ordinary AWS errors', async () => {
    const arn = await register(kinesis, 'live');
    const call = (input: { ConsumerARN: string; ShardId: string; StartingPosition: StartingPosition }) => failure(kinesis.send(new SubscribeToShardCommand(input)));
    expect(await call({ ConsumerARN: arn, ShardId: 'shardId-000000000009', StartingPosition: { Type: 'LATEST' } })).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Shard shardId-000000000009 in stream live under account ${ACCOUNT} does not exist`,
    });
    expect(await call({ ConsumerARN: `${streamArn('live')}/consumer/ghost:1700000000`, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } })).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Consumer ghost, account ${ACCOUNT} not found for stream ${streamArn('live')}.`,
    });
    expect(await call({ ConsumerARN: arn, ShardId: SHARD0, StartingPosition: { Type: 'AT_SEQUENCE_NUMBER' } })).toMatchObject({
      name: 'InvalidArgumentException',
      message:
        'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
        'Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.',
    });
    expect(await call({ ConsumerARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/live', ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } })).toMatchObject({
      name: 'ValidationException',
    });
  });

  it('delivers AT_TIMESTAMP and AT_SEQUENCE_NUMBER from the right record', async () => {
    const arn = await register(kinesis, 'live');
    const written = await put(kinesis, 'live', ['t-a', 't-b', 't-c', 't-d']);
    const sequences = [...written.values()].find((list) => list.length >= 2) ?? [];
    const shard = [...written.entries()].find(([, list]) => list === sequences)?.[0] ?? SHARD0;
    const at = await collect(await subscribe(kinesis, arn, shard, { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: sequences[1] }), (r) => r.sequences.length >= sequences.length - 1);
    expect(at.sequences.slice(0, sequences.length - 1)).toEqual(sequences.slice(1));
    const arn2 = await register(kinesis, 'live');
    const fromTime = await collect(await subscribe(kinesis, arn2, shard, { Type: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() - 60_000) }), (r) => r.sequences.includes(sequences[sequences.length - 1] ?? ''));
    expect(fromTime.sequences).toEqual(expect.arrayContaining(sequences));
  });

  it('ends the subscription on the engine when the client aborts the call', async () => {
    const arn = await register(kinesis, 'live');
    const before = liveSubscriptionCount(engine.kinesis);
    const abort = new AbortController();
    await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: SHARD0, StartingPosition: { Type: 'LATEST' } }), { abortSignal: abort.signal });
    expect(liveSubscriptionCount(engine.kinesis)).toBe(before + 1);
    abort.abort();
    await until(() => liveSubscriptionCount(engine.kinesis) === before, 'the engine to drop the subscription');
  });

  it('ends with ChildShards once a split shard is drained', async () => {
    const arn = await register(kinesis, 'split');
    const subscription = await subscribe(kinesis, arn, SHARD0, { Type: 'TRIM_HORIZON' });
    const written = await put(kinesis, 'split', ['s-1', 's-2', 's-3']);
    await kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: SHARD0, NewStartingHashKey: (2n ** 127n).toString() }));
    const received = await collect(subscription);
    expect(received.error).toBeUndefined();
    expect(received.sequences).toEqual(written.get(SHARD0));
    expect(received.children.sort()).toEqual(['shardId-000000000001', 'shardId-000000000002']);
  });

  it('ends a live subscription with an exception event when it is taken over, or its consumer deregistered', async () => {
    const arn = await register(shortKinesis, 'brief');
    const first = await subscribe(shortKinesis, arn, SHARD0, { Type: 'LATEST' });
    const second = await subscribe(shortKinesis, arn, SHARD0, { Type: 'LATEST' });
    const name = /consumer\/([^:]+):/.exec(arn)?.[1];
    expect((await collect(first)).error).toEqual({ name: 'ResourceInUseException', message: `Another active subscription exists for this consumer: ${ACCOUNT}:brief:${SHARD0}:${name}` });
    await shortKinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: arn }));
    expect((await collect(second)).error).toEqual({ name: 'ResourceNotFoundException', message: `Consumer ${arn} is being deregistered.` });
  });
});

interface PyLine {
  subscribed?: boolean;
  second?: string;
  records?: [string, string, string][];
  continuation?: string | null;
  children?: string[];
  end?: boolean;
  error?: string;
  message?: string;
}

/** Runs fanout_boto3.py; resolves `subscribed` once boto3 has the initial response, `done` with every line. */
function boto3Subscribe(endpoint: string, consumerArn: string, shardId: string, type: string, sequence?: string) {
  const child = spawn('/usr/bin/python3', [join(__dirname, 'fanout_boto3.py'), endpoint, consumerArn, shardId, type, ...(sequence ? [sequence] : [])], {
    env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  const lines: PyLine[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let markSubscribed: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => (markSubscribed = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const parsed = JSON.parse(line) as PyLine;
    lines.push(parsed);
    if (parsed.subscribed || parsed.error) markSubscribed();
  });
  const done = new Promise<PyLine[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`fanout_boto3.py exited ${code}: ${stderr}`))));
  });
  return { subscribed, done };
}

describe('SubscribeToShard through boto3 (HTTP/1.1)', () => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ createStreams: ['py:1'], subscriptionLifetimeMs: 2000 });
    kinesis = client(engine, HANDLERS[0]);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('receives every record written during the subscription in order, until the lifetime ends it; then resumes from the continuation', async () => {
    const arn = await register(kinesis, 'py');
    const first = boto3Subscribe(engine.endpoint, arn, SHARD0, 'LATEST');
    await first.subscribed;
    const batchA = (await put(kinesis, 'py', Array.from({ length: 150 }, (_, i) => `a${i}`))).get(SHARD0) ?? [];
    const linesA = await first.done;
    expect(linesA.at(-1)).toEqual({ end: true });
    const gotA = linesA.flatMap((line) => line.records ?? []);
    expect(gotA.map(([seq]) => seq)).toEqual(batchA);
    expect(gotA.map(([, data]) => Buffer.from(data, 'base64').toString())).toEqual(Array.from({ length: 150 }, (_, i) => `a${i}`));
    const continuation = linesA.filter((line) => line.continuation).at(-1)?.continuation ?? '';

    const batchB = (await put(kinesis, 'py', ['b0', 'b1', 'b2'])).get(SHARD0) ?? [];
    const second = boto3Subscribe(engine.endpoint, arn, SHARD0, 'AFTER_SEQUENCE_NUMBER', continuation);
    await second.subscribed;
    const batchC = (await put(kinesis, 'py', ['c0', 'c1'])).get(SHARD0) ?? [];
    const linesB = await second.done;
    expect(linesB.flatMap((line) => line.records ?? []).map(([seq]) => seq)).toEqual([...batchB, ...batchC]);
  });

  it('refuses a second subscription with ResourceInUseException', async () => {
    const arn = await register(kinesis, 'py');
    const name = /consumer\/([^:]+):/.exec(arn)?.[1];
    const lines = await boto3Subscribe(engine.endpoint, arn, SHARD0, 'TWICE').done;
    expect(lines).toEqual([
      { subscribed: true },
      { error: 'ResourceInUseException', message: `Another active subscription exists for this consumer: ${ACCOUNT}:py:${SHARD0}:${name}` },
    ]);
  });

  it('reports errors before the stream as boto3 ClientErrors', async () => {
    const lines = await boto3Subscribe(engine.endpoint, `${streamArn('py')}/consumer/ghost:1700000000`, SHARD0, 'LATEST').done;
    expect(lines).toEqual([{ error: 'ResourceNotFoundException', message: `Consumer ghost, account ${ACCOUNT} not found for stream ${streamArn('py')}.` }]);
  });
});
