// The Streams screen: the list of the active connection's streams, or one stream's detail.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { ErrorNote } from '../../components/ErrorNote';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore } from '../../state/connections';
import { openDialog, streamsChanged } from '../../state/dialogs';
import type { SessionState } from '../../state/session';
import { useStore } from '../../state/store';
import { StreamDetailView, type ProduceTabSlot } from './StreamDetailView';
import './streams.css';
import { createStreamList, type StreamList } from './streamListStore';
import { visibleRows } from './streamRows';
import { patchStreamsUi, resetForConnection, streamsUi, type SortColumn } from './streamsUi';
import { createThroughputWatch, type ThroughputWatch } from './streamThroughput';
import { StreamTable } from './StreamTable';

let cached: { client: AppClient; epoch: number; list: StreamList; throughput: ThroughputWatch; seenChange: number } | null = null;

/** One list (and throughput watch) per connection; switching drops the old one and its answers still on the way. */
function listFor(client: AppClient, epoch: number): { list: StreamList; throughput: ThroughputWatch } {
  if (cached && cached.client === client && cached.epoch === epoch) return cached;
  cached?.list.dispose();
  cached?.throughput.dispose();
  cached = { client, epoch, list: createStreamList(client), throughput: createThroughputWatch(client), seenChange: streamsChanged.get() };
  return cached;
}

/** `onTail`, `onReshard` and `onMetrics` open the Tail, Reshard and Metrics screens on a stream (lent through screens.tsx). */
export function StreamsScreen({ session, ProduceTab, onTail, onReshard, onMetrics }: { session: SessionState; ProduceTab: ProduceTabSlot; onTail(stream: string): void; onReshard(stream: string): void; onMetrics(stream: string): void }) {
  const client = useClient();
  const connections = useStore(connectionsStore);
  const ui = useStore(streamsUi);
  useEffect(() => resetForConnection(connections.epoch), [connections.epoch]);
  if (!client) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <Header subtitle="Not connected to Shardscope" />
        <p className="problem">{session.problem ?? 'The window has no link to Shardscope.'}</p>
      </section>
    );
  }
  return ui.open && ui.epoch === connections.epoch ? (
    <StreamDetailView key={`${connections.epoch}:${ui.open}`} name={ui.open} onBack={() => patchStreamsUi({ open: null })} ProduceTab={ProduceTab} onTail={onTail} onReshard={onReshard} onMetrics={onMetrics} />
  ) : (
    <StreamList client={client} epoch={connections.epoch} engineRunning={session.engine?.state === 'running'} onTail={onTail} />
  );
}

function Header({ subtitle, children }: { subtitle: string; children?: React.ReactNode }) {
  return (
    <header className="screen-header screen-header-row">
      <div>
        <h1 id="screen-title" tabIndex={-1}>
          Streams
        </h1>
        <p>{subtitle}</p>
      </div>
      {children ? <div className="header-actions">{children}</div> : null}
    </header>
  );
}

