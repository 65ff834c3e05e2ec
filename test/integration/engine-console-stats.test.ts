// The console's engine controls as the app serves them: the app dispatcher (createAppDispatcher, every fragment
// spread in) over the memory transport, a ConnectionManager on a real engine, records written and read with the
// real SDK. Proves: engine.stats counts exactly what was written and read (backfilled and live seconds alike),
// limits and faults set through the contract act on the engine, the contract and the engine accept and refuse
// the same fault values, reset asks for the typed name, snapshots are refused over the web host, and stats
// refuse a connection that is not the local engine (kinesalite behind a custom endpoint).
import { CreateStreamCommand, PutRecordCommand, PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatsItem, FaultRule } from '../../shared/contract/engine';
import { contract, type AppContract, type RpcErrorShape } from '../../shared/contract/index';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { LOCAL_ID } from '../../main/connections/connectionModel';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { createAppDispatcher } from '../../main/app/appHandlers';
import { createEngineStateStore } from '../../main/app/localEngineSupervisor';
import { EngineAdmin, EngineAdminError } from '../../main/services/engineAdmin';
import { toAdminRule } from '../../main/services/localEngineControls';
import { Generators } from '../../main/services/producers/generators';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import type { RpcClient, SubscriptionHandle } from '../../renderer/api/client';
import { startPeer, type RunningPeer } from '../support/peers';
import { readShard } from '../support/engine-controls-kit';
import { sdkClient } from '../support/kinesis';
import { memoryClient } from '../support/rpc-kit';
import { sleep } from '../support/sleep';
import { tempDir } from '../support/tempDir';

type AppClient = RpcClient<AppContract>;

interface Kit {
  engine: RunningEngine;
  manager: ConnectionManager;
  client: AppClient;
  /** The same dispatcher behind a port labelled as the web host's WebSocket transport. */
  webClient: AppClient;
  kinesis: KinesisClient;
  dataDir: string;
  close(): Promise<void>;
}

async function startKit(): Promise<Kit> {
  const engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
  const scratch = tempDir('engine-console');
  const dataDir = scratch.path;
  const settings: SettingsStore = openSettingsStore(join(dataDir, 'settings.db'));
  const none = join(dataDir, 'none');
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => ({ config: none, credentials: none }) });
  const generators = new Generators(manager);
  const { dispatcher, dispose } = createAppDispatcher({ identity: { version: '0.0.0-test', dataDir }, engine: createEngineStateStore(), features: { connections: manager, generators, settings } });
  const client = await memoryClient(dispatcher, contract, 'engine-console-memory');
  const webClient = await memoryClient(dispatcher, contract, 'engine-console-websocket', 'websocket');
  const kinesis = sdkClient(engine.endpoint);
  return {
    engine,
    manager,
    client,
    webClient,
    kinesis,
    dataDir,
    async close() {
      kinesis.destroy();
      await generators.close();
      dispose();
      manager.close();
      settings.close();
      scratch.remove();
      await engine.close();
    },
  };
}

/** The error a contract call rejects with, as { code, message }; fails when the call succeeds. */
async function refusal(call: Promise<unknown>): Promise<RpcErrorShape> {
  try {
    await call;
  } catch (error) {
    const { code, message } = error as RpcErrorShape;
    return { code, message };
  }
  throw new Error('expected the call to be refused');
}

interface StatsRun {
  items: EngineStatsItem[];
  handle: SubscriptionHandle;
  ended: Promise<RpcErrorShape | undefined>;
  /** Resolves once an item for a second at or after `ms` has arrived. */
  until(ms: number): Promise<void>;
}

