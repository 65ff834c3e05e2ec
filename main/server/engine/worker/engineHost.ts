// Runs the engine in a worker thread so heavy ingest never stalls the main process. startEngineWorker()
// resolves once the engine listens, and reports state changes: starting → running → stopped, or failed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineWorkerOptions, HostToWorker, WorkerToHost } from './messages';

export type EngineWorkerState = 'starting' | 'running' | 'stopped' | 'failed';

export interface EngineWorkerStatus {
  state: EngineWorkerState;
  endpoint?: string;
  port?: number;
  /** True when the requested port was taken and a free one was used. */
  portFallback?: boolean;
  error?: string;
}

export interface EngineWorkerHandle {
  readonly endpoint: string;
  readonly port: number;
  readonly portFallback: boolean;
  status(): EngineWorkerStatus;
  /** Calls listener on every state change; returns an unsubscribe function. */
  onState(listener: (status: EngineWorkerStatus) => void): () => void;
  stop(): Promise<void>;
}

export interface StartEngineWorkerOptions extends EngineWorkerOptions {
  /** The worker entry; by default engineWorker.ts beside this file under tsx, or dist/main/engine-worker.js when built. */
  workerEntry?: string | URL;
  /** Called on every state change from 'starting' on. */
  onState?: (status: EngineWorkerStatus) => void;
  /** How long stop() waits for the worker to exit by itself before terminating it. Default 10 s. */
  stopGraceMs?: number;
}

/**
 * The engine closes its database before it answers 'stopped', and every acknowledged write is already committed,
 * so terminating a worker that has not exited by then loses nothing; waiting for ever would keep the app (and
 * its port) alive after the user quit.
 */
const STOP_GRACE_MS = 10_000;

function defaultEntry(): string | URL {
  const here = typeof import.meta === 'object' ? (import.meta.url as string | undefined) : undefined;
  if (here?.endsWith('.ts')) return new URL('./engineWorker.ts', here);
  if (here) return new URL('./engine-worker.js', here);
  return join(__dirname, 'engine-worker.js');
}

/**
 * A larger young generation than V8's default, as the CLI gets with --max-semi-space-size=32: a read of 10,000
 * records makes tens of thousands of short-lived objects (docs/engine-internals.md, "Memory").
 */
const ENGINE_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** A worker running the entry; a .ts entry (development, tests) is loaded through tsx's ESM loader. */
function spawnWorker(entry: string | URL, workerData: EngineWorkerOptions): Worker {
  const href = entry instanceof URL ? entry.href : pathToFileURL(entry).href;
  if (!href.endsWith('.ts')) return new Worker(entry, { workerData, resourceLimits: ENGINE_RESOURCE_LIMITS });
  // The ESM build of tsx's API (require.resolve would give the CommonJS one, which cannot register ESM hooks).
  const tsxPackage = createRequire(href).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: ENGINE_RESOURCE_LIMITS });
}

export function startEngineWorker(options: StartEngineWorkerOptions = {}): Promise<EngineWorkerHandle> {
  const { workerEntry, onState, stopGraceMs = STOP_GRACE_MS, ...engineOptions } = options;
  const listeners = new Set<(status: EngineWorkerStatus) => void>();
  if (onState) listeners.add(onState);
  let status: EngineWorkerStatus = { state: 'starting' };
  const setStatus = (next: EngineWorkerStatus) => {
    status = next;
    for (const listener of listeners) listener(next);
  };
  setStatus(status);

  const worker = spawnWorker(workerEntry ?? defaultEntry(), engineOptions);
  let stopping: Promise<void> | undefined;

  return new Promise((resolve, reject) => {
    const handle = (running: Extract<WorkerToHost, { type: 'running' }>): EngineWorkerHandle => ({
      endpoint: running.endpoint,
      port: running.port,
      portFallback: running.portFallback,
      status: () => status,
      onState(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      stop() {
        stopping ??= new Promise<void>((done) => {
          if (status.state === 'stopped' || status.state === 'failed') {
            done();
            return;
          }
          const deadline = setTimeout(() => void worker.terminate(), stopGraceMs);
          worker.once('exit', () => {
            clearTimeout(deadline);
            done();
          });
          worker.postMessage({ type: 'stop' } satisfies HostToWorker);
        });
        return stopping;
      },
    });

    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'running') {
        setStatus({ state: 'running', endpoint: message.endpoint, port: message.port, portFallback: message.portFallback });
        resolve(handle(message));
      } else if (message.type === 'stopped') {
        setStatus({ ...status, state: 'stopped' });
      } else {
        setStatus({ state: 'failed', error: message.message });
        reject(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      setStatus({ ...status, state: 'failed', error: error.message });
      reject(error);
    });
    worker.on('exit', (code) => {
      if (status.state === 'running' || status.state === 'starting') {
        setStatus({ ...status, state: code === 0 && stopping ? 'stopped' : 'failed', error: code === 0 ? undefined : `engine worker exited with code ${code}` });
        reject(new Error(`engine worker exited with code ${code}`));
      }
    });
  });
}
