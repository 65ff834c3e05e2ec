// What both the web host and the desktop shell run in main: the data folder, the local engine and the dispatcher.
import { mkdirSync } from 'node:fs';
import type { AppContract } from '../../shared/contract/index';
import type { AppIdentity } from '../services/appInfo';
import { createEngineStateStore, startLocalEngine, type EngineStateStore } from '../services/appInfoEngineState';
import { createAppDispatcher } from './appHandlers';
import type { Dispatcher } from './dispatcher';

export interface AppRuntime {
  dispatcher: Dispatcher<AppContract>;
  engine: EngineStateStore;
  close(): Promise<void>;
}

export async function startAppRuntime(identity: AppIdentity, enginePort: number | undefined): Promise<AppRuntime> {
  mkdirSync(identity.dataDir, { recursive: true });
  const engine = createEngineStateStore();
  const { dispatcher, dispose } = createAppDispatcher({ identity, engine });
  const stopEngine = await startLocalEngine(engine, { dataDir: identity.dataDir, enginePort });
  return {
    dispatcher,
    engine,
    async close() {
      dispose();
      await stopEngine();
    },
  };
}