function StreamList({ client, epoch, engineRunning, onTail }: { client: AppClient; epoch: number; engineRunning: boolean; onTail(stream: string): void }) {
  const { list, throughput } = listFor(client, epoch);
  const state = useStore(list.store);
  const rates = useStore(throughput.store);
  const ui = useStore(streamsUi);
  const connection = activeConnection(useStore(connectionsStore));
  const local = connection?.kind === 'local';
  const changed = useStore(streamsChanged);
  const filterInput = useRef<HTMLInputElement>(null);
  const [filterStartedAt, setFilterStartedAt] = useState<number | null>(null);

  useEffect(() => {
    if (list.store.get().loadedAt === null && !list.store.get().loading) list.reload();
  }, [list]);
  // Something created or deleted a stream (maybe while the detail was shown): the list follows.
  useEffect(() => {
    if (!cached || cached.list !== list || cached.seenChange === changed) return;
    cached.seenChange = changed;
    list.reload();
  }, [changed, list]);
  // The local engine came up after the first try failed.
  useEffect(() => {
    if (engineRunning && list.store.get().error) list.reload();
  }, [engineRunning, list]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        filterInput.current?.focus();
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyR') {
        event.preventDefault();
        list.reload();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list]);

  const rows = visibleRows(state.rows, state.details, ui.filter, ui.sort, rates);
  const onVisible = useCallback(
    (names: string[]) => {
      list.want(names);
      if (local) throughput.watch(names);
    },
    [list, throughput, local],
  );
  // Off screen (another screen, or the detail open): no stats subscriptions left running.
  useEffect(() => () => throughput.watch([]), [throughput]);
  const onSort = (column: SortColumn) =>
    patchStreamsUi({ sort: { column, descending: ui.sort.column === column ? !ui.sort.descending : false } });
  const where = connection ? connection.name : 'this connection';

  const subtitle = state.loading && !state.refreshing
    ? `Loading the streams of ${where}…`
    : `${state.rows.length.toLocaleString()} stream${state.rows.length === 1 ? '' : 's'} on ${where}${connection ? ` (${connection.region})` : ''}`;

  return (
    <section className="screen screen-wide screen-fill" aria-labelledby="screen-title">
      <Header subtitle={subtitle}>
        <button type="button" className="button" onClick={() => list.reload()} disabled={state.loading} aria-keyshortcuts="Alt+R" title="Refresh (Alt+R)">
          {state.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        <button type="button" className="button button-primary" onClick={() => openDialog({ createStream: true })} aria-keyshortcuts="Alt+N" title="Create stream (Alt+N)">
          Create stream
        </button>
      </Header>
      <div className="toolbar">
        <input
          ref={filterInput}
          className="input filter"
          type="search"
          placeholder="Filter by name or tag   /"
          aria-label="Filter streams by name or tag"
          aria-keyshortcuts="/"
          value={ui.filter}
          onChange={(e) => {
            setFilterStartedAt(e.timeStamp);
            patchStreamsUi({ filter: e.target.value });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && ui.filter) {
              e.preventDefault();
              patchStreamsUi({ filter: '' });
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="stream-rows"]')?.focus();
            }
          }}
          data-testid="stream-filter"
        />
        <span className="toolbar-note" aria-live="polite">
          {state.loading && state.rows.length > 0 && !state.complete ? <Spinner label={`${state.rows.length.toLocaleString()} loaded, more coming…`} /> : null}
          {state.refreshing ? <Spinner label="Refreshing…" /> : null}
          {ui.filter && !state.loading ? `${rows.length.toLocaleString()} of ${state.rows.length.toLocaleString()} match` : null}
          {!state.loading && !ui.filter && state.loadedAt ? `Loaded ${new Date(state.loadedAt).toLocaleTimeString()}` : null}
        </span>
        {ui.selected && rows.some((r) => r.name === ui.selected) ? (
          <button type="button" className="button" onClick={() => ui.selected && patchStreamsUi({ open: ui.selected })}>
            Open {ui.selected.length > 24 ? `${ui.selected.slice(0, 23)}…` : ui.selected}
          </button>
        ) : null}
      </div>
      {state.error ? (
        <div className="stack">
          <ErrorNote error={state.error} title={`Could not list the streams of ${where}`} testId="streams-error" />
          <div>
            <button type="button" className="button" onClick={() => list.reload()}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {state.loading && state.rows.length === 0 ? (
        <div className="loading-block">
          <Spinner label={`Asking ${where} for its streams…`} />
        </div>
      ) : !state.error && state.rows.length === 0 && state.loadedAt !== null ? (
        <div className="empty" data-testid="streams-empty">
          <div className="empty-icon">
            <Icon name="streams" size={28} />
          </div>
          <h2 className="empty-title">No streams on {where} yet</h2>
          <p className="empty-text">Create one here, or with your own tools (the AWS CLI, boto3, the SDKs) pointed at this connection; then refresh.</p>
          <button type="button" className="button button-primary" onClick={() => openDialog({ createStream: true })}>
            Create stream
          </button>
        </div>
      ) : state.rows.length > 0 ? (
        rows.length === 0 ? (
          <div className="empty empty-compact" data-testid="streams-no-match">
            <h2 className="empty-title">No stream matches “{ui.filter}”</h2>
            <p className="empty-text">The filter looks at names, and at tags of rows whose details are loaded.</p>
            <button type="button" className="button" onClick={() => patchStreamsUi({ filter: '' })}>
              Clear the filter
            </button>
          </div>
        ) : (
          <StreamTable
            rows={rows}
            details={state.details}
            throughput={local ? rates : null}
            selected={ui.selected}
            sort={ui.sort}
            onSort={onSort}
            onSelect={(name) => patchStreamsUi({ selected: name })}
            onOpen={(name) => patchStreamsUi({ selected: name, open: name })}
            onTail={onTail}
            onVisible={onVisible}
            filterStartedAt={filterStartedAt}
          />
        )
      ) : null}
    </section>
  );
}
