// The transports the conformance suite runs over, each set up the way the app sets it up.
import WebSocket from 'ws';
import { contract, type AppContract, type Port } from '../../shared/contract/index';
import { createAppDispatcher } from '../../main/app/appHandlers';
import type { Dispatcher } from '../../main/rpc/dispatcher';
import type { DispatcherLimits } from '../../main/rpc/limits';
import { startWebHost } from '../../main/server/webHost';
import { RPC_PATH, RPC_SUBPROTOCOL, tokenProtocol } from '../../shared/contract/index';
import { createEngineStateStore, startLocalEngine, type EngineStateStore } from '../../main/app/localEngineSupervisor';
import { RpcClient } from '../../renderer/api/client';
import { webSocketPort } from '../../renderer/api/ports';
import { memoryPort } from '../support/rpc-kit';
import { tempDir } from '../support/tempDir';

export interface Backend {
  dispatcher: Dispatcher<AppContract>;
  engine: EngineStateStore;
  dataDir: string;
  /** A fresh client connection as a raw Port. */
  connect(): Promise<Port>;
  close(): Promise<void>;
}

export interface TransportSetup {
  name: 'memory' | 'websocket';
  start(limits?: Partial<DispatcherLimits>): Promise<Backend>;
}

async function appBackend(limits?: Partial<DispatcherLimits>) {
  const dataDir = tempDir('contract').path;
  const engine = createEngineStateStore();
  const { dispatcher, dispose } = createAppDispatcher({ identity: { version: '9.9.9-test', dataDir }, engine }, limits);
  // Port 0: a free port, so suites running side by side never contend for the default 4567.
  const stopEngine = await startLocalEngine(engine, { dataDir, enginePort: 0 });
  return {
    dataDir,
    engine,
    dispatcher,
    async dispose() {
      dispose();
      await stopEngine();
    },
  };
}

export const transports: TransportSetup[] = [
  {
    name: 'memory',
    async start(limits) {
      const app = await appBackend(limits);
      return {
        ...app,
        async connect() {
          return memoryPort(app.dispatcher);
        },
        async close() {
          await app.dispose();
        },
      };
    },
  },
  {
    name: 'websocket',
    async start(limits) {
      const app = await appBackend(limits);
      const host = await startWebHost({ dispatcher: app.dispatcher, rendererDir: app.dataDir, port: 0 });
      return {
        ...app,
        async connect() {
          const socket = new WebSocket(`ws://127.0.0.1:${host.port}${RPC_PATH}`, [RPC_SUBPROTOCOL, tokenProtocol(host.token)], {
            origin: `http://127.0.0.1:${host.port}`,
          });
          const port = webSocketPort(socket);
          await new Promise<void>((resolve, reject) => {
            socket.once('open', () => resolve());
            socket.once('error', reject);
          });
          return port;
        },
        async close() {
          await host.close();
          await app.dispose();
        },
      };
    },
  },
];

export function appClient(port: Port): RpcClient<AppContract> {
  return new RpcClient(port, contract, 'conformance-suite');
}

/** Collects every frame main sends on a raw port. */
export function recordFrames(port: Port): { frames: Record<string, unknown>[] } {
  const log = { frames: [] as Record<string, unknown>[] };
  port.onFrame((text) => log.frames.push(JSON.parse(text) as Record<string, unknown>));
  return log;
}
