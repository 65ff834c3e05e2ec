// The whole app's backend as the app serves it: a real engine (in memory, or on a data folder inside the scratch
// folder when a test reads what the engine wrote), a ConnectionManager on it with no AWS profiles, the generators,
// the app dispatcher and a typed RPC client over the memory port (every frame schema-checked both ways), plus an
// SDK client straight to the engine.
import { join } from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { contract, type AppContract } from '../../shared/contract/index';
import { createAppDispatcher } from '../../main/app/appHandlers';
import { createEngineStateStore, engineDataDir } from '../../main/app/localEngineSupervisor';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { Generators } from '../../main/services/producers/generators';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import type { RpcClient } from '../../renderer/api/client';
import { sdkClient } from './kinesis';
import { memoryClient } from './rpc-kit';
import { tempDir, type TempDir } from './tempDir';

export interface AppKit {
  engine: RunningEngine;
  /** The app's data folder (settings, and the engine's folder when `onDisk`). */
  scratch: TempDir;
  settings: SettingsStore;
  manager: ConnectionManager;
  generators: Generators;
  client: RpcClient<AppContract>;
  kinesis: KinesisClient;
  close(): Promise<void>;
}

/** `onDisk`: the engine keeps its data in `engineDataDir(scratch.path)` (as the app does) instead of in memory. */
export async function startAppKit(name: string, { onDisk = false }: { onDisk?: boolean } = {}): Promise<AppKit> {
  const scratch = tempDir(name);
  const engine = await startEngine(onDisk ? { port: 0, dataDir: engineDataDir(scratch.path), statusDelayMs: 0 } : { port: 0, inMemory: true, statusDelayMs: 0 });
  const settings = openSettingsStore(join(scratch.path, 'settings.db'));
  const none = join(scratch.path, 'none');
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => ({ config: none, credentials: none }) });
  const generators = new Generators(manager);
  const app = createAppDispatcher({ identity: { version: '0.0.0-test', dataDir: scratch.path }, engine: createEngineStateStore(), features: { connections: manager, generators, settings } });
  const client = await memoryClient(app.dispatcher, contract, name);
  const kinesis = sdkClient(engine.endpoint);
  return {
    engine,
    scratch,
    settings,
    manager,
    generators,
    client,
    kinesis,
    async close() {
      kinesis.destroy();
      await generators.close();
      app.dispose();
      manager.close();
      settings.close();
      await engine.close();
      scratch.remove();
    },
  };
}
