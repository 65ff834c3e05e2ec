// One tail session as the renderer holds it, outside React: the `tail.records` subscription, the rows in a
// bounded ring buffer, the latest status item, and a `frame` counter that changes at most once per animation
// frame (the only thing the table re-renders on). Pausing holds the subscription's batches unacknowledged, so
// main's readers wait (backpressure) and nothing is dropped: Kinesis keeps the records and reading resumes
// where it stopped.
import type { z } from 'zod';
import type { TailFilter, TailItem, TailRecordsParams, TailRow, TailStatus } from '../../../shared/contract/tail';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';
import { RingBuffer } from '../../state/ringBuffer';
import { createStore, type Store } from '../../state/store';
import { KeptRowsView } from './keptRowsView';
import { tailBenchProbe } from './tailBenchProbe';
import { rowTest } from './viewFilter';

export type TailParamsIn = z.input<typeof TailRecordsParams>;
export type StartedItem = Extract<TailItem, { type: 'started' }>;
export type EndItem = Extract<TailItem, { type: 'end' }>;

export const DEFAULT_BUFFER = 100_000;

export interface TailRunState {
  phase: 'idle' | 'starting' | 'running' | 'ended';
  params: TailParamsIn | null;
  started: StartedItem | null;
  status: TailStatus | null;
  end: EndItem | null;
  error: UiError | null;
  pausedAt: number | null;
  /** Rows received; grows once per animation frame at most. */
  received: number;
  startedAt: number | null;
}

const idle: TailRunState = { phase: 'idle', params: null, started: null, status: null, end: null, error: null, pausedAt: null, received: 0, startedAt: null };

export interface TailController {
  readonly state: Store<TailRunState>;
  /** Bumped once per animation frame while rows arrive: the table renders from the buffer on each change. */
  readonly frame: Store<number>;
  readonly rows: RingBuffer<TailRow>;
  /** The rows the table shows: all kept rows, or those passing the view filter. */
  readonly view: KeptRowsView;
  /** The filter the table applies to the rows kept (and to those arriving), without restarting the tail. */
  readonly viewFilter: Store<TailFilter | null>;
  setViewFilter(filter: TailFilter | undefined): void;
  start(params: TailParamsIn): void;
  stop(): void;
  pause(): void;
  resume(): void;
  setCapacity(rows: number): void;
  /** Forgets the client's session (on connection switches or client changes). */
  dispose(): void;
}

export function createTailController(client: AppClient, capacity = DEFAULT_BUFFER): TailController {
  const state = createStore<TailRunState>(idle);
  const frame = createStore(0);
  const rows = new RingBuffer<TailRow>(capacity);
  const viewFilter = createStore<TailFilter | null>(null);
  // Declared before `schedule` exists; the view only calls it after construction.
  const view: KeptRowsView = new KeptRowsView(rows, () => schedule());
  const patch = (change: Partial<TailRunState>) => state.set((s) => ({ ...s, ...change }));
  let handle: { unsubscribe(): void } | null = null;
  let generation = 0;
  let resumeWaiters: (() => void)[] = [];
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      frame.set((n) => n + 1);
      if (state.get().received !== rows.pushed) patch({ received: rows.pushed });
    });
  };

  const releasePaused = () => {
    const waiters = resumeWaiters;
    resumeWaiters = [];
    for (const wake of waiters) wake();
  };

  const closeSession = () => {
    const sessionId = state.get().started?.sessionId;
    if (sessionId) client.call('tail.close', { sessionId }).catch(() => undefined);
  };

  const stopSubscription = () => {
    generation++;
    const h = handle;
    handle = null;
    releasePaused();
    h?.unsubscribe();
  };

  const accept = (items: TailItem[]) => {
    let status: TailStatus | null = null;
    let started: StartedItem | null = null;
    let end: EndItem | null = null;
    tailBenchProbe()?.noteBatch(items);
    for (const item of items) {
      if (item.type === 'record') rows.push(item);
      else if (item.type === 'status') status = item;
      else if (item.type === 'started') started = item;
      else end = item;
    }
    view.catchUp();
    if (started || status || end) {
      patch({
        ...(started ? { started, phase: 'running' as const } : {}),
        ...(status ? { status } : {}),
        ...(end ? { end, phase: 'ended' as const } : {}),
      });
    }
    schedule();
  };

  return {
    state,
    frame,
    rows,
    view,
    viewFilter,
    setViewFilter(filter) {
      const next = filter ?? null;
      if (JSON.stringify(next) === JSON.stringify(viewFilter.get())) return;
      viewFilter.set(next);
      view.setTest(rowTest(filter));
    },
    start(params) {
      stopSubscription();
      closeSession();
      rows.clear();
      view.reset();
      const mine = generation;
      state.set({ ...idle, phase: 'starting', params, startedAt: Date.now() });
      schedule();
      handle = client.subscribe('tail.records', params, {
        onBatch: async (items) => {
          // Paused: hold this batch (and so its ack) until resumed; main's readers wait meanwhile.
          while (mine === generation && state.get().pausedAt !== null) await new Promise<void>((wake) => resumeWaiters.push(wake));
          if (mine !== generation) return;
          accept(items);
        },
        onEnd: (error) => {
          if (mine !== generation) return;
          handle = null;
          const s = state.get();
          patch({ phase: 'ended', pausedAt: null, ...(error ? { error: errorFromShape(error) } : {}), ...(s.end || error ? {} : { end: null }) });
          schedule();
        },
      });
    },
    stop() {
      if (!handle) return;
      stopSubscription();
      patch({ phase: 'ended', pausedAt: null });
    },
    pause() {
      const s = state.get();
      if (s.pausedAt !== null || (s.phase !== 'running' && s.phase !== 'starting')) return;
      patch({ pausedAt: Date.now() });
    },
    resume() {
      if (state.get().pausedAt === null) return;
      patch({ pausedAt: null });
      releasePaused();
    },
    setCapacity(n) {
      rows.resize(n);
      view.reset();
      schedule();
    },
    dispose() {
      stopSubscription();
      closeSession();
    },
  };
}
