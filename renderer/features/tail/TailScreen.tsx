// The Tail screen: start a tail anywhere on a stream, watch one merged timeline across shards, filter it in
// main, pause without losing rows, open a record in full, and export, import or replay. This file lays the
// screen out; the keys, the palette's requests and permalinks are hooks beside it, and the controller that
// holds the rows belongs to TailControllersProvider so a tail survives leaving the screen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { toUiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { useStreamNames } from '../../components/useStreamNames';
import { activeConnection, connectionsStore, switchConnection } from '../../state/connections';
import type { TailFilter } from '../../../shared/contract/tail';
import type { SessionState } from '../../state/session';
import { useStore } from '../../state/store';
import { ExportDialog } from './ExportDialog';
import { FanoutConfirmDialog } from './FanoutConfirmDialog';
import { ImportDialog } from './ImportDialog';
import { pendingPermalink } from './permalink';
import { ReplayDialog } from './ReplayDialog';
import type { TailActions } from './tailActions';
import type { TailController } from './tailController';
import { useTailControllers } from './tailControllers';
import { TailDetail } from './TailDetail';
import { TailFilterBar } from './TailFilterBar';
import { TailFind } from './TailFind';
import { formParams, formProblems, patchForm, startWords, tailForm, timeFormats } from './tailForm';
import { RunState, TailEmpty } from './TailRunState';
import { TailSetup } from './TailSetup';
import { TailStatusStrip } from './TailStatusStrip';
import { TailTable } from './TailTable';
import { patchTailUi, tailUi } from './tailUi';
import { useTailKeyboard } from './useTailKeyboard';
import { useTailPermalink } from './useTailPermalink';
import { useTailRequests } from './useTailRequests';
import { useStreamInfo } from './useTailStreams';
import './tail.css';

export function TailScreen({ session }: { session: SessionState }) {
  const client = useClient();
  const connections = useStore(connectionsStore);
  if (!client) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <header className="screen-header">
          <h1 id="screen-title" tabIndex={-1}>
            Tail
          </h1>
          <p>Not connected to Shardscope</p>
        </header>
        <p className="problem">{session.problem ?? 'The window has no link to Shardscope.'}</p>
      </section>
    );
  }
  return <TailWorkspace key={connections.epoch} client={client} epoch={connections.epoch} session={session} />;
}

/** Re-renders once per animation frame while rows arrive: only the strip and the table follow the buffer. */
function LiveStatus({ controller }: { controller: TailController }) {
  useStore(controller.frame);
  const run = useStore(controller.state);
  return (
    <TailStatusStrip
      status={run.status}
      kept={controller.rows.length}
      capacity={controller.rows.capacity}
      dropped={controller.rows.dropped}
      received={controller.rows.pushed}
      paused={run.pausedAt !== null}
      ended={run.phase === 'ended'}
      shown={controller.view.filtered ? controller.view.length : null}
    />
  );
}

