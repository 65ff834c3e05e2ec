// Supervises the local engine: starts its worker thread, follows the worker's state into EngineStateStore (what
// engine.status answers and pushes), and stops it on shutdown. The one place where the app starts the engine.
import path from 'node:path';
import type { EngineState, EngineStatus } from '../../shared/contract/index';
import { startEngineWorker, type EngineWorkerHandle, type EngineWorkerStatus } from '../server/engine/worker/engineHost';

export class EngineStateStore {
  private status: EngineStatus;
  private readonly listeners = new Set<(status: EngineStatus) => void>();

  constructor(initial: Omit<EngineStatus, 'since'>, private readonly now: () => number = Date.now) {
    this.status = { ...initial, since: now() };
  }

  get(): EngineStatus {
    return this.status;
  }

  set(state: EngineState, endpoint: string | null, message: string): void {
    this.status = { state, endpoint, message, since: this.now() };
    for (const listener of [...this.listeners]) listener(this.status);
  }

  onChange(listener: (status: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface LocalEngineOptions {
  /** The app's data folder; the engine keeps engine.db in <dataDir>/engine. */
  dataDir: string;
  /** --engine-port; undefined means the default (4567, or a free port when that one is taken). */
  enginePort: number | undefined;
  /** Told the engine's endpoint while it runs, and undefined once it is not (the local connection follows it). */
  onEndpoint?: (endpoint: string | undefined) => void;
  /** Lines for the user: where the engine listens, and that the requested port was taken. */
  log?: (line: string) => void;
  /** The worker entry; by default engineHost finds engineWorker.ts (tsx) or dist/main/engine-worker.js. */
  workerEntry?: string | URL;
}

export const DEFAULT_ENGINE_PORT = 4567;

/** Where the engine keeps its data (engine.db, and delivered Firehose objects under s3/) in the app's data folder. */
export function engineDataDir(appDataDir: string): string {
  return path.join(appDataDir, 'engine');
}

export function createEngineStateStore(): EngineStateStore {
  return new EngineStateStore({ state: 'starting', endpoint: null, message: 'Starting the local engine…' });
}

/** The line users point their own tools at, the same as the engine CLI prints. */
export function listeningLine(endpoint: string): string {
  return `Kinesis engine listening on ${endpoint}`;
}

function describe(status: EngineWorkerStatus, requestedPort: number): { state: EngineState; endpoint: string | null; message: string } {
  switch (status.state) {
    case 'starting':
      return { state: 'starting', endpoint: null, message: 'Starting the local engine…' };
    case 'running': {
      const endpoint = status.endpoint ?? null;
      const fallback = status.portFallback ? ` (port ${requestedPort} was in use)` : '';
      return { state: 'running', endpoint, message: endpoint ? `${listeningLine(endpoint)}${fallback}` : 'The local engine is running.' };
    }
    case 'stopped':
      return { state: 'stopped', endpoint: null, message: 'The local engine is stopped.' };
    case 'failed':
      return { state: 'failed', endpoint: null, message: `The local engine failed: ${status.error ?? 'unknown error'}` };
  }
}

/**
 * THE wiring point between the app and the local engine: both the web host (main/cli/web.ts) and the desktop
 * shell (main/electron/main.ts) call this once at start-up (through startAppRuntime) and call the returned
 * function on shutdown. The engine runs in a worker thread on <dataDir>/engine. A failure to start is reported
 * in `store` (the status bar) rather than thrown: AWS connections work without the engine.
 */
export async function startLocalEngine(store: EngineStateStore, options: LocalEngineOptions): Promise<() => Promise<void>> {
  const requestedPort = options.enginePort ?? DEFAULT_ENGINE_PORT;
  let stopping = false;
  const follow = (status: EngineWorkerStatus) => {
    if (stopping && status.state !== 'stopped') return;
    const next = describe(status, requestedPort);
    store.set(next.state, next.endpoint, next.message);
    if (!stopping) options.onEndpoint?.(next.endpoint ?? undefined);
  };
  let handle: EngineWorkerHandle;
  try {
    handle = await startEngineWorker({
      port: requestedPort,
      dataDir: engineDataDir(options.dataDir),
      fallbackToFreePort: true,
      onState: follow,
      ...(options.workerEntry ? { workerEntry: options.workerEntry } : {}),
    });
  } catch (error) {
    // The worker reported 'failed' through onState already; make sure the message says why.
    const message = error instanceof Error ? error.message : String(error);
    store.set('failed', null, `The local engine failed to start: ${message}`);
    options.log?.(`The local engine failed to start: ${message}`);
    return async () => {};
  }
  if (handle.portFallback) options.log?.(`Port ${requestedPort} is in use; using port ${handle.port} instead.`);
  options.log?.(listeningLine(handle.endpoint));
  return async () => {
    stopping = true;
    await handle.stop();
    if (store.get().state !== 'stopped') store.set('stopped', null, 'The local engine is stopped.');
  };
}
