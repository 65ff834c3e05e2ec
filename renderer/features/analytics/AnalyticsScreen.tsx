// The Analytics screen: live streaming SQL over a stream (or, locally, a delivery stream), in the Flink or KDA
// dialect, charted as it runs; and ad-hoc SQLite over the last minutes of a stream. Queries run in main; this
// screen picks the source, edits the schema and the query, and shows what the run sends back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { AccountConfirmDialog, accountLabel } from '../../components/AccountConfirmDialog';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/ErrorNote';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Segmented } from '../../components/Segmented';
import { Tabs } from '../../components/Tabs';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { AdhocPanel } from './AdhocPanel';
import { analyticsForm, outputOf, patchAnalyticsForm, queryText, schemaOf, sourceNameOf, sourceOf, sourceProblems } from './analyticsForm';
import { analyticsRequest, analyticsUi, claimRequest, patchAnalyticsUi } from './analyticsUi';
import { FlinkExportDialog } from './FlinkExportDialog';
import { OutputDialog } from './OutputDialog';
import { ReferenceTablePicker } from './ReferenceTablePicker';
import { ResultsPanel } from './ResultsPanel';
import { RunPill, RunStatus } from './RunStatus';
import { runControllerFor } from './runController';
import { SavedQueries } from './SavedQueries';
import { SchemaEditor, schemaProblems } from './SchemaEditor';
import { SourcePicker } from './SourcePicker';
import { SqlEditor } from './SqlEditor';
import { dialectLabels, exampleQuery, sqlDialects, type AnalyticsDialect } from './sqlDialects';
import { useQueryCheck } from './useQueryCheck';
import { useStreamNames } from '../../components/useStreamNames';
import './analytics.css';

export function AnalyticsScreen() {
  const client = useClient();
  const connections = useStore(connectionsStore);
  if (!client) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <ScreenHeader title="Analytics" subtitle="Not connected to Shardscope" />
        <p className="problem">The window has no link to Shardscope.</p>
      </section>
    );
  }
  return <AnalyticsWorkspace key={connections.epoch} client={client} epoch={connections.epoch} />;
}

const dialectOptions = (Object.keys(dialectLabels) as AnalyticsDialect[]).map((id) => ({ id, label: dialectLabels[id] }));

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName));
}

