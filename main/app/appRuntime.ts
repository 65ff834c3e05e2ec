// What both the web host and the desktop shell run in main: the data folder, the settings, the connection
// services, the local engine and the dispatcher; and, on close, all of it stopped in the reverse order.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppContract } from '../../shared/contract/index';
import { ConnectionManager } from '../connections/connectionManager';
import type { SecretVault } from '../connections/secretVault';
import type { AppIdentity } from './appInfo';
import { createEngineStateStore, startLocalEngine, type EngineStateStore } from './localEngineSupervisor';
import { Generators } from '../services/producers/generators';
import { openSettingsStore } from '../storage/settingsStore';
import { createAppDispatcher } from './appHandlers';
import type { Dispatcher } from '../rpc/dispatcher';

export interface AppRuntime {
  dispatcher: Dispatcher<AppContract>;
  engine: EngineStateStore;
  connections: ConnectionManager;
  close(): Promise<void>;
}

export interface AppRuntimeOptions {
  /** --engine-port; undefined means 4567, or a free port when that one is taken. */
  enginePort: number | undefined;
  /** The OS keychain (Electron's safeStorage); without one, custom connections' secrets are not persisted. */
  vault?: SecretVault;
  /** One line for the user, e.g. the engine's address (the CLI prints it to stdout). */
  log?: (line: string) => void;
}

export async function startAppRuntime(identity: AppIdentity, options: AppRuntimeOptions): Promise<AppRuntime> {
  mkdirSync(identity.dataDir, { recursive: true });
  const settings = openSettingsStore(path.join(identity.dataDir, 'settings.db'));
  let connections: ConnectionManager;
  try {
    connections = await ConnectionManager.open({ settings, ...(options.vault ? { vault: options.vault } : {}) });
  } catch (error) {
    settings.close();
    throw error;
  }
  const generators = new Generators(connections);
  const engine = createEngineStateStore();
  const { dispatcher, dispose } = createAppDispatcher({ identity, engine, features: { connections, generators, settings } });
  const stopEngine = await startLocalEngine(engine, {
    dataDir: identity.dataDir,
    enginePort: options.enginePort,
    onEndpoint: (endpoint) => connections.setLocalEndpoint(endpoint),
    ...(options.log ? { log: options.log } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    dispatcher,
    engine,
    connections,
    close() {
      closing ??= (async () => {
        // Generators first (they settle their calls in flight), then the dispatcher (which cancels the tailer's
        // import and replay jobs), then clients, then the engine they talk to.
        await generators.close();
        dispose();
        connections.close();
        settings.close();
        await stopEngine();
      })();
      return closing;
    },
  };
}
