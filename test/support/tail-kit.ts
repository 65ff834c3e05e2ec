// The tailer as the app serves it: a ConnectionManager on a local engine, the tail handlers in a real dispatcher,
// and a typed RPC client over the memory port (every call schema-checked both ways). Records are written with
// the real SDK straight to the engine.
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { defineContract } from '../../shared/contract/index';
import { tailCommands, tailSubscriptions, type TailItem, type TailRow, type TailStatus } from '../../shared/contract/tail';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { startEngine, type RunningEngine, type StartEngineOptions } from '../../main/server/engine/startEngine';
import { tailHandlers } from '../../main/app/tailHandlers';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import type { RpcClient, SubscriptionHandle } from '../../renderer/api/client';
import { sdkClient } from './kinesis';
import { memoryClient, testDispatcher } from './rpc-kit';
import { sleep } from './sleep';
import { tempDir } from './tempDir';

export const tailContract = defineContract({ commands: tailCommands, subscriptions: tailSubscriptions, events: {} });
export type TailClient = RpcClient<typeof tailContract>;

export interface TailKit {
  engine: RunningEngine;
  manager: ConnectionManager;
  settings: SettingsStore;
  client: TailClient;
  /** The same handlers behind a port labelled as the web host's WebSocket transport. */
  webClient: TailClient;
  kinesis: KinesisClient;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTailKit(engineOptions: StartEngineOptions = {}): Promise<TailKit> {
  const engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0, ...engineOptions });
  const scratch = tempDir('tail');
  const dataDir = scratch.path;
  const settings = openSettingsStore(join(dataDir, 'settings.db'));
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => ({ config: join(dataDir, 'none'), credentials: join(dataDir, 'none') }) });
  const tail = tailHandlers(manager, settings);
  const dispatcher = testDispatcher(tailContract, { commands: tail.commands, subscriptions: tail.subscriptions }, 'tail-test');
  const [client, webClient] = await Promise.all([
    memoryClient(dispatcher, tailContract, 'tail-test'),
    memoryClient(dispatcher, tailContract, 'tail-test-web', 'websocket'),
  ]);
  // The SDK's default 3 attempts: the writes here set up data, they do not test the engine's errors.
  const kinesis = sdkClient(engine.endpoint, { maxAttempts: 3 });
  return {
    engine,
    manager,
    settings,
    client,
    webClient,
    kinesis,
    dataDir,
    async close() {
      tail.close();
      dispatcher.close();
      manager.close();
      settings.close();
      kinesis.destroy();
      scratch.remove();
      await engine.close();
    },
  };
}

export async function createStream(kinesis: KinesisClient, name: string, shards: number): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (let i = 0; i < 100; i++) {
    const d = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (d.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await sleep(50);
  }
  throw new Error(`${name} did not become ACTIVE`);
}

export interface Put {
  partitionKey: string;
  text: string;
  shardId: string;
  sequenceNumber: string;
}

/** PutRecords in batches of up to 500; every record must be acknowledged. */
export async function put(kinesis: KinesisClient, stream: string, records: readonly { partitionKey: string; text: string }[]): Promise<Put[]> {
  const out: Put[] = [];
  for (let i = 0; i < records.length; i += 500) {
    const batch = records.slice(i, i + 500);
    const res = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: batch.map((r) => ({ PartitionKey: r.partitionKey, Data: Buffer.from(r.text) })) }));
    if (res.FailedRecordCount) throw new Error(`${res.FailedRecordCount} records failed`);
    (res.Records ?? []).forEach((r, j) => {
      const rec = batch[j];
      if (rec) out.push({ ...rec, shardId: r.ShardId ?? '', sequenceNumber: r.SequenceNumber ?? '' });
    });
  }
  return out;
}

export interface Tail {
  items: TailItem[];
  rows(): TailRow[];
  statuses(): TailStatus[];
  sessionId(): string;
  /** Resolves when the subscription ends (rejects with its error). */
  ended: Promise<TailItem[]>;
  /** Resolves once `test` holds for the items so far. */
  until(test: (items: TailItem[]) => boolean, timeoutMs?: number): Promise<void>;
  handle: SubscriptionHandle;
}

export function tail(client: TailClient, params: Parameters<TailClient['subscribe']>[1] & object): Tail {
  const items: TailItem[] = [];
  const waiters: { test: (items: TailItem[]) => boolean; resolve(): void }[] = [];
  let endResolve!: (items: TailItem[]) => void;
  let endReject!: (e: Error) => void;
  const ended = new Promise<TailItem[]>((resolve, reject) => {
    endResolve = resolve;
    endReject = reject;
  });
  ended.catch(() => undefined);
  const check = () => {
    for (const w of [...waiters]) if (w.test(items)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const handle = client.subscribe('tail.records', params as never, {
    onBatch: (batch) => {
      items.push(...(batch as TailItem[]));
      check();
    },
    onEnd: (error) => (error ? endReject(Object.assign(new Error(`${error.code}: ${error.message}`), { code: error.code })) : endResolve(items)),
  });
  return {
    items,
    rows: () => items.filter((i): i is TailRow => i.type === 'record'),
    statuses: () => items.filter((i): i is TailStatus => i.type === 'status'),
    sessionId: () => {
      const started = items.find((i) => i.type === 'started');
      if (!started || started.type !== 'started') throw new Error('no started item yet');
      return started.sessionId;
    },
    ended,
    until: (test, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (test(items)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out; ${items.length} items so far`)), timeoutMs);
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
        void ended.then(() => check(), () => undefined);
      }),
    handle,
  };
}
