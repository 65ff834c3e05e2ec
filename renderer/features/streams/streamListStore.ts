// The stream list outside React: names page in through `streams.list` cursors (the first page shows at once,
// the rest follow in the background), and the heavier per-row columns come from `streams.details` only for
// rows on screen, gathered into batches of up to 100 names. A refresh keeps the old rows until the new ones
// are complete, so the selection and scroll position never jump.
import type { RpcErrorShape } from '../../../shared/contract/index';
import type { StreamDetailsRow, StreamListRow } from '../../../shared/contract/streams';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { createStore, type Store } from '../../state/store';

export type DetailCell = { state: 'loading' } | { state: 'ok'; row: StreamDetailsRow } | { state: 'error'; error: RpcErrorShape };

export interface StreamListState {
  rows: StreamListRow[];
  /** True once every page is in. */
  complete: boolean;
  /** A page request is in flight (first load or refresh). */
  loading: boolean;
  refreshing: boolean;
  error: UiError | null;
  details: ReadonlyMap<string, DetailCell>;
  loadedAt: number | null;
}

/** Rows per streams.list call: the contract's maximum, so 2,000 streams take two calls. */
const PAGE_LIMIT = 1000;
/** streams.details takes up to 100 names. */
const DETAILS_BATCH = 100;
/** Scrolling settles for this long before the rows on screen ask for their details. */
const DETAILS_DELAY_MS = 60;

export interface StreamList {
  store: Store<StreamListState>;
  reload(): void;
  /** Asks for the details of these names unless they are fresh or already on their way. */
  want(names: readonly string[]): void;
  /** Forgets one stream's details (after an action changed it) and fetches them again if wanted. */
  invalidate(name: string): void;
  dispose(): void;
}

export function createStreamList(client: AppClient): StreamList {
  const store = createStore<StreamListState>({ rows: [], complete: false, loading: false, refreshing: false, error: null, details: new Map(), loadedAt: null });
  const patch = (change: Partial<StreamListState>) => store.set((s) => ({ ...s, ...change }));
  let generation = 0;
  let disposed = false;
  const fresh = new Set<string>();
  const queued = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setDetails = (entries: [string, DetailCell][]) => {
    const details = new Map(store.get().details);
    for (const [name, cell] of entries) details.set(name, cell);
    patch({ details });
  };

  async function loadPages(): Promise<void> {
    const mine = ++generation;
    const refreshing = store.get().rows.length > 0;
    patch({ loading: true, refreshing, error: null });
    const collected: StreamListRow[] = [];
    let cursor: string | undefined;
    try {
      for (;;) {
        const page = await client.call('streams.list', cursor === undefined ? { limit: PAGE_LIMIT } : { cursor, limit: PAGE_LIMIT });
        if (mine !== generation || disposed) return;
        collected.push(...page.streams);
        if (!refreshing) {
          // For bench/ui-streamlist.ts: when each page's rows reach the store (the table measures from here).
          performance.mark('streams:page-data');
          patch({ rows: [...collected], complete: page.nextCursor === null });
        }
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      // After a refresh every row's details are refetched when next on screen; old values stay until then.
      fresh.clear();
      const names = new Set(collected.map((row) => row.name));
      const details = new Map([...store.get().details].filter(([name]) => names.has(name)));
      patch({ rows: collected, complete: true, loading: false, refreshing: false, details, loadedAt: Date.now() });
    } catch (error) {
      if (mine !== generation || disposed) return;
      patch({ loading: false, refreshing: false, error: toUiError(error) });
    }
  }

  async function flush(): Promise<void> {
    timer = null;
    const names = [...queued];
    queued.clear();
    const mine = generation;
    for (let i = 0; i < names.length; i += DETAILS_BATCH) {
      const batch = names.slice(i, i + DETAILS_BATCH);
      try {
        const { rows } = await client.call('streams.details', { names: batch });
        if (mine !== generation || disposed) return;
        setDetails(rows.map((entry): [string, DetailCell] => [entry.name, entry.ok ? { state: 'ok', row: entry.details } : { state: 'error', error: entry.error }]));
      } catch (error) {
        if (disposed) return;
        const shape = toUiError(error);
        for (const name of batch) fresh.delete(name);
        setDetails(batch.map((name): [string, DetailCell] => [name, { state: 'error', error: { code: shape.code, message: shape.message } }]));
      }
    }
  }

  return {
    store,
    reload: () => void loadPages(),
    want(names) {
      const missing = names.filter((name) => !fresh.has(name));
      if (missing.length === 0) return;
      for (const name of missing) {
        fresh.add(name);
        queued.add(name);
      }
      const current = store.get().details;
      const loading = missing.filter((name) => !current.has(name));
      if (loading.length > 0) setDetails(loading.map((name): [string, DetailCell] => [name, { state: 'loading' }]));
      if (timer === null) timer = setTimeout(() => void flush(), DETAILS_DELAY_MS);
    },
    invalidate(name) {
      fresh.delete(name);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
