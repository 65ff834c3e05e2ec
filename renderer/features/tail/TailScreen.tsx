// The Tail screen: start a tail anywhere on a stream, watch one merged timeline across shards, filter it in
// main, pause without losing rows, open a record in full, and export, import or replay.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShardRow } from '../../../shared/contract/streams';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { toUiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore, switchConnection } from '../../state/connections';
import type { SessionState } from '../../state/session';
import { useStore } from '../../state/store';
import { pendingPermalink, permalinkUrl, type Permalink } from './permalink';
import { createTailController, type TailController } from './tailController';
import { ExportDialog, FanoutConfirmDialog, ImportDialog, ReplayDialog } from './TailDialogs';
import { TailDetail } from './TailDetail';
import { TailFilterBar } from './TailFilterBar';
import { formParams, formProblems, patchForm, startWords, tailForm, type TimeFormat } from './tailForm';
import { TailSetup, type StreamChoice } from './TailSetup';
import { TailStatusStrip } from './TailStatusStrip';
import { TailTable } from './TailTable';
import { patchTailUi, tailRequest, tailUi } from './tailUi';
import './tail.css';

let cached: { client: AppClient; epoch: number; controller: TailController; fresh: boolean } | null = null;

/** One controller per connection: a switch ends the old session (main says ConnectionChanged) and forgets it. */
function controllerFor(client: AppClient, epoch: number): TailController {
  if (cached && cached.client === client && cached.epoch === epoch) return cached.controller;
  cached?.controller.dispose();
  cached = { client, epoch, controller: createTailController(client, tailForm.get().bufferSize), fresh: true };
  return cached.controller;
}

const endWords = {
  'end-position': 'Reached the end position',
  'shards-closed': 'Every shard is closed and read to its end',
  'range-done': 'Read the whole range',
  stopped: 'Stopped',
} as const;

const timeFormats: { id: TimeFormat; label: string }[] = [
  { id: 'local', label: 'Local' },
  { id: 'utc', label: 'UTC' },
  { id: 'relative', label: 'Relative' },
];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

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

function useStreams(client: AppClient): StreamChoice {
  const [choice, setChoice] = useState<StreamChoice>({ names: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    client
      .call('streams.list', { limit: 1000 })
      .then((r) => live && setChoice({ names: r.streams.map((s) => s.name), loading: false, error: null }))
      .catch((e: unknown) => live && setChoice({ names: [], loading: false, error: `Could not list the streams: ${toUiError(e).message}` }));
    return () => {
      live = false;
    };
  }, [client]);
  return choice;
}

