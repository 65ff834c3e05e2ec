// The engine's worker-thread entry: starts the engine with the options in workerData, reports to the host,
// and stops when asked. Bundled by build/build.mjs to dist/main/engine-worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { startEngine, type RunningEngine } from '../startEngine';
import type { EngineWorkerOptions, HostToWorker, WorkerToHost } from './messages';

const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');

const post = (message: WorkerToHost) => port.postMessage(message);
let running: RunningEngine | undefined;

port.on('message', (message: HostToWorker) => {
  if (message.type !== 'stop') return;
  void (async () => {
    try {
      await running?.close();
    } finally {
      post({ type: 'stopped' });
      port.close();
    }
  })();
});

startEngine(workerData as EngineWorkerOptions)
  .then((engine) => {
    running = engine;
    post({ type: 'running', endpoint: engine.endpoint, port: engine.port, portFallback: engine.portFallback });
  })
  .catch((error: unknown) => {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  });