function AnalyticsWorkspace({ client, epoch }: { client: AppClient; epoch: number }) {
  const controller = runControllerFor(client, epoch);
  const run = useStore(controller.state);
  const form = useStore(analyticsForm);
  const ui = useStore(analyticsUi);
  const view = useStore(connectionsStore);
  const connection = activeConnection(view);
  const local = connection?.kind === 'local';
  const streams = useStreamNames(client);
  const { check, verdict, vocabulary } = useQueryCheck(client, form);
  const [showProblems, setShowProblems] = useState(false);
  const editorBox = useRef<HTMLDivElement>(null);
  const text = queryText(form);
  const active = run.phase === 'running' || run.phase === 'starting';
  const problems = sourceProblems(form);
  const badColumns = schemaProblems(form.columns);

  const awsEffects = () => {
    if (connection?.kind !== 'profile') return [];
    return [
      ...(form.sourceKind === 'stream' && form.mode === 'fanout' ? [`register an enhanced fan-out consumer on ${form.stream} (billed per consumer-shard hour and data read; deregistered when the query stops)`] : []),
      ...(outputOf(form) ? [`write each result row as a record into ${form.output.name} (billed, and read by that stream's consumers)`] : []),
    ];
  };

  const begin = (confirmAccountId?: string) => {
    const f = analyticsForm.get();
    if (Object.keys(sourceProblems(f)).length > 0 || schemaProblems(f.columns) > 0) {
      setShowProblems(true);
      return;
    }
    if (awsEffects().length > 0 && !confirmAccountId) return patchAnalyticsUi({ dialog: 'aws-confirm' });
    setShowProblems(false);
    patchAnalyticsUi({ dialog: null });
    const output = outputOf(f, confirmAccountId);
    controller.start({
      // Rows reach the screen within 50 ms of main emitting them (main's default batches every 100 ms).
      batchMs: 50,
      sql: queryText(f),
      dialect: f.dialect,
      schema: schemaOf(f),
      source: sourceOf(f, f.mode === 'fanout' ? confirmAccountId : undefined),
      ...(output ? { output } : {}),
      ...(f.reference ? { referenceTable: { name: f.reference.name, format: f.reference.format, delimiter: f.reference.delimiter, text: f.reference.text } } : {}),
    });
  };
  const beginRef = useRef(begin);
  useEffect(() => {
    beginRef.current = begin;
  });
  const onRun = useCallback(() => beginRef.current(), []);
  const toggle = () => (active ? controller.stop() : begin());

  // Palette requests, carried out once the screen is mounted.
  const request = useStore(analyticsRequest);
  useEffect(() => {
    // Discovery is the schema editor's to carry out; it lives on the streaming tab.
    if (request?.action === 'discover') patchAnalyticsUi({ tab: 'stream' });
    const action = claimRequest(request, (a) => a !== 'discover');
    if (!action) return;
    const focusEditor = () => requestAnimationFrame(() => editorBox.current?.querySelector<HTMLElement>('.cm-content')?.focus());
    switch (action) {
      case 'run':
        patchAnalyticsUi({ tab: 'stream' });
        beginRef.current();
        break;
      case 'stop':
        controller.stop();
        break;
      case 'pause':
        if (controller.state.get().phase === 'running') controller.setPaused(!controller.state.get().paused);
        break;
      case 'editor':
        patchAnalyticsUi({ tab: 'stream' });
        focusEditor();
        break;
      case 'flink':
      case 'output':
        patchAnalyticsUi({ tab: 'stream', dialog: action });
        break;
      case 'adhoc':
        patchAnalyticsUi({ tab: 'adhoc' });
        break;
    }
  }, [request, controller]);

  const setDialect = (dialect: AnalyticsDialect) => patchAnalyticsForm({ dialect });
  const verdictNow = verdict && verdict.text === text ? verdict.result : null;

  return (
    <section
      className="screen analytics-screen"
      aria-labelledby="screen-title"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
          e.preventDefault();
          toggle();
        } else if (e.key === ' ' && !isTyping(e.target) && run.phase === 'running') {
          e.preventDefault();
          controller.setPaused(!run.paused);
        }
      }}
    >
      <ScreenHeader title="Analytics" subtitle="Live streaming SQL over a stream, charted as it runs" />
      <Tabs
        tabs={[
          { id: 'stream', label: 'Streaming SQL' },
          { id: 'adhoc', label: 'Ad-hoc (SQLite)' },
        ]}
        current={ui.tab}
        onChange={(tab) => patchAnalyticsUi({ tab })}
        label="Analytics mode"
      >
        {ui.tab === 'adhoc' ? (
          <div className="analytics-layout">
            <div className="analytics-side">
              <Card id="analytics-source" title="Source">
                <SourcePicker form={{ ...form, sourceKind: 'stream' }} streams={streams} local={false} showProblems={false} disabled={false} streamOnly />
              </Card>
            </div>
            <div className="analytics-main">
              <Card id="analytics-adhoc" title="Ad-hoc SQL (SQLite)">
                <AdhocPanel client={client} form={form} />
              </Card>
            </div>
          </div>
        ) : (
          <div className="analytics-layout">
            <div className="analytics-side">
              <Card id="analytics-source" title="Source">
                <SourcePicker form={form} streams={streams} local={local} showProblems={showProblems} disabled={active} />
              </Card>
              <Card id="analytics-input" title="Input schema">
                <SchemaEditor client={client} form={form} disabled={active} />
                <ReferenceTablePicker form={form} disabled={active} />
              </Card>
            </div>
            <div className="analytics-main">
              <Card
                id="analytics-query"
                title="Query"
                aside={<Segmented label="SQL dialect" options={dialectOptions} value={form.dialect} onChange={setDialect} />}
              >
                <div className="query-toolbar">
                  <button type="button" className="button" onClick={() => patchAnalyticsForm({ sql: { ...form.sql, [form.dialect]: exampleQuery(form.dialect, sourceNameOf(form)) } })} disabled={active} title="Replace the text with a tumbling count per partition key">
                    Example
                  </button>
                  <SavedQueries client={client} form={form} text={text} />
                </div>
                <div ref={editorBox}>
                  <SqlEditor
                    value={text}
                    onChange={(sql) => patchAnalyticsForm({ sql: { ...analyticsForm.get().sql, [analyticsForm.get().dialect]: sql } })}
                    dialect={sqlDialects[form.dialect]}
                    vocabulary={vocabulary}
                    check={check}
                    onRun={onRun}
                    label={`${dialectLabels[form.dialect]} query`}
                    testId="sql-editor"
                    recheckKey={JSON.stringify([form.dialect, form.columns, form.format, form.reference?.name, sourceNameOf(form)])}
                  />
                </div>
                <p className="query-verdict" aria-live="polite" data-testid="sql-verdict">
                  {verdictNow === null ? (
                    <span className="muted">Checking as you type…</span>
                  ) : verdictNow.ok ? (
                    <span>
                      <span className="analytics-ok">✓</span> {verdictNow.window} · {verdictNow.columns.length} column{verdictNow.columns.length === 1 ? '' : 's'}: {verdictNow.columns.map((c) => c.name).join(', ')}
                      {verdictNow.sink ? ` · into ${verdictNow.sink}` : ''}
                    </span>
                  ) : (
                    <span className="analytics-bad" data-testid="sql-problem">
                      {verdictNow.error.message}
                    </span>
                  )}
                </p>
                <div className="query-actions">
                  <button type="button" className={`button ${active ? 'button-danger' : 'button-primary'}`} onClick={toggle} data-testid="analytics-run" aria-keyshortcuts="Control+Enter">
                    {active ? 'Stop' : 'Run'} <kbd>Ctrl+Enter</kbd>
                  </button>
                  <button type="button" className="button" onClick={() => patchAnalyticsUi({ dialog: 'output' })} disabled={active} data-testid="analytics-output">
                    {form.output.kind === 'none' ? 'Output: the screen only' : `Output: ${form.output.name}`}
                  </button>
                  <button type="button" className="button" onClick={() => patchAnalyticsUi({ dialog: 'flink' })} disabled={!form.stream && form.sourceKind === 'stream'} data-testid="analytics-flink" title="A Flink SQL script for Managed Service for Apache Flink">
                    Export to Flink SQL…
                  </button>
                  {showProblems && (Object.keys(problems).length > 0 || badColumns > 0) ? (
                    <span className="analytics-bad small" role="alert">
                      {problems.source ?? problems.startTime ?? problems.delimiter ?? `${badColumns} column name${badColumns === 1 ? '' : 's'} to fix in the input schema.`}
                    </span>
                  ) : null}
                </div>
              </Card>
              <Card id="analytics-results" title="Results" aside={<RunPill run={run} />}>
                <RunStatus run={run} />
                {run.stopped ? <ErrorNote error={{ code: run.stopped.reason, message: run.stopped.message, advice: null }} title="The query stopped" testId="run-stopped" /> : null}
                {run.error ? <ErrorNote error={run.error} title="The query failed" testId="run-error" /> : null}
                <ResultsPanel controller={controller} baseName={`${sourceNameOf(form)}-results`} />
              </Card>
            </div>
          </div>
        )}
      </Tabs>
      {ui.dialog === 'flink' ? <FlinkExportDialog client={client} form={form} text={text} onClose={() => patchAnalyticsUi({ dialog: null })} /> : null}
      {ui.dialog === 'output' ? <OutputDialog form={form} streams={streams.names} onClose={() => patchAnalyticsUi({ dialog: null })} /> : null}
      {ui.dialog === 'aws-confirm' && connection ? (
        <AccountConfirmDialog title="Run this query on AWS?" testId="aws-confirm" connection={connection} confirmLabel="Confirm and run" onConfirm={(account) => begin(account)} onClose={() => patchAnalyticsUi({ dialog: null })}>
          <p>
            In AWS account <strong className="mono">{accountLabel(connection)}</strong> ({connection.name}, {connection.region}) this query will:
          </p>
          <ul>
            {awsEffects().map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </AccountConfirmDialog>
      ) : null}
    </section>
  );
}
