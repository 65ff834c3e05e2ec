// The streams and producers services as the app serves them: a ConnectionManager on the local engine (or a
// peer behind a custom endpoint), the handlers in a real dispatcher, and a typed RPC client over the memory
// port, so every call is schema-checked both ways exactly as in the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryPortPair, defineContract } from '../../shared/contract/index';
import { producersCommands, producersSubscriptions } from '../../shared/contract/producers';
import { streamsCommands, streamsSubscriptions } from '../../shared/contract/streams';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { createDispatcher } from '../../main/rpc/dispatcher';
import { servePort } from '../../main/rpc/portSession';
import { producersHandlers } from '../../main/rpc/producersHandlers';
import { streamsHandlers } from '../../main/rpc/streamsHandlers';
import { Generators } from '../../main/services/producers/generators';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { RpcClient } from '../../renderer/api/client';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';

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
  const dataDir = mkdtempSync(join(tmpdir(), 'shardscope-services-'));
  const settings: SettingsStore = openSettingsStore(join(dataDir, 'settings.db'));
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint });
  const generators = new Generators(manager);
  const streams = streamsHandlers(manager);
  const producers = producersHandlers(manager, generators);
  const dispatcher = createDispatcher(
    servicesContract,
    { commands: { ...streams.commands, ...producers.commands }, subscriptions: { ...streams.subscriptions, ...producers.subscriptions } },
    { server: { name: 'services-test', version: '0.0.0' } },
  );
  const [clientPort, serverPort] = createMemoryPortPair();
  servePort(dispatcher, serverPort, 'memory');
  const client = new RpcClient(clientPort, servicesContract, 'services-test');
  await client.ready;
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
      rmSync(dataDir, { recursive: true, force: true });
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
