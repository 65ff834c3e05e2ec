// Messages between the engine worker thread and its host.
import type { StartEngineOptions } from '../startEngine';

export type EngineWorkerOptions = Omit<StartEngineOptions, 'clock'>;

export type WorkerToHost =
  | { type: 'running'; endpoint: string; port: number; portFallback: boolean }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

export type HostToWorker = { type: 'stop' };
