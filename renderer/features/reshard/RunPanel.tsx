// Executing a plan: every step with its state (waiting for ACTIVE, calling, throttled and retrying), pause and
// cancel between steps, and when a run stops halfway its record (what ran, what is left) with Resume. A run found
// in the settings store (the app was closed mid-run, or it was paused) shows the same record.
import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import type { ReshardConfirmation, ReshardOperation, ReshardRun } from '../../../shared/contract/reshard';
import type { AppClient } from '../../api/connect';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { useStore } from '../../state/store';
import { ConfirmReshardDialog } from './ConfirmReshardDialog';
import { describeStep } from './reshardFormat';
import { RunResult } from './RunResult';
import { clearRun, executeRun, resumeRun, runView, settleRun, stopRun, type RunView, type StepItem } from './runState';

const stateWords: Record<ReshardRun['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  failed: 'Stopped by an error',
  completed: 'Completed',
  interrupted: 'Interrupted (the app stopped during the run)',
};

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function Steps({ run, current, retryAt }: { run: ReshardRun; current: StepItem | null; retryAt: number | null }) {
  const now = useNow(retryAt !== null);
  return (
    <ol className="run-steps" data-testid="run-steps">
      {run.steps.map((step, i) => {
        const live = current && current.index === i && step.state !== 'done' ? current : null;
        const phase = step.state === 'done' ? 'done' : live ? live.phase : step.state === 'sent' ? 'sent' : 'pending';
        const words: Record<string, string> = {
          done: 'done',
          pending: 'to do',
          sent: 'sent, outcome not recorded',
          calling: 'calling',
          waiting: 'waiting for ACTIVE',
          retrying: retryAt ? `throttled, retrying in ${Math.max(0, Math.ceil((retryAt - now) / 1000))} s` : 'retrying',
        };
        return (
          <li key={i} className={`run-step run-step-${phase}`} data-state={phase}>
            <span className="run-step-mark" aria-hidden="true">
              {phase === 'done' ? '✓' : live ? '›' : '·'}
            </span>
            <span className="mono">{describeStep(step.operation)}</span>
            <span className="run-step-state">
              {live && phase !== 'retrying' ? <Spinner label={words[phase] ?? phase} /> : (words[phase] ?? phase)}
              {step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}
            </span>
            {live && live.phase === 'retrying' ? <span className="run-step-message small">{live.message}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function RunPanel({ client, epoch, stream, connection, operations, blocked, stored, onRunEnded }: {
  client: AppClient;
  epoch: number;
  stream: string;
  connection: ConnectionSummary | null;
  /** The dry-run-checked calls, or null when the plan cannot run (blocked says why). */
  operations: ReshardOperation[] | null;
  blocked: string | null;
  stored: ReshardRun | null;
  /** A run ended: `changed` when at least one step ran, so the stream's shards are not what was observed. */
  onRunEnded(changed: boolean): void;
}) {
  const all = useStore(runView);
  const view: RunView | null = all && all.stream === stream && all.epoch === epoch ? all : null;
  const [confirming, setConfirming] = useState<'execute' | 'resume' | null>(null);
  const aws = connection?.kind === 'profile';
  const ended = view?.phase === 'ended';
  const changed = view?.run?.steps.some((s) => s.state !== 'pending') ?? false;
  useEffect(() => {
    if (ended && settleRun()) onRunEnded(changed);
  }, [ended, changed, onRunEnded]);
  const otherStream = all && all.phase !== 'ended' && !view ? all.stream : null;

  const execute = (confirm?: ReshardConfirmation) => operations && executeRun(client, epoch, stream, operations, confirm);
  const resumable = view?.run && view.run.state !== 'completed' && view.phase === 'ended' ? view.run : !view && stored && stored.state !== 'completed' ? stored : null;
  const resume = (confirm?: ReshardConfirmation) => resumable && resumeRun(client, epoch, stream, resumable.runId, confirm);
  const running = view !== null && view.phase !== 'ended';

  return (
    <div className="stack" data-testid="run-panel">
      {!view || view.phase === 'ended' ? (
        <div className="button-row">
          <button type="button" className={`button ${resumable ? '' : aws ? 'button-danger' : 'button-primary'}`} disabled={operations === null || otherStream !== null} title={resumable ? 'Starts a new run of the plan above; the stopped run is then no longer the latest' : undefined} onClick={() => (aws ? setConfirming('execute') : execute())} data-testid="reshard-execute">
            {operations ? `Execute ${operations.length} call${operations.length === 1 ? '' : 's'}${aws ? '…' : ''}` : 'Execute'}
          </button>
          {resumable ? (
            <button type="button" className={`button ${aws ? 'button-danger' : 'button-primary'}`} onClick={() => (aws ? setConfirming('resume') : resume())} data-testid="reshard-resume">
              Resume the stopped run{aws ? '…' : ''}
            </button>
          ) : null}
          {view ? (
            <button type="button" className="button" onClick={clearRun}>
              Clear the record
            </button>
          ) : null}
          {operations === null && blocked ? <span className="muted small">{blocked}</span> : null}
          {otherStream ? <span className="muted small">A reshard of {otherStream} is running: wait for it, or stop it first.</span> : null}
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void stopRun(client, 'pause')} disabled={!view.run} data-testid="reshard-pause" title="Stop after the current step; Resume continues">
            Pause after this step
          </button>
          <button type="button" className="button button-danger-outline" onClick={() => void stopRun(client, 'cancel')} disabled={!view.run} data-testid="reshard-cancel" title="Stop after the current step; the record says what is left">
            Cancel after this step
          </button>
        </div>
      )}

      {view?.phase === 'starting' ? <Spinner label="Checking the plan against the stream once more before the first call…" /> : null}
      {view?.error ? <ErrorNote error={view.error} title={view.run ? 'The run reported a problem' : 'The reshard did not start'} testId="run-error" /> : null}

      {view?.run ? (
        <section className="stack" aria-labelledby="run-title" data-testid="run-record">
          <h3 id="run-title" className="panel-subtitle">
            Run <span className={`run-state run-state-${view.run.state}`} data-testid="run-state">{stateWords[view.run.state]}</span>
          </h3>
          <Steps run={view.run} current={view.current} retryAt={view.retryAt} />
          {view.run.state !== 'running' ? <p data-testid="run-summary">{view.run.summary}</p> : null}
          {view.run.error ? <p className="problem">{view.run.error}</p> : null}
          {view.log.length > 0 ? (
            <details className="run-log">
              <summary>Progress messages ({view.log.length})</summary>
              <ol className="small mono">
                {view.log.map((entry, i) => (
                  <li key={i}>
                    {new Date(entry.atMs).toLocaleTimeString()} {entry.text}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {view.run.state === 'completed' ? <RunResult client={client} stream={stream} run={view.run} /> : null}
        </section>
      ) : !view && stored ? (
        <section className="stack" aria-labelledby="stored-title" data-testid="stored-run">
          <h3 id="stored-title" className="panel-subtitle">
            Latest run of {stream}: <span className={`run-state run-state-${stored.state}`}>{stateWords[stored.state]}</span>
          </h3>
          <p className="small muted">Started {new Date(stored.createdMs).toLocaleString()}, last changed {new Date(stored.updatedMs).toLocaleString()}.</p>
          {stored.state !== 'completed' ? <Steps run={stored} current={null} retryAt={null} /> : null}
          <p data-testid="stored-summary">{stored.summary}</p>
          {stored.error ? <p className="problem">{stored.error}</p> : null}
        </section>
      ) : null}

      {running ? <p className="small muted">You can leave this screen: the run goes on, and comes back here when you return.</p> : null}

      {confirming && connection ? (
        <ConfirmReshardDialog
          connection={connection}
          stream={stream}
          calls={operations?.length ?? 0}
          resume={confirming === 'resume'}
          onClose={() => setConfirming(null)}
          onConfirm={(confirm) => {
            setConfirming(null);
            if (confirming === 'resume') resume(confirm);
            else execute(confirm);
          }}
        />
      ) : null}
    </div>
  );
}
