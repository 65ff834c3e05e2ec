// One query run as the screen holds it, outside React so it outlives a visit to another screen: the
// `analytics.run` subscription, the result rows (ResultTable), the error stream and late records (the newest
// few kept, the totals counted), the latest statistics, and how it ended. Pausing only freezes the view: the
// query keeps running in main and its rows keep arriving.
import type { LateRecord, RunItem, RunParamsIn, RunRecordError, RunStopReason } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';
import { createStore, type Store } from '../../state/store';
import { analyticsBenchProbe } from './analyticsBenchProbe';
import { ResultTable } from './resultTable';

export type StartedItem = Extract<RunItem, { type: 'started' }>;
export type StatsItem = Extract<RunItem, { type: 'stats' }>;

const KEEP_ERRORS = 200;
const KEEP_LATE = 200;

export interface RunState {
  phase: 'idle' | 'starting' | 'running' | 'stopped';
  started: StartedItem | null;
  stats: StatsItem | null;
  /** Why main stopped the query (memory bound, source gone…), null when the user stopped it. */
  stopped: { reason: RunStopReason; message: string } | null;
  error: UiError | null;
  errors: RunRecordError[];
  errorsTotal: number;
  late: LateRecord[];
  lateTotal: number;
  /** The watermark of the latest batch of rows. */
  watermark: number | null;
  paused: boolean;
  startedAt: number | null;
}

const idle: RunState = { phase: 'idle', started: null, stats: null, stopped: null, error: null, errors: [], errorsTotal: 0, late: [], lateTotal: 0, watermark: null, paused: false, startedAt: null };

export interface RunController {
  readonly state: Store<RunState>;
  readonly table: ResultTable;
  start(params: RunParamsIn): void;
  stop(): void;
  setPaused(paused: boolean): void;
  dispose(): void;
}

const newest = <T>(kept: T[], more: T[], cap: number) => [...kept, ...more].slice(-cap);

export function createRunController(client: AppClient): RunController {
  const state = createStore<RunState>(idle);
  const table = new ResultTable();
  const patch = (change: Partial<RunState>) => state.set((s) => ({ ...s, ...change }));
  let handle: { unsubscribe(): void } | null = null;
  let generation = 0;
  /** For the bench probe only: when main sent each row. */
  const sentAt = new WeakMap<object, number>();

  const accept = (items: RunItem[]) => {
    const change: Partial<RunState> = {};
    const s = state.get();
    for (const item of items) {
      switch (item.type) {
        case 'started':
          table.reset(item.columns);
          Object.assign(change, { started: item, phase: 'running' });
          break;
        case 'rows':
          if (analyticsBenchProbe()) {
            analyticsBenchProbe()?.noteRows(item.rows);
            for (const row of item.rows) sentAt.set(row, item.at);
          }
          table.add(item.rows);
          change.watermark = item.watermark;
          break;
        case 'errors':
          change.errors = newest(change.errors ?? s.errors, item.errors, KEEP_ERRORS);
          change.errorsTotal = item.total;
          break;
        case 'late':
          change.late = newest(change.late ?? s.late, item.records, KEEP_LATE);
          change.lateTotal = item.total;
          break;
        case 'stats':
          change.stats = item;
          break;
        case 'stopped':
          Object.assign(change, { stopped: { reason: item.reason, message: item.message }, phase: 'stopped' });
          break;
      }
    }
    if (Object.keys(change).length > 0) patch(change);
  };

  const unsubscribe = () => {
    generation++;
    const h = handle;
    handle = null;
    h?.unsubscribe();
  };

  return {
    state,
    table,
    start(params) {
      unsubscribe();
      const mine = generation;
      table.reset([]);
      const probe = analyticsBenchProbe();
      table.onPainted = probe ? (rows) => probe.notePainted(rows.map((r) => ({ rowtime: r.rowtime, sentAt: sentAt.get(r) }))) : null;
      state.set({ ...idle, phase: 'starting', startedAt: Date.now() });
      handle = client.subscribe('analytics.run', params, {
        onBatch: (items) => {
          if (mine === generation) accept(items);
        },
        onEnd: (error) => {
          if (mine !== generation) return;
          handle = null;
          patch({ phase: 'stopped', ...(error ? { error: errorFromShape(error) } : {}) });
        },
      });
    },
    stop() {
      if (!handle) return;
      unsubscribe();
      patch({ phase: 'stopped' });
    },
    setPaused(paused) {
      table.pause(paused);
      patch({ paused });
    },
    dispose() {
      unsubscribe();
    },
  };
}

let held: { client: AppClient; epoch: number; controller: RunController } | null = null;

/** The run for this client and connection: the same one across visits to the screen, a new one (the old query
 *  stopped) once the connection changes. */
export function runControllerFor(client: AppClient, epoch: number): RunController {
  if (held && held.client === client && held.epoch === epoch) return held.controller;
  held?.controller.dispose();
  held = { client, epoch, controller: createRunController(client) };
  return held.controller;
}
