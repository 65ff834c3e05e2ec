// The streams and producers services as the app serves them: a ConnectionManager on the local engine (or a
// peer behind a custom endpoint), the handlers in a real dispatcher, and a typed RPC client over the memory
// port, so every call is schema-checked both ways exactly as in the app.
import { join } from 'node:path';
import { defineContract } from '../../shared/contract/index';
import { producersCommands, producersSubscriptions } from '../../shared/contract/producers';
import { streamsCommands, streamsSubscriptions } from '../../shared/contract/streams';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { producersHandlers } from '../../main/app/producersHandlers';
import { streamsHandlers } from '../../main/app/streamsHandlers';
import { Generators } from '../../main/services/producers/generators';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import type { RpcClient } from '../../renderer/api/client';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { memoryClient, testDispatcher } from './rpc-kit';
import { tempDir } from './tempDir';

export const servicesContract = defineContract({
  commands: { ...streamsCommands, ...producersCommands },
  subscriptions: { ...streamsSubscriptions, ...producersSubscriptions },
  events: {},
});
export type ServicesClient = RpcClient<typeof servicesContract>;

export interface ServicesKit {
  engine: RunningEngine;
  manager: ConnectionManager;
  generators: Generators;
  client: ServicesClient;
  home: AwsHome;
  close(): Promise<void>;
}

export async function startServicesKit(awsFiles: { config?: string; credentials?: string } = {}): Promise<ServicesKit> {
  const engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
  const home = makeAwsHome();
  home.write(awsFiles);
  const dataDir = tempDir('services');
  const settings: SettingsStore = openSettingsStore(join(dataDir.path, 'settings.db'));
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint });
  const generators = new Generators(manager);
  const streams = streamsHandlers(manager);
  const producers = producersHandlers(manager, generators);
  const dispatcher = testDispatcher(
    servicesContract,
    { commands: { ...streams.commands, ...producers.commands }, subscriptions: { ...streams.subscriptions, ...producers.subscriptions } },
    'services-test',
  );
  const client = await memoryClient(dispatcher, servicesContract, 'services-test');
  return {
    engine,
    manager,
    generators,
    client,
    home,
    async close() {
      await generators.close();
      dispatcher.close();
      manager.close();
      settings.close();
      home.restore();
      dataDir.remove();
      await engine.close();
    },
  };
}

/** Collects a subscription's items until it ends; rejects with the end error if there is one. */
export function collect<Item>(subscribe: (handlers: { onBatch(items: Item[]): void; onEnd(error?: { code: string; message: string }): void }) => unknown): Promise<Item[]> {
  return new Promise((resolve, reject) => {
    const items: Item[] = [];
    subscribe({
      onBatch: (batch) => void items.push(...batch),
      onEnd: (error) => (error ? reject(Object.assign(new Error(error.message), error)) : resolve(items)),
    });
  });
}
