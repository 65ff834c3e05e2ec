// The reshard run this window follows, kept outside React: leaving the Reshard screen must not end the
// subscription (main cancels a run whose subscriber goes away), so the run goes on while the user looks elsewhere.
import type { ExecuteItem, ReshardConfirmation, ReshardOperation, ReshardRun } from '../../../shared/contract/reshard';
import type { SubscriptionHandle, SubscriptionHandlers } from '../../api/client';
import type { AppClient } from '../../api/connect';
import { errorFromShape, toUiError, type UiError } from '../../api/errors';
import { createStore } from '../../state/store';

export type StepItem = Extract<ExecuteItem, { type: 'step' }>;

export interface RunView {
  stream: string;
  /** The active connection's epoch the run started on. */
  epoch: number;
  phase: 'starting' | 'running' | 'ended';
  run: ReshardRun | null;
  /** The latest progress of the step in flight. */
  current: StepItem | null;
  /** When the current retry is due (epoch ms), for a countdown. */
  retryAt: number | null;
  log: { atMs: number; text: string; kind: StepItem['phase'] }[];
  error: UiError | null;
  /** Set once the wizard has reacted to the end (read the stream again): a remount must not react twice. */
  settled: boolean;
}

const LOG_LIMIT = 200;

export const runView = createStore<RunView | null>(null);
let handle: SubscriptionHandle | null = null;

const patch = (change: Partial<RunView>) => runView.set((v) => (v ? { ...v, ...change } : v));

function follow(stream: string, epoch: number, start: (handlers: SubscriptionHandlers<ExecuteItem>) => SubscriptionHandle): void {
  if (handle) return;
  runView.set({ stream, epoch, phase: 'starting', run: null, current: null, retryAt: null, log: [], error: null, settled: false });
  handle = start({
    onBatch: (items) => {
      const view = runView.get();
      if (!view) return;
      let { run, current, retryAt, log } = view;
      for (const item of items) {
        if (item.type === 'run') {
          run = item.run;
        } else {
          current = item;
          retryAt = item.phase === 'retrying' && item.retryInMs !== null ? Date.now() + item.retryInMs : null;
          log = [...log, { atMs: Date.now(), text: `Step ${item.index + 1} of ${item.total}: ${item.message}`, kind: item.phase }].slice(-LOG_LIMIT);
        }
      }
      runView.set({ ...view, phase: run && run.state !== 'running' ? 'ended' : 'running', run, current, retryAt, log });
    },
    onEnd: (error) => {
      handle = null;
      patch({ phase: 'ended', current: null, retryAt: null, ...(error ? { error: errorFromShape(error) } : {}) });
    },
  });
}

export function executeRun(client: AppClient, epoch: number, stream: string, operations: ReshardOperation[], confirm?: ReshardConfirmation): void {
  follow(stream, epoch, (handlers) => client.subscribe('reshard.execute', { stream, operations, ...(confirm ? { confirm } : {}) }, handlers));
}

export function resumeRun(client: AppClient, epoch: number, stream: string, runId: string, confirm?: ReshardConfirmation): void {
  follow(stream, epoch, (handlers) => client.subscribe('reshard.resume', { stream, runId, ...(confirm ? { confirm } : {}) }, handlers));
}

/** Pause or cancel after the current step (main answers whether the run was still there to stop). */
export async function stopRun(client: AppClient, how: 'pause' | 'cancel'): Promise<void> {
  const runId = runView.get()?.run?.runId;
  if (!runId) return;
  try {
    const { accepted } = await client.call(how === 'pause' ? 'reshard.pause' : 'reshard.cancel', { runId });
    if (!accepted) patch({ error: { code: 'NotRunning', message: 'The run had already stopped.', advice: null } });
  } catch (e) {
    patch({ error: toUiError(e) });
  }
}

/** Marks the end as handled; true the first time only. */
export function settleRun(): boolean {
  const view = runView.get();
  if (!view || view.phase !== 'ended' || view.settled) return false;
  runView.set({ ...view, settled: true });
  return true;
}

/** Forget an ended run (e.g. to plan the next one). */
export function clearRun(): void {
  if (handle) return;
  runView.set(null);
}

export const isFollowing = () => handle !== null;
