// The reshard service as the app serves it, beside the tailer: the tail kit's engine (with a short status delay,
// so UPDATING is seen), ConnectionManager and settings store, the reshard handlers in a real dispatcher, and a
// typed RPC client over the memory port. restartService() drops the service and builds a new one over the same
// settings store, as an app restart would.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { defineContract } from '../../shared/contract/index';
import { reshardCommands, reshardSubscriptions, type ExecuteItem, type ObserveItem, type ReshardRun } from '../../shared/contract/reshard';
import { reshardHandlers } from '../../main/app/reshardHandlers';
import { ReshardService } from '../../main/services/reshard/reshardService';
import type { RpcClient } from '../../renderer/api/client';
import type { StartEngineOptions } from '../../main/server/engine/startEngine';
import { memoryClient, testDispatcher } from './rpc-kit';
import { collect } from './services-kit';
import { startTailKit, type TailKit } from './tail-kit';
import { tempDir } from './tempDir';

export const reshardContract = defineContract({ commands: reshardCommands, subscriptions: reshardSubscriptions, events: {} });
export type ReshardClient = RpcClient<typeof reshardContract>;

export interface ReshardKit {
  tail: TailKit;
  kinesis: KinesisClient;
  readonly client: ReshardClient;
  restartService(): Promise<void>;
  close(): Promise<void>;
}

export async function startReshardKit(engineOptions: StartEngineOptions = {}): Promise<ReshardKit> {
  const tail = await startTailKit({ statusDelayMs: 200, ...engineOptions });
  const serve = async () => {
    const service = new ReshardService(tail.manager, tail.settings);
    const dispatcher = testDispatcher(reshardContract, reshardHandlers(tail.manager, tail.settings, service), 'reshard-test');
    return { dispatcher, client: await memoryClient(dispatcher, reshardContract, 'reshard-test') };
  };
  let current = await serve();
  return {
    tail,
    kinesis: tail.kinesis,
    get client() {
      return current.client;
    },
    async restartService() {
      current.dispatcher.close();
      current = await serve();
    },
    async close() {
      current.dispatcher.close();
      await tail.close();
    },
  };
}

export function observe(client: ReshardClient, params: Parameters<ReshardClient['subscribe']>[1] & object): Promise<ObserveItem[]> {
  return collect<ObserveItem>((handlers) => client.subscribe('reshard.observe', params as never, handlers as never));
}

/** The run's items until it ends, and its last run record. */
export async function runItems(client: ReshardClient, name: 'reshard.execute' | 'reshard.resume', params: object, onItem?: (item: ExecuteItem) => void): Promise<{ items: ExecuteItem[]; run: ReshardRun }> {
  const items = await collect<ExecuteItem>((handlers) =>
    client.subscribe(name, params as never, {
      onBatch: (batch: ExecuteItem[]) => {
        for (const item of batch) onItem?.(item);
        handlers.onBatch(batch);
      },
      onEnd: handlers.onEnd,
    } as never),
  );
  const last = items.filter((i): i is Extract<ExecuteItem, { type: 'run' }> => i.type === 'run').at(-1);
  if (!last) throw new Error('the run sent no run record');
  return { items, run: last.run };
}

/** The open shards' hash ranges, sorted. */
export async function openRanges(kinesis: KinesisClient, stream: string): Promise<{ shardId: string; start: string; end: string }[]> {
  const out = await kinesis.send(new ListShardsCommand({ StreamName: stream, ShardFilter: { Type: 'AT_LATEST' } }));
  return (out.Shards ?? [])
    .map((s) => ({ shardId: s.ShardId ?? '', start: s.HashKeyRange?.StartingHashKey ?? '', end: s.HashKeyRange?.EndingHashKey ?? '' }))
    .sort((a, b) => (BigInt(a.start) < BigInt(b.start) ? -1 : 1));
}

/**
 * A second app on the same engine whose active connection is an AWS profile (static keys in its own AWS files):
 * what the service asks of AWS connections before it changes anything.
 */
export async function startProfileApp(kit: ReshardKit): Promise<{ client: ReshardClient; close(): void }> {
  const scratch = tempDir('reshard-profile');
  const config = join(scratch.path, 'config');
  const credentials = join(scratch.path, 'credentials');
  writeFileSync(config, '[profile prod]\nregion = us-east-1\n');
  writeFileSync(credentials, '[prod]\naws_access_key_id = AKIDRESHARDTEST\naws_secret_access_key = reshard-test-secret\n');
  const manager = await ConnectionManager.open({ settings: kit.tail.settings, checkOnSwitch: false, localEndpoint: kit.tail.engine.endpoint, awsPaths: () => ({ config, credentials }) });
  await manager.switchTo('profile:prod');
  const dispatcher = testDispatcher(reshardContract, reshardHandlers(manager, kit.tail.settings), 'reshard-profile');
  const client = await memoryClient(dispatcher, reshardContract, 'reshard-profile');
  return {
    client,
    close() {
      dispatcher.close();
      manager.close();
      scratch.remove();
    },
  };
}