/** The chosen stream's shards and retention (retentionHours null when it could not be read). */
function useStreamInfo(client: AppClient, stream: string) {
  const [info, setInfo] = useState<{ stream: string; shards: ShardRow[]; retentionHours: number | null } | null>(null);
  const valid = /^[a-zA-Z0-9_.-]{1,128}$/.test(stream);
  useEffect(() => {
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('streams.describe', { name: stream })
        .then((d) => live && setInfo({ stream, shards: d.shards, retentionHours: d.summary.retentionHours }))
        .catch(() => live && setInfo({ stream, shards: [], retentionHours: null }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, stream, valid]);
  const current = info?.stream === stream ? info : null;
  return { info: current, loading: valid && current === null };
}

/** Re-renders once per animation frame while rows arrive: only the strip and the table follow the buffer. */
function LiveStatus({ controller }: { controller: TailController }) {
  useStore(controller.frame);
  const run = useStore(controller.state);
  return <TailStatusStrip status={run.status} kept={controller.rows.length} capacity={controller.rows.capacity} dropped={controller.rows.dropped} received={controller.rows.pushed} paused={run.pausedAt !== null} />;
}

function TailWorkspace({ client, epoch, session }: { client: AppClient; epoch: number; session: SessionState }) {
  const controller = controllerFor(client, epoch);
  const run = useStore(controller.state);
  const form = useStore(tailForm);
  const ui = useStore(tailUi);
  const link = useStore(pendingPermalink);
  const view = useStore(connectionsStore);
  const connection = activeConnection(view);
  const streams = useStreams(client);
  const { info, loading: infoLoading } = useStreamInfo(client, form.stream);
  const [showProblems, setShowProblems] = useState(false);
  const [filterProblems, setFilterProblems] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const selectOnArrival = useRef<{ link: Permalink; scanned: number } | null>(null);
  const problems = formProblems(form);
  const active = run.phase === 'running' || run.phase === 'starting';
  const paused = run.pausedAt !== null;
  const sessionId = run.started?.sessionId ?? null;
  const onProblems = useCallback((n: number) => setFilterProblems(n), []);

  // A new controller (first visit, or another connection): the old selection meant rows that are gone.
  useEffect(() => {
    if (cached?.controller !== controller || !cached.fresh) return;
    cached.fresh = false;
    patchTailUi({ selected: null, detail: false, following: true });
  }, [controller]);

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
      const params = formParams(f);
      if (params.mode?.type === 'fanout' && confirmAccountId) params.mode = { type: 'fanout', confirmAccountId };
      if (controller.rows.capacity !== f.bufferSize) controller.setCapacity(f.bufferSize);
      setShowProblems(false);
      setNotice(null);
      patchTailUi({ selected: null, detail: false, following: true, setupOpen: false, dialog: null });
      controller.start(params);
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

  const copyPermalink = useCallback(() => {
    const s = tailUi.get().selected;
    const row = s === null ? undefined : controller.rows.at(s);
    const params = controller.state.get().params;
    const connectionId = controller.state.get().started?.connectionId ?? connection?.id;
    if (!row || !params || !connectionId) return setNotice('Select a row first to copy its permalink.');
    const url = permalinkUrl({ connectionId, stream: params.stream, shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex });
    navigator.clipboard?.writeText(url).then(
      () => setNotice('Permalink copied.'),
      () => setNotice(`The clipboard is not available; the permalink is ${url}`),
    );
  }, [controller, connection?.id]);

  // Keyboard: every main action without the mouse (not while typing in a field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.key === 'Enter') {
        event.preventDefault();
        toggle();
        return;
      }
      if (mod || event.altKey || isTyping(event.target)) return;
      const onButton = event.target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(event.target.tagName);
      const ui = tailUi.get();
      const rows = controller.rows;
      const move = (delta: number) => {
        if (rows.length === 0) return;
        const base = ui.selected ?? (delta > 0 ? rows.first - 1 : rows.pushed);
        select(Math.min(rows.pushed - 1, Math.max(rows.first, base + delta)));
      };
      switch (event.key) {
        case ' ':
          if (onButton) return;
          event.preventDefault();
          togglePause();
          return;
        case '/':
          event.preventDefault();
          filterInput.current?.focus();
          return;
        case 'j':
          event.preventDefault();
          move(1);
          return;
        case 'k':
          event.preventDefault();
          move(-1);
          return;
        case 'Enter':
          if (onButton || ui.selected === null) return;
          event.preventDefault();
          patchTailUi({ detail: true });
          return;
        case 'Escape':
          if (ui.detail) patchTailUi({ detail: false });
          return;
        case 'l':
          copyPermalink();
          return;
        case 'f':
          patchTailUi({ following: true, selected: null });
          return;
        case 't':
          patchForm({ timeFormat: timeFormats[(timeFormats.findIndex((t) => t.id === tailForm.get().timeFormat) + 1) % timeFormats.length]?.id ?? 'local' });
          return;
        case 'e':
          if (controller.state.get().started) patchTailUi({ dialog: 'export' });
          return;
        case 'i':
          patchTailUi({ dialog: 'import' });
          return;
        case 'r':
          if (tailForm.get().stream) patchTailUi({ dialog: 'replay' });
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, toggle, togglePause, select, copyPermalink]);

  // Requests from the command palette.
  const request = useStore(tailRequest);
  const handled = useRef(request?.n ?? 0);
  useEffect(() => {
    if (!request || request.n === handled.current) return;
    handled.current = request.n;
    const actions = {
      toggle,
      pause: togglePause,
      filter: () => requestAnimationFrame(() => filterInput.current?.focus()),
      follow: () => patchTailUi({ following: true, selected: null }),
      permalink: copyPermalink,
      export: () => (controller.state.get().started ? patchTailUi({ dialog: 'export' }) : setNotice('Start a tail first: export takes the rows of a session.')),
      import: () => patchTailUi({ dialog: 'import' }),
      replay: () => (tailForm.get().stream ? patchTailUi({ dialog: 'replay' }) : setNotice('Choose the source stream first.')),
    };
    actions[request.action]();
  }, [request, toggle, togglePause, copyPermalink, controller]);

  // A permalink: reopen AT_SEQUENCE_NUMBER on its shard, and select the record when it arrives.
  const activeId = view.state?.activeId ?? null;
  useEffect(() => {
    if (!link || activeId === null || link.connectionId !== activeId) return;
    const timer = setTimeout(() => {
      pendingPermalink.set(null);
      patchForm({ stream: link.stream, shards: [link.shardId], start: 'AT_SEQUENCE_NUMBER', startSequence: link.sequenceNumber, end: 'none', order: 'oldest-first', filterText: '', regex: '', jsonata: '' });
      selectOnArrival.current = { link, scanned: 0 };
      begin();
    });
    return () => clearTimeout(timer);
  }, [link, activeId, begin]);
  useEffect(
    () =>
      controller.frame.subscribe(() => {
        const want = selectOnArrival.current;
        if (!want) return;
        const rows = controller.rows;
        for (let p = Math.max(rows.first, want.scanned); p < rows.pushed; p++) {
          const row = rows.at(p);
          if (row && row.shardId === want.link.shardId && row.sequenceNumber === want.link.sequenceNumber && row.subIndex === want.link.subIndex) {
            selectOnArrival.current = null;
            patchTailUi({ selected: p, detail: true, following: false });
            return;
          }
        }
        want.scanned = rows.pushed;
      }),
    [controller],
  );

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
          <button type="button" className={`button ${active ? '' : 'button-primary'}`} onClick={toggle} aria-keyshortcuts="Control+Enter" title={`${active ? 'Stop' : 'Start'} (Ctrl+Enter)`} data-testid="tail-toggle" disabled={!active && startBlocked && showProblems}>
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

      <TailFilterBar inputRef={filterInput} appliedKey={appliedKey} running={active} onApply={() => begin()} onProblems={onProblems} />

      {run.phase !== 'idle' ? <LiveStatus controller={controller} /> : null}
      {paused ? (
        <p className="tail-paused" role="status" data-testid="paused-note">
          Paused at {new Date(run.pausedAt ?? 0).toLocaleTimeString()}. The tailer stopped reading, so nothing is dropped: Kinesis keeps the records, and Resume (Space) continues exactly where it stopped.
        </p>
      ) : null}
      {run.error ? <ErrorNote error={run.error} title="The tail stopped" testId="tail-error" /> : null}

      <div className="tail-body">
        <div className="tail-main">
          <div className="tail-tablebar">
            <span className="ts-label">Times</span>
            <span className="segmented" role="radiogroup" aria-label="Arrival time shown as (T)">
              {timeFormats.map((t) => (
                <button key={t.id} type="button" role="radio" aria-checked={form.timeFormat === t.id} className="segment" onClick={() => patchForm({ timeFormat: t.id })}>
                  {t.label}
                </button>
              ))}
            </span>
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
        <ExportDialog sessionId={sessionId} stream={run.params.stream} selectedId={selectedRow?.id ?? null} loaded={controller.rows.length} loadedIds={() => controller.rows.toArray().map((r) => r.id)} transport={session.appInfo?.transport ?? null} dataDir={session.appInfo?.dataDir ?? null} onClose={() => patchTailUi({ dialog: null })} />
      ) : null}
      {ui.dialog === 'import' ? <ImportDialog onClose={() => patchTailUi({ dialog: null })} /> : null}
      {ui.dialog === 'replay' && form.stream ? <ReplayDialog stream={form.stream} onClose={() => patchTailUi({ dialog: null })} /> : null}
      {ui.dialog === 'fanout-confirm' && connection ? <FanoutConfirmDialog connection={connection} stream={form.stream} onConfirm={(account) => begin(account)} onClose={() => patchTailUi({ dialog: null })} /> : null}
    </section>
  );
}