function watchStats(client: AppClient, params: { stream: string; windowSeconds?: number; shardId?: string; topKeys?: number }): StatsRun {
  const items: EngineStatsItem[] = [];
  const waiting: { ms: number; resolve(): void }[] = [];
  let endedWith: (error: RpcErrorShape | undefined) => void = () => undefined;
  const ended = new Promise<RpcErrorShape | undefined>((resolve) => (endedWith = resolve));
  const handle = client.subscribe('engine.stats', params, {
    onBatch: (batch) => {
      items.push(...batch);
      const last = items.at(-1)?.second ?? 0;
      for (const w of waiting.splice(0)) {
        if (last >= w.ms) w.resolve();
        else waiting.push(w);
      }
    },
    onEnd: (error) => endedWith(error),
  });
  return {
    items,
    handle,
    ended,
    until: (ms) =>
      new Promise<void>((resolve, reject) => {
        if ((items.at(-1)?.second ?? 0) >= ms) return resolve();
        waiting.push({ ms, resolve });
        void ended.then((error) => reject(new Error(`stats ended before ${ms}: ${error?.code ?? 'ok'} ${error?.message ?? ''}`)));
      }),
  };
}

const size = (r: { Data?: Uint8Array; PartitionKey?: string }) => (r.Data?.length ?? 0) + Buffer.byteLength(r.PartitionKey ?? '');

async function createStream(kinesis: KinesisClient, name: string, shards: number): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await sleep(50);
}

