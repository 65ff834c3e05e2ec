// The local engine's state as main knows it, and the one place where the app starts the engine.
import type { EngineState, EngineStatus } from '../../shared/contract/index';

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
  dataDir: string;
  /** --engine-port; undefined means the default (4567, or a free port when that one is taken). */
  enginePort: number | undefined;
}

export function createEngineStateStore(): EngineStateStore {
  return new EngineStateStore({ state: 'starting', endpoint: null, message: 'Starting the local engine…' });
}

/**
 * THE wiring point between the app and the local engine: both the web host (main/cli/web.ts) and the desktop
 * shell (main/electron/main.ts) call this once at start-up and call the returned function on shutdown.
 *
 * The engine (main/engine/worker/engineHost.ts, issue "Engine I") is not in this build yet, so this reports the
 * truth: the engine is stopped. When engineHost lands, start it here and forward its state to `store`.
 */
export async function startLocalEngine(store: EngineStateStore, _options: LocalEngineOptions): Promise<() => Promise<void>> {
  store.set('stopped', null, 'Not started: this build does not include the local engine yet.');
  return async () => {};
}