function RunState({ controller }: { controller: TailController }) {
  const run = useStore(controller.state);
  if (run.phase === 'idle') return null;
  if (run.phase === 'starting') return <Spinner label={run.params?.mode?.type === 'fanout' ? 'Registering a consumer and subscribing…' : 'Opening shard iterators…'} />;
  if (run.phase === 'running') {
    return run.pausedAt !== null ? (
      <span className="status-pill status-idle" data-testid="tail-state">
        Paused
      </span>
    ) : (
      <span className="status-pill status-ok" data-testid="tail-state">
        <span className="pulse" aria-hidden="true" />
        Live
      </span>
    );
  }
  return (
    <span className={`status-pill ${run.error ? 'status-bad' : 'status-idle'}`} data-testid="tail-state">
      {run.error ? 'Failed' : run.end ? endWords[run.end.reason] : 'Stopped'}
    </span>
  );
}

function TailEmpty({ phase, filtered, scanned, fanout, ended, hasError }: { phase: string; filtered: boolean; scanned: number; fanout: boolean; ended: { reason: keyof typeof endWords } | null; hasError: boolean }) {
  if (phase === 'idle') {
    return (
      <div className="empty empty-compact tail-empty" data-testid="tail-empty">
        <div className="empty-icon">
          <Icon name="tail" size={28} />
        </div>
        <h2 className="empty-title">Choose a stream and start</h2>
        <p className="empty-text">
          Rows from every chosen shard merge here in arrival order, decoded in main (KPL aggregates, gzip, CloudWatch Logs, JSON, text). <kbd>Ctrl</kbd>+<kbd>Enter</kbd> starts and stops, <kbd>Space</kbd> pauses, <kbd>/</kbd> filters,{' '}
          <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens a row.
        </p>
      </div>
    );
  }
  if (phase === 'starting') {
    return (
      <div className="loading-block">
        <Spinner label={fanout ? 'Registering the fan-out consumer (it takes a few seconds to become ACTIVE)…' : 'Opening shard iterators…'} />
      </div>
    );
  }
  if (phase === 'running') {
    return (
      <div className="loading-block" data-testid="tail-waiting">
        <Spinner label={filtered ? `No record matched yet (${scanned.toLocaleString()} scanned)…` : 'Waiting for records…'} />
      </div>
    );
  }
  if (hasError) return null;
  return (
    <div className="empty empty-compact tail-empty">
      <h2 className="empty-title">{filtered ? 'No record matched' : 'No records were read'}</h2>
      <p className="empty-text">
        {ended ? `${endWords[ended.reason]}. ` : 'The tail was stopped. '}
        {filtered ? `${scanned.toLocaleString()} records were scanned.` : 'Try an earlier start position (TRIM_HORIZON or a time).'}
      </p>
    </div>
  );
}
