// The engine's admin API (Shardscope_20261128.*): live stats that equal exactly what was sent and read, reset,
// snapshot and restore round trips, limits and faults switched at run time, AWS-shaped errors, the refusal of
// browser requests, and the CLI's --limits / --faults switches.
import { CreateStreamCommand, DeleteStreamCommand, DescribeStreamConsumerCommand, GetRecordsCommand, ListStreamsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand, RegisterStreamConsumerCommand, SubscribeToShardCommand, type _Record } from '@aws-sdk/client-kinesis';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { EngineAdmin, type StatsSample } from '../../main/services/engineAdmin';
import { admin, readShard } from '../support/engine-controls-kit';
import { sleep } from '../support/sleep';
import { client, failure, HANDLERS, raw, start } from '../support/engine-kit';
import { waitForStatus } from '../support/kinesis';
import { tempDir } from '../support/tempDir';

const SHARDS = ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002'];
const size = (r: { Data?: Uint8Array; PartitionKey?: string }) => (r.Data?.length ?? 0) + Buffer.byteLength(r.PartitionKey ?? '');

describe('admin API', () => {
  let engine: RunningEngine;
  let control: EngineAdmin;

  beforeAll(async () => {
    engine = await start({ createStreams: ['stats:3', 'snap:3', 'plain:1', 'watched:1', 'fanned:1'] });
    control = admin(engine);
  });
  afterAll(() => engine.close());

  it('GetStreamStats counts exactly what was written and read, per shard, with the top partition keys', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    const sent = new Map<string, { records: number; bytes: number }>();
    const keyTraffic = new Map<string, number>();
    const note = (shardId: string | undefined, record: { Data: Uint8Array; PartitionKey: string }) => {
      const entry = sent.get(shardId ?? '') ?? { records: 0, bytes: 0 };
      entry.records++;
      entry.bytes += size(record);
      sent.set(shardId ?? '', entry);
      keyTraffic.set(record.PartitionKey, (keyTraffic.get(record.PartitionKey) ?? 0) + 1);
    };
    for (let b = 0; b < 4; b++) {
      // Skewed keys: "k0" gets the most traffic, then "k1", ...
      const records = Array.from({ length: 250 }, (_, i) => ({ PartitionKey: `k${Math.floor(Math.sqrt(i)) % 12}`, Data: new Uint8Array(1 + ((i * 7 + b) % 90)) }));
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'stats', Records: records }));
      out.Records?.forEach((entry, i) => note(entry.ShardId, records[i] as (typeof records)[number]));
    }
    for (let i = 0; i < 5; i++) {
      const record = { PartitionKey: `single-${i}`, Data: new Uint8Array(i + 10) };
      const out = await kinesis.send(new PutRecordCommand({ StreamName: 'stats', ...record }));
      note(out.ShardId, record);
    }
    const read = new Map<string, { records: number; bytes: number; maxBehind: number }>();
    for (const shardId of SHARDS) {
      const { records, millisBehind } = await readShard(kinesis, 'stats', shardId, 97);
      read.set(shardId, { records: records.length, bytes: records.reduce((a, r) => a + size(r), 0), maxBehind: Math.max(...millisBehind) });
    }

    const stats = await control.getStreamStats({ StreamName: 'stats' }, { seconds: 120, topKeys: 3 });
    expect(stats.Shards.map((s) => s.ShardId)).toEqual(SHARDS);
    let totalRecords = 0;
    for (const shard of stats.Shards) {
      const expected = sent.get(shard.ShardId) ?? { records: 0, bytes: 0 };
      const got = read.get(shard.ShardId);
      expect(shard.Totals).toMatchObject({
        IncomingRecords: expected.records,
        IncomingBytes: expected.bytes,
        GetRecordsRecords: got?.records,
        GetRecordsBytes: got?.bytes,
        FanOutRecords: 0,
        WriteThrottles: 0,
        ReadThrottles: 0,
        IteratorAgeMs: got?.maxBehind,
      });
      // The per-second series add up to the same numbers (everything happened within the window).
      expect(shard.Window).toEqual(shard.Totals);
      expect(shard.Series.IncomingRecords.reduce((a, b) => a + b, 0)).toBe(expected.records);
      expect(shard.Series.IncomingRecords).toHaveLength(120);
      totalRecords += expected.records;
    }
    expect(stats.Stream.Totals.IncomingRecords).toBe(1005);
    expect(totalRecords).toBe(1005);
    // Top keys: per shard, ordered by records, counted exactly.
    for (const shard of stats.Shards) {
      expect(shard.TopPartitionKeys.length).toBeLessThanOrEqual(3);
      for (const key of shard.TopPartitionKeys) expect(key.Records).toBe(keyTraffic.get(key.PartitionKey));
      const counts = shard.TopPartitionKeys.map((k) => k.Records);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
    const hottest = [...keyTraffic].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(stats.Shards.some((s) => s.TopPartitionKeys[0]?.PartitionKey === hottest)).toBe(true);

    const one = await control.getStreamStats({ StreamName: 'stats' }, { shardId: SHARDS[1], seconds: 5, topKeys: 0 });
    expect(one.Shards).toHaveLength(1);
    expect(one.Shards[0]?.TopPartitionKeys).toEqual([]);
  });

  it('a stream created after another was deleted starts with no stats, though SQLite gives it the deleted rows’ ids', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'short-lived', ShardCount: 1 }));
      await waitForStatus(kinesis, 'short-lived');
      await kinesis.send(new PutRecordsCommand({ StreamName: 'short-lived', Records: Array.from({ length: 5 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from('old') })) }));
      expect((await control.getStreamStats({ StreamName: 'short-lived' }, { seconds: 60, topKeys: 0 })).Stream.Totals.IncomingRecords).toBe(5);
      await kinesis.send(new DeleteStreamCommand({ StreamName: 'short-lived' }));
      while ((await kinesis.send(new ListStreamsCommand({}))).StreamNames?.includes('short-lived')) await sleep(10);
      await kinesis.send(new CreateStreamCommand({ StreamName: 'newcomer', ShardCount: 1 }));
      await waitForStatus(kinesis, 'newcomer');
      const stats = await control.getStreamStats({ StreamName: 'newcomer' }, { seconds: 60, topKeys: 0 });
      expect(stats.Stream.Totals.IncomingRecords).toBe(0);
      expect(stats.Shards[0]?.Totals.IncomingRecords).toBe(0);
    } finally {
      kinesis.destroy();
    }
  });

  it('GetStreamStats counts fan-out deliveries apart from GetRecords', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fanned', ConsumerName: 'stats-reader' }));
    const consumerArn = Consumer?.ConsumerARN ?? '';
    while ((await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumerArn }))).ConsumerDescription?.ConsumerStatus !== 'ACTIVE') await sleep(10);
    const records = Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: new Uint8Array(10 + i) }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'fanned', Records: records }));
    const { EventStream } = await kinesis.send(
      new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: SHARDS[0], StartingPosition: { Type: 'TRIM_HORIZON' } }),
    );
    let delivered = 0;
    for await (const event of EventStream ?? []) {
      delivered += event.SubscribeToShardEvent?.Records?.length ?? 0;
      if (delivered >= records.length) break;
    }
    kinesis.destroy();
    expect(delivered).toBe(records.length);
    const stats = await control.getStreamStats({ StreamName: 'fanned' }, { seconds: 60, topKeys: 0 });
    expect(stats.Shards[0]?.Totals).toMatchObject({
      FanOutRecords: records.length,
      FanOutBytes: records.reduce((sum, r) => sum + size(r), 0),
      GetRecordsRecords: 0,
    });
  });

  it('snapshot and restore round-trip records, sequence numbers and arrival timestamps; reset drops records only', async () => {
    const kinesis = client(engine, HANDLERS[1]);
    for (let b = 0; b < 3; b++) {
      await kinesis.send(new PutRecordsCommand({ StreamName: 'snap', Records: Array.from({ length: 400 }, (_, i) => ({ PartitionKey: `p${b}-${i}`, Data: Buffer.from(`payload ${b}/${i} ✓`) })) }));
    }
    const readAll = async () => {
      const out: _Record[] = [];
      for (const shardId of SHARDS) out.push(...(await readShard(kinesis, 'snap', shardId)).records);
      return out.map((r) => ({ seq: r.SequenceNumber, key: r.PartitionKey, data: Buffer.from(r.Data ?? []).toString(), at: r.ApproximateArrivalTimestamp?.getTime() }));
    };
    const before = await readAll();
    expect(before).toHaveLength(1200);
    const dir = tempDir('engine');
    try {
      const path = join(dir.path, 'snap.ndjson');
      expect(await control.snapshotStream({ StreamName: 'snap' }, path)).toMatchObject({ StreamName: 'snap', Records: 1200, Shards: 3 });

      expect(await control.resetStream({ StreamName: 'snap' })).toEqual({ StreamName: 'snap', RecordsDeleted: 1200 });
      expect(await readAll()).toEqual([]);
      const shards = (await control.getStreamStats({ StreamName: 'snap' })).Shards.map((s) => s.ShardId);
      expect(shards).toEqual(SHARDS); // shards stay

      expect(await control.restoreStream({ StreamName: 'snap' }, path)).toEqual({ StreamName: 'snap', Path: path, Records: 1200, SequenceNumbersPreserved: true });
      expect(await readAll()).toEqual(before);

      // New writes land after the restored records.
      const fresh = await kinesis.send(new PutRecordCommand({ StreamName: 'snap', PartitionKey: 'p0-0', Data: Buffer.from('after') }));
      const sameShard = before.filter((r) => r.key === 'p0-0')[0];
      expect(BigInt(fresh.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(sameShard?.seq ?? '0'));

      // A restore is all or nothing: a snapshot naming a shard the stream lacks changes nothing.
      const foreign = join(dir.path, 'foreign.ndjson');
      expect((await control.snapshotStream({ StreamName: 'stats' }, foreign)).Records).toBe(1005);
      const plainBefore = (await readShard(kinesis, 'plain', SHARDS[0] as string)).records.length;
      await kinesis.send(new PutRecordCommand({ StreamName: 'plain', PartitionKey: 'x', Data: Buffer.from('kept') }));
      const refused = await failure(control.restoreStream({ StreamName: 'plain' }, foreign));
      expect(refused.name).toBe('InvalidArgumentException');
      expect(refused.message).toMatch(/^Snapshot shard shardId-00000000000[12] does not exist in stream plain\.$/);
      expect((await readShard(kinesis, 'plain', SHARDS[0] as string)).records).toHaveLength(plainBefore + 1);
    } finally {
      dir.remove();
    }
  });

  it('watchStreamStats delivers each complete second once, in order, adding up to what was written', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    const samples: StatsSample[] = [];
    const watch = control.watchStreamStats({ StreamName: 'watched' }, (sample) => samples.push(sample), { intervalMs: 200 });
    const sum = () => samples.reduce((a, x) => a + x.Stream.IncomingRecords, 0);
    try {
      for (let i = 0; i < 3; i++) {
        await kinesis.send(new PutRecordsCommand({ StreamName: 'watched', Records: Array.from({ length: 10 }, (_, j) => ({ PartitionKey: `w${j}`, Data: new Uint8Array(4) })) }));
        await sleep(600);
      }
      for (let i = 0; i < 50 && sum() < 30; i++) await sleep(100);
    } finally {
      watch.stop();
    }
    expect(sum()).toBe(30);
    const seconds = samples.map((x) => x.Second);
    seconds.forEach((second, i) => i > 0 && expect(second).toBe((seconds[i - 1] ?? 0) + 1000));
    expect(samples.every((x) => x.StreamName === 'watched' && x.Shards.length === 1)).toBe(true);
  });

  it('answers errors in AWS shapes, validated by the rules DSL', async () => {
    expect(await failure(control.getStreamStats({ StreamName: 'nope' }))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Stream nope under account 000000000000 not found.' });
    const bad = await raw(engine, 'Shardscope_20261128.GetStreamStats', JSON.stringify({ StreamName: 'stats', Seconds: 0 }));
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'seconds' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(await failure(control.snapshotStream({ StreamName: 'stats' }, 'relative.ndjson'))).toMatchObject({ name: 'InvalidArgumentException', message: 'Path relative.ndjson must be absolute.' });
    const unknown = await raw(engine, 'Shardscope_20261128.DropEverything', '{}');
    expect(unknown.json()).toEqual({ __type: 'UnknownOperationException' });
    // Admin actions are not Kinesis actions, and the reverse.
    expect((await raw(engine, 'Kinesis_20131202.GetLimits', '{}')).json()).toEqual({ __type: 'UnknownOperationException' });
  });

  it('refuses requests from browsers (an Origin header)', async () => {
    const response = await fetch(engine.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Shardscope_20261128.ResetStream', origin: 'https://evil.example' },
      body: JSON.stringify({ StreamName: 'stats' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ __type: 'AccessDeniedException', message: 'The Shardscope admin API does not accept browser requests.' });
    expect((await control.getStreamStats({ StreamName: 'stats' })).Stream.Totals.IncomingRecords).toBe(1005);
  });

  it('switches limits per stream and engine-wide at run time, and is not subject to injected faults', async () => {
    expect((await control.getLimits()).Mode).toBe('off');
    const set = await control.setStreamLimits({ StreamName: 'plain' }, 'realistic');
    expect(set.Stream).toMatchObject({ StreamName: 'plain', Mode: 'realistic', EffectiveMode: 'realistic', StreamMode: 'PROVISIONED' });
    expect(set.StreamOverrides).toEqual([{ Region: 'us-east-1', StreamName: 'plain', Mode: 'realistic' }]);
    const kinesis = client(engine, HANDLERS[0]);
    const big = new Uint8Array(900 * 1024);
    await kinesis.send(new PutRecordCommand({ StreamName: 'plain', PartitionKey: 'a', Data: big }));
    expect((await failure(kinesis.send(new PutRecordCommand({ StreamName: 'plain', PartitionKey: 'a', Data: big })))).name).toBe('ProvisionedThroughputExceededException');
    await control.setStreamLimits({ StreamName: 'plain' }, 'engine');
    await kinesis.send(new PutRecordCommand({ StreamName: 'plain', PartitionKey: 'a', Data: big }));
    const engineWide = await control.setEngineLimits({ Mode: 'realistic', BurstSeconds: 2 });
    expect(engineWide).toMatchObject({ Mode: 'realistic', BurstSeconds: 2, StreamOverrides: [] });
    await control.setEngineLimits({ Mode: 'off', BurstSeconds: 1 });

    await control.setFaults([{ ErrorRate: 1, ErrorType: 'ServiceUnavailable' }]);
    try {
      expect((await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'plain', ShardId: SHARDS[0], ShardIteratorType: 'LATEST' })))).status).toBe(503);
      expect((await control.getStreamStats({ StreamName: 'plain' })).StreamName).toBe('plain');
    } finally {
      await control.setFaults([]);
    }
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'plain', ShardId: SHARDS[0], ShardIteratorType: 'LATEST' }));
    await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  });
});

describe('the CLI switches', () => {
  it('--limits realistic and --faults FILE configure the engine it starts', async () => {
    const dir = tempDir('engine');
    const file = join(dir.path, 'faults.json');
    writeFileSync(file, JSON.stringify({ Seed: 7, Rules: [{ StreamName: 'orders', Action: '*', LatencyMs: 5, JitterMs: 5 }] }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/engine.ts', '--port', '0', '--in-memory', '--create-streams', 'orders:1', '--limits', 'realistic', '--faults', file], { cwd: process.cwd() });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`engine exited with ${code}: ${output}`)));
      });
      const cli = new EngineAdmin({ endpoint });
      expect((await cli.getLimits()).Mode).toBe('realistic');
      expect(await cli.getFaults()).toEqual({ Seed: 7, Rules: [{ StreamName: 'orders', Action: '*', LatencyMs: 5, JitterMs: 5 }] });
    } finally {
      child.kill('SIGKILL');
      dir.remove();
    }
  });
});