function TailWorkspace({ client, epoch, session }: { client: AppClient; epoch: number; session: SessionState }) {
  const controllers = useTailControllers();
  const controller = controllers.controllerFor(client, epoch);
  const run = useStore(controller.state);
  const form = useStore(tailForm);
  const ui = useStore(tailUi);
  const view = useStore(connectionsStore);
  const connection = activeConnection(view);
  const activeId = view.state?.activeId ?? null;
  const streams = useStreamNames(client);
  const { info, loading: infoLoading } = useStreamInfo(client, form.stream);
  const [showProblems, setShowProblems] = useState(false);
  const [filterProblems, setFilterProblems] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const rowsArea = useRef<HTMLDivElement>(null);
  const problems = formProblems(form);
  const active = run.phase === 'running' || run.phase === 'starting';
  const paused = run.pausedAt !== null;
  const sessionId = run.started?.sessionId ?? null;
  const onProblems = useCallback((n: number) => setFilterProblems(n), []);
  const viewFilter = useStore(controller.viewFilter);
  const onView = useCallback((filter: TailFilter | undefined) => controller.setViewFilter(filter), [controller]);

  // A new controller (first visit, or another connection): the old selection meant rows that are gone.
  useEffect(() => {
    if (controllers.takeFresh(controller)) patchTailUi({ selected: null, detail: false, following: true });
  }, [controllers, controller]);

  useEffect(() => {
    if (form.timeFormat !== 'relative') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [form.timeFormat]);

  const begin = useCallback(
    (confirmAccountId?: string) => {
      const f = tailForm.get();
      if (Object.keys(formProblems(f)).length > 0) {
        setShowProblems(true);
        patchTailUi({ setupOpen: true });
        return;
      }
      if (f.mode === 'fanout' && connection?.kind === 'profile' && !confirmAccountId) {
        patchTailUi({ dialog: 'fanout-confirm' });
        return;
      }
      const params = formParams(f, connection?.kind ?? null);
      if (params.mode?.type === 'fanout' && confirmAccountId) params.mode = { type: 'fanout', confirmAccountId };
      if (controller.rows.capacity !== f.bufferSize) controller.setCapacity(f.bufferSize);
      setShowProblems(false);
      setNotice(null);
      patchTailUi({ selected: null, detail: false, following: true, setupOpen: false, dialog: null });
      controller.setViewFilter(params.filter);
      controller.start(params);
      // Row keys (j/k/Enter) go to the rows from now on, not to the button that started the tail.
      const focused = document.activeElement;
      if (!focused || focused === document.body || focused.tagName === 'BUTTON') rowsArea.current?.focus();
    },
    [controller, connection?.kind],
  );

  const toggle = useCallback(() => {
    const phase = controller.state.get().phase;
    if (phase === 'running' || phase === 'starting') controller.stop();
    else begin();
  }, [controller, begin]);

  const togglePause = useCallback(() => {
    if (controller.state.get().pausedAt !== null) controller.resume();
    else controller.pause();
  }, [controller]);

  const select = useCallback(
    (position: number) => {
      if (controller.rows.at(position)) patchTailUi({ selected: position, following: false });
    },
    [controller],
  );

  const { link, copyPermalink } = useTailPermalink(controller, { activeId, connectionId: connection?.id, begin, notify: setNotice });
  const actions = useMemo<TailActions>(
    () => ({ begin, toggle, togglePause, select, copyPermalink, focusFilter: () => filterInput.current?.focus(), notify: setNotice }),
    [begin, toggle, togglePause, select, copyPermalink],
  );
  useTailKeyboard(controller, actions);
  useTailRequests(controller, actions);

  const linkConnection = link && link.connectionId !== activeId ? (view.state?.connections.find((c) => c.id === link.connectionId) ?? null) : null;
  const selectedRow = ui.selected === null ? undefined : controller.rows.at(ui.selected);
  const appliedKey = run.params ? JSON.stringify(run.params.filter ?? null) : null;
  const startBlocked = Object.keys(problems).length > 0 || filterProblems > 0;
  const subtitle = run.params
    ? `${run.params.stream} · ${startWords(run.params)}${run.params.filter ? ' · filtered' : ''} · ${run.params.mode?.type === 'fanout' ? `enhanced fan-out${run.started?.consumerArn ? ` (consumer ${/\/consumer\/([^:]+)/.exec(run.started.consumerArn)?.[1] ?? run.started.consumerArn}, deregistered on stop)` : ''}` : 'polling'}`
    : `Live records across shards, in one timeline${connection ? ` · ${connection.name}` : ''}`;

  return (
    <section className="screen screen-fill tail-screen" aria-labelledby="screen-title" data-testid="tail-screen">
      <header className="screen-header screen-header-row tail-header">
        <div className="title-block">
          <h1 id="screen-title" tabIndex={-1}>
            Tail
          </h1>
          <p>{subtitle}</p>
        </div>
        <div className="header-actions">
          <RunState controller={controller} />
          <button
            type="button"
            className={`button ${active ? '' : 'button-primary'}`}
            onClick={toggle}
            onKeyDown={(e) => {
              // Enter here means the selected row (the keyboard hook opens it); a tail never stops on it.
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && active) e.preventDefault();
            }}
            aria-keyshortcuts="Control+Enter" title={`${active ? 'Stop' : 'Start'} (Ctrl+Enter)`} data-testid="tail-toggle" disabled={!active && startBlocked && showProblems}>
            {active ? 'Stop' : run.phase === 'ended' ? 'Start again' : 'Start tail'}
          </button>
          <button type="button" className="button" onClick={togglePause} disabled={!active} aria-keyshortcuts="Space" title={`${paused ? 'Resume' : 'Pause'} (Space)`} data-testid="tail-pause" aria-pressed={paused}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button" onClick={() => patchTailUi({ dialog: 'export' })} disabled={!sessionId || controller.rows.length === 0} aria-keyshortcuts="E" title="Export rows (E)" data-testid="tail-export">
            Export…
          </button>
          <button type="button" className="button" onClick={() => patchTailUi({ dialog: 'import' })} aria-keyshortcuts="I" title="Import NDJSON (I)">
            Import…
          </button>
          <button type="button" className="button" onClick={() => patchTailUi({ dialog: 'replay' })} disabled={!form.stream} aria-keyshortcuts="R" title="Replay a range (R)">
            Replay…
          </button>
        </div>
      </header>

      {linkConnection || (link && activeId !== null && link.connectionId !== activeId) ? (
        <div className="notice tail-notice" role="status">
          This permalink is for the connection {linkConnection ? <strong>{linkConnection.name}</strong> : <code>{link?.connectionId}</code>}, not the active one.{' '}
          {linkConnection ? (
            <button type="button" className="button button-small" onClick={() => void switchConnection(client, linkConnection.id).catch((e: unknown) => setNotice(toUiError(e).message))}>
              Switch to {linkConnection.name} and open it
            </button>
          ) : (
            'That connection does not exist here.'
          )}{' '}
          <button type="button" className="link-button" onClick={() => pendingPermalink.set(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {notice ? (
        <div className="notice tail-notice" role="status">
          {notice}{' '}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      <details className="tail-card" open={ui.setupOpen} onToggle={(e) => patchTailUi({ setupOpen: e.currentTarget.open })}>
        <summary className="tail-card-summary">
          <span className="eyebrow">Where to read</span>
          {!ui.setupOpen && form.stream ? (
            <span className="small muted">
              {form.stream} · {form.shards ? `${form.shards.length} shard${form.shards.length === 1 ? '' : 's'}` : 'all shards'} · {form.start.replace(/_/g, ' ').toLowerCase()} · {form.mode === 'fanout' ? 'fan-out' : 'polling'}
            </span>
          ) : null}
        </summary>
        <TailSetup streams={streams} shards={info?.shards ?? null} shardsLoading={infoLoading && !info} problems={problems} showProblems={showProblems} connectionKind={connection?.kind ?? null} />
      </details>

      <TailFilterBar inputRef={filterInput} appliedKey={appliedKey} viewFilter={viewFilter} hasSession={run.phase !== 'idle'} onView={onView} onApply={() => begin()} onProblems={onProblems} />

      {run.phase !== 'idle' ? <LiveStatus controller={controller} /> : null}
      {paused ? (
        <p className="tail-paused" role="status" data-testid="paused-note">
          Paused at {new Date(run.pausedAt ?? 0).toLocaleTimeString()}. The tailer stopped reading, so nothing is dropped: Kinesis keeps the records, and Resume (Space) continues exactly where it stopped.
        </p>
      ) : null}
      {run.error ? <ErrorNote error={run.error} title="The tail stopped" testId="tail-error" /> : null}

      <div className="tail-body">
        <div className="tail-main" ref={rowsArea} tabIndex={-1} data-testid="tail-main">
          <div className="tail-tablebar">
            <span className="ts-label">Times</span>
            <span className="segmented" role="radiogroup" aria-label="Arrival time shown as (T)">
              {timeFormats.map((t) => (
                <button key={t.id} type="button" role="radio" aria-checked={form.timeFormat === t.id} className="segment" onClick={() => patchForm({ timeFormat: t.id })}>
                  {t.label}
                </button>
              ))}
            </span>
            {run.phase !== 'idle' ? <TailFind controller={controller} onFound={select} /> : null}
            <span className="toolbar-note" />
            {!ui.following && controller.rows.length > 0 ? (
              <button type="button" className="button button-small" onClick={() => patchTailUi({ following: true, selected: null })} aria-keyshortcuts="F" data-testid="follow">
                Follow newest (F)
              </button>
            ) : controller.rows.length > 0 ? (
              <span className="small muted">{paused ? 'Paused: the view holds still' : 'Following the newest row'}</span>
            ) : null}
          </div>
          {controller.rows.pushed === 0 ? (
            <TailEmpty phase={run.phase} filtered={Boolean(run.params?.filter)} scanned={run.status?.scanned ?? 0} fanout={run.params?.mode?.type === 'fanout'} ended={run.end} hasError={run.error !== null} />
          ) : (
            <TailTable
              controller={controller}
              columns={run.params?.columns ?? []}
              timeFormat={form.timeFormat}
              selected={ui.selected}
              following={ui.following}
              onFollowing={(following) => patchTailUi({ following })}
              onSelect={select}
              onOpen={(p) => patchTailUi({ selected: p, detail: true, following: false })}
              now={now}
              frozen={paused}
              compact={ui.detail && selectedRow !== undefined}
            />
          )}
        </div>
        {ui.detail && selectedRow && run.params ? (
          <TailDetail
            key={selectedRow.id}
            row={selectedRow}
            sessionId={sessionId}
            stream={run.params.stream}
            connectionId={run.started?.connectionId ?? connection?.id ?? ''}
            retentionHours={info && info.stream === run.params.stream ? info.retentionHours : undefined}
            onClose={() => patchTailUi({ detail: false })}
          />
        ) : null}
      </div>

      {ui.dialog === 'export' && sessionId && run.params ? (
        <ExportDialog sessionId={sessionId} stream={run.params.stream} selectedId={selectedRow?.id ?? null} loaded={controller.view.length} loadedIds={() => controller.view.toArray().map((r) => r.id)} transport={session.appInfo?.transport ?? null} dataDir={session.appInfo?.dataDir ?? null} onClose={() => patchTailUi({ dialog: null })} />
      ) : null}
      {ui.dialog === 'import' ? <ImportDialog onClose={() => patchTailUi({ dialog: null })} /> : null}
      {ui.dialog === 'replay' && form.stream ? <ReplayDialog stream={form.stream} onClose={() => patchTailUi({ dialog: null })} /> : null}
      {ui.dialog === 'fanout-confirm' && connection ? <FanoutConfirmDialog connection={connection} stream={form.stream} onConfirm={(account) => begin(account)} onClose={() => patchTailUi({ dialog: null })} /> : null}
    </section>
  );
}
