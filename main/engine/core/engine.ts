// The Engine: one database, config, clock, token sealer and timers, and the services it serves on its port,
// each found by its X-Amz-Target prefix. The services are passed in as installers when the engine is built, so
// the core knows none of them; each installer keeps its state on the objects it builds, never in module scope,
// so several engines can share a process.
import { randomBytes } from 'node:crypto';
import { EngineStore } from '../../storage/engineStore';
import { engineConfig, type EngineConfig } from './config';
import type { Service } from './service';
import { TokenSealer } from './tokens';

/** Builds a service's state on the engine and returns the services (target prefixes) it answers. */
export type ServiceInstaller = (engine: Engine) => readonly Service[];

export interface EngineOptions extends Partial<EngineConfig> {
  dataDir?: string;
  inMemory?: boolean;
  /** Applies to create, update and delete delays unless those are given. */
  statusDelayMs?: number;
  /** Injected clock (epoch ms); defaults to Date.now. */
  clock?: () => number;
  services: readonly ServiceInstaller[];
}

export class Engine {
  readonly store: EngineStore;
  readonly config: EngineConfig;
  readonly clock: () => number;
  readonly tokens: TokenSealer;
  private readonly services = new Map<string, Service>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closers: (() => void)[] = [];
  private closed = false;

  constructor(options: EngineOptions) {
    this.config = engineConfig(options);
    this.clock = options.clock ?? Date.now;
    this.store = new EngineStore({ dataDir: options.dataDir, inMemory: options.inMemory });
    this.tokens = new TokenSealer(this.secret());
    try {
      for (const install of options.services) {
        for (const service of install(this)) {
          if (this.services.has(service.targetPrefix)) throw new Error(`two services answer ${service.targetPrefix}`);
          this.services.set(service.targetPrefix, service);
        }
      }
    } catch (error) {
      this.close();
      throw error;
    }
  }

  private secret(): Buffer {
    let key = this.store.getMeta('token-secret');
    if (!key) {
      key = randomBytes(32);
      this.store.setMeta('token-secret', key);
    }
    return key;
  }

  /** The service answering an X-Amz-Target prefix, if any. */
  service(targetPrefix: string): Service | undefined {
    return this.services.get(targetPrefix);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A one-shot job after delayMs that is dropped when the engine closes first. */
  after(delayMs: number, job: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      try {
        job();
      } catch (error) {
        console.error('engine: scheduled job failed', error);
      }
    }, Math.max(0, delayMs));
    this.timers.add(timer);
  }

  /** A periodic job (retention, stats) that stops with the engine. */
  every(intervalMs: number, job: () => void): void {
    const timer = setInterval(() => {
      if (this.closed) return;
      try {
        job();
      } catch (error) {
        console.error('engine: periodic job failed', error);
      }
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs when the engine closes, before its database does (services stop work that outlives a request). */
  onClose(job: () => void): void {
    this.closers.push(job);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.closers) {
      try {
        job();
      } catch (error) {
        console.error('engine: closing a service failed', error);
      }
    }
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.store.close();
  }
}