describe('engine console controls through the app contract', () => {
  let kit: Kit;

  beforeAll(async () => {
    kit = await startKit();
  });
  afterAll(() => kit?.close());

  it('engine.stats counts exactly what was written and read, in backfilled and live seconds, one item per second', async () => {
    const { kinesis, client } = kit;
    await createStream(kinesis, 'counted', 2);
    const sent = new Map<string, { records: number; bytes: number }>();
    const put = async (entries: PutRecordsRequestEntry[]) => {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'counted', Records: entries }));
      expect(out.FailedRecordCount).toBe(0);
      out.Records?.forEach((r, i) => {
        const entry = sent.get(r.ShardId ?? '') ?? { records: 0, bytes: 0 };
        entry.records++;
        entry.bytes += size(entries[i] ?? {});
        sent.set(r.ShardId ?? '', entry);
      });
    };
    const batch = (n: number, salt: number) => Array.from({ length: n }, (_, i) => ({ PartitionKey: i % 3 === 0 ? 'hot-key' : `key-${i}-${salt}`, Data: new Uint8Array(1 + ((i * 13 + salt) % 200)) }));

    // Before the subscription: these seconds come through the backfill.
    await put(batch(120, 1));
    const stats = watchStats(client, { stream: 'counted', windowSeconds: 30, topKeys: 3 });
    await stats.until(0);
    // During it: these come live.
    await put(batch(90, 2));
    const read = new Map<string, { records: number; bytes: number }>();
    for (const shardId of ['shardId-000000000000', 'shardId-000000000001']) {
      const { records } = await readShard(kinesis, 'counted', shardId);
      read.set(shardId, { records: records.length, bytes: records.reduce((sum, r) => sum + size(r), 0) });
    }
    const doneAt = Date.now();
    await stats.until(Math.floor(doneAt / 1000) * 1000);
    stats.handle.unsubscribe();

    const { items } = stats;
    for (let i = 1; i < items.length; i++) expect((items[i]?.second ?? 0) - (items[i - 1]?.second ?? 0)).toBe(1000);
    const sum = (shardId: string, pick: (m: EngineStatsItem['stream']) => number) => items.reduce((total, item) => total + pick(item.shards.find((s) => s.shardId === shardId)?.metrics ?? item.stream), 0);
    let totalRecords = 0;
    for (const [shardId, expected] of sent) {
      expect(sum(shardId, (m) => m.incomingRecords)).toBe(expected.records);
      expect(sum(shardId, (m) => m.incomingBytes)).toBe(expected.bytes);
      totalRecords += expected.records;
    }
    expect(totalRecords).toBe(210);
    for (const [shardId, expected] of read) {
      expect(expected.records).toBe(sent.get(shardId)?.records);
      expect(sum(shardId, (m) => m.getRecordsRecords)).toBe(expected.records);
      expect(sum(shardId, (m) => m.getRecordsBytes)).toBe(expected.bytes);
      expect(sum(shardId, (m) => m.writeThrottles + m.readThrottles + m.fanOutRecords)).toBe(0);
    }
    expect(items.reduce((total, item) => total + item.stream.incomingRecords, 0)).toBe(210);
    // Top keys: every third record went to hot-key, all within the 60-second window.
    const hot = items.flatMap((item) => item.shards.flatMap((s) => s.topKeys)).filter((k) => k.partitionKey === 'hot-key');
    expect(hot.length).toBeGreaterThan(0);
    expect(Math.max(...hot.map((k) => k.records))).toBe(70);
  });

  it('engine.stats with a shard sends only that shard, and refuses unknown streams and shards', async () => {
    const { client } = kit;
    const one = watchStats(client, { stream: 'counted', shardId: 'shardId-000000000001' });
    await one.until(0);
    one.handle.unsubscribe();
    expect(one.items.every((item) => item.shards.length === 1 && item.shards[0]?.shardId === 'shardId-000000000001')).toBe(true);
    expect((await watchStats(client, { stream: 'nowhere' }).ended)?.code).toBe('ResourceNotFoundException');
    expect((await watchStats(client, { stream: 'counted', shardId: 'shardId-000000000009' }).ended)?.code).toBe('ResourceNotFoundException');
  });

  it('realistic limits set through the contract make a burst throttle, counted as write throttles', async () => {
    const { kinesis, client } = kit;
    await createStream(kinesis, 'limited', 1);
    const before = await client.call('engine.limits.get', { stream: 'limited' });
    expect(before.mode).toBe('off');
    expect(before.stream?.effectiveMode).toBe('off');
    const set = await client.call('engine.limits.set', { scope: 'stream', stream: 'limited', mode: 'realistic' });
    expect(set.stream?.mode).toBe('realistic');
    expect(set.overrides).toContainEqual({ region: 'us-east-1', stream: 'limited', mode: 'realistic' });

    const stats = watchStats(client, { stream: 'limited' });
    await stats.until(0);
    let failed = 0;
    let codes = new Set<string>();
    for (let call = 0; call < 5; call++) {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'limited', Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `p${i}`, Data: new Uint8Array(10) })) }));
      failed += out.FailedRecordCount ?? 0;
      codes = new Set([...codes, ...(out.Records ?? []).flatMap((r) => (r.ErrorCode ? [r.ErrorCode] : []))]);
    }
    // 2,500 records at once against a bucket of 1,000 (refilled at 1,000/s): at least 500 must be refused.
    expect(failed).toBeGreaterThanOrEqual(500);
    expect([...codes]).toEqual(['ProvisionedThroughputExceededException']);
    await stats.until(Math.floor(Date.now() / 1000) * 1000);
    stats.handle.unsubscribe();
    expect(stats.items.reduce((total, item) => total + item.stream.writeThrottles, 0)).toBe(failed);

    const back = await client.call('engine.limits.set', { scope: 'stream', stream: 'limited', mode: 'engine' });
    expect(back.stream?.mode).toBe('engine');
    expect(back.overrides).toEqual([]);
    const engineWide = await client.call('engine.limits.set', { scope: 'engine', mode: 'realistic', burstSeconds: 2 });
    expect([engineWide.mode, engineWide.burstSeconds]).toEqual(['realistic', 2]);
    expect((await client.call('engine.limits.get', {})).mode).toBe('realistic');
    await client.call('engine.limits.set', { scope: 'engine', mode: 'off', burstSeconds: 1 });
    expect((await refusal(client.call('engine.limits.set', { scope: 'engine', burstSeconds: 0.01 }))).code).toBe('ValidationException');
  });

  it('faults set through the contract show up as errors and partial failures, and read back as set', async () => {
    const { kinesis, client } = kit;
    await createStream(kinesis, 'faulty', 1);
    const rules: FaultRule[] = [
      { stream: 'faulty', action: 'PutRecord', errorRate: 1, errorType: 'ServiceUnavailable' },
      { stream: 'faulty', action: 'PutRecords', partialFailureRate: 1 },
    ];
    const set = await client.call('engine.faults.set', { rules, stream: 'faulty', seed: 7 });
    expect(set).toEqual({ seed: 7, rules });
    expect((await client.call('engine.faults.get', { stream: 'faulty' })).rules).toEqual(rules);

    const single = await refusal(kinesis.send(new PutRecordCommand({ StreamName: 'faulty', PartitionKey: 'a', Data: new Uint8Array(1) })).then(() => undefined, (e: Error) => Promise.reject({ code: e.name, message: e.message })));
    expect(single.code).toBe('ServiceUnavailable');
    const many = await kinesis.send(new PutRecordsCommand({ StreamName: 'faulty', Records: [{ PartitionKey: 'a', Data: new Uint8Array(1) }, { PartitionKey: 'b', Data: new Uint8Array(1) }] }));
    expect(many.FailedRecordCount).toBe(2);
    expect(many.Records?.map((r) => r.ErrorCode)).toEqual(['InternalFailure', 'InternalFailure']);

    expect(await client.call('engine.faults.set', { rules: [], stream: 'faulty' })).toEqual({ seed: 7, rules: [] });
    await kinesis.send(new PutRecordCommand({ StreamName: 'faulty', PartitionKey: 'a', Data: new Uint8Array(1) }));
  });

  it('the contract accepts and refuses the fault values the engine does (and refuses fractions the engine would floor)', async () => {
    const { client, engine } = kit;
    const direct = new EngineAdmin({ endpoint: engine.endpoint });
    const cases: { rule: FaultRule; ok: boolean; engineFloors?: true }[] = [
      ...(['errorRate', 'partialFailureRate'] as const).flatMap((m) => [
        { rule: { [m]: 0 }, ok: true },
        { rule: { [m]: 1 }, ok: true },
        { rule: { [m]: -0.01 }, ok: false },
        { rule: { [m]: 1.01 }, ok: false },
      ]),
      ...(['latencyMs', 'jitterMs'] as const).flatMap((m) => [
        { rule: { [m]: 0 }, ok: true },
        { rule: { [m]: 60000 }, ok: true },
        { rule: { [m]: -1 }, ok: false },
        { rule: { [m]: 60001 }, ok: false },
        // The engine reads integers the Java way (1.5 becomes 1); the contract says no instead of guessing.
        { rule: { [m]: 1.5 }, ok: false, engineFloors: true as const },
      ]),
      { rule: { iteratorExpirySeconds: 1 }, ok: true },
      { rule: { iteratorExpirySeconds: 300 }, ok: true },
      { rule: { iteratorExpirySeconds: 0 }, ok: false },
      { rule: { iteratorExpirySeconds: 301 }, ok: false },
      { rule: { action: '*' }, ok: true },
      { rule: { action: 'GetRecords' }, ok: true },
      { rule: { action: 'Get-Records' }, ok: false },
      { rule: { action: 'A'.repeat(65) }, ok: false },
      { rule: { errorType: 'KMSThrottlingException' }, ok: true },
      { rule: { errorType: 'Boom' as 'InternalFailure' }, ok: false },
      { rule: { partialFailureCode: 'ProvisionedThroughputExceededException' }, ok: true },
      { rule: { stream: 'bad name!' }, ok: false },
    ];
    for (const { rule, ok, engineFloors } of cases) {
      const ours = await client.call('engine.faults.set', { rules: [rule] }).then(
        () => 'ok',
        (e: RpcErrorShape) => e.code,
      );
      const theirs = await direct.setFaults([toAdminRule(rule)]).then(
        () => 'ok',
        (e: unknown) => (e instanceof EngineAdminError ? e.code : 'other'),
      );
      expect({ rule, ours, theirs }).toEqual({ rule, ours: ok ? 'ok' : 'ValidationException', theirs: ok || engineFloors ? 'ok' : 'ValidationException' });
    }
    await client.call('engine.faults.set', { rules: [] });
  });

  it('reset asks for the typed name; snapshot and restore round-trip on the desktop transports and are refused over the web host', async () => {
    const { kinesis, client, webClient, dataDir } = kit;
    await createStream(kinesis, 'resettable', 1);
    await kinesis.send(new PutRecordsCommand({ StreamName: 'resettable', Records: Array.from({ length: 25 }, (_, i) => ({ PartitionKey: `k${i}`, Data: new Uint8Array([i]) })) }));

    const wrong = await refusal(client.call('engine.resetStream', { stream: 'resettable', confirmName: 'resettabl' }));
    expect(wrong.code).toBe('ConfirmationMismatch');
    expect((await readShard(kinesis, 'resettable', 'shardId-000000000000')).records).toHaveLength(25);

    const file = join(dataDir, 'resettable.ndjson');
    expect((await refusal(webClient.call('engine.snapshot', { stream: 'resettable', path: file }))).code).toBe('ValidationException');
    const snap = await client.call('engine.snapshot', { stream: 'resettable', path: file });
    expect([snap.records, snap.shards, snap.path]).toEqual([25, 1, file]);

    expect(await client.call('engine.resetStream', { stream: 'resettable', confirmName: 'resettable' })).toEqual({ stream: 'resettable', recordsDeleted: 25 });
    expect((await readShard(kinesis, 'resettable', 'shardId-000000000000')).records).toHaveLength(0);

    expect((await refusal(webClient.call('engine.restore', { stream: 'resettable', path: file, confirmName: 'resettable' }))).code).toBe('ValidationException');
    expect((await refusal(client.call('engine.restore', { stream: 'resettable', path: file, confirmName: 'other' }))).code).toBe('ConfirmationMismatch');
    const restored = await client.call('engine.restore', { stream: 'resettable', path: file, confirmName: 'resettable' });
    expect([restored.records, restored.sequenceNumbersPreserved]).toEqual([25, true]);
    expect((await readShard(kinesis, 'resettable', 'shardId-000000000000')).records.map((r) => r.Data?.[0])).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('controls answer EngineNotRunning while the local engine has no endpoint', async () => {
    const { manager, client, engine } = kit;
    manager.setLocalEndpoint(undefined);
    try {
      expect((await refusal(client.call('engine.limits.get', {}))).code).toBe('EngineNotRunning');
      expect((await watchStats(client, { stream: 'counted' }).ended)?.code).toBe('EngineNotRunning');
    } finally {
      manager.setLocalEndpoint(engine.endpoint);
    }
  });

  describe('on a connection that is not the local engine', () => {
    let kinesalite: RunningPeer;

    beforeAll(async () => {
      kinesalite = await startPeer('kinesalite');
    }, 60_000);
    afterAll(async () => {
      await kit.manager.switchTo(LOCAL_ID);
      await kinesalite?.stop();
    });

    it('engine.stats fails with NotLocalEngine, and a running one ends with ConnectionChanged on a switch', async () => {
      const { manager, client } = kit;
      const running = watchStats(client, { stream: 'counted' });
      await running.until(0);
      const custom = manager.addCustom({ name: 'kinesalite', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
      await manager.switchTo(custom.id);
      expect((await running.ended)?.code).toBe('ConnectionChanged');

      const refused = await watchStats(client, { stream: 'counted' }).ended;
      expect(refused).toEqual({ code: 'NotLocalEngine', message: 'Live shard stats come from the local engine; on AWS, use the Metrics screen (CloudWatch).' });
      // The switches still name the local engine, whichever connection is active.
      expect((await client.call('engine.limits.get', {})).mode).toBe('off');
    });
  });
});
