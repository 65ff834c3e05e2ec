// The run at a glance: its state (running, view paused, stopped and why), what it has read and emitted, the
// late and unparseable counts, how far behind it reads, and its memory against the bound.
import type { RunState } from './runController';

const mib = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);
const n = (v: number) => v.toLocaleString();

const stopWords: Record<string, string> = {
  'memory-bound': 'Stopped: memory bound reached',
  'source-ended': 'Stopped: the source ended',
  'source-failed': 'Stopped: reading the source failed',
  'output-failed': 'Stopped: writing the output failed',
};

export function runLabel(run: RunState): { text: string; tone: 'ok' | 'busy' | 'bad' | 'idle' } {
  if (run.phase === 'starting') return { text: 'Starting', tone: 'busy' };
  if (run.phase === 'running') return run.paused ? { text: 'View paused', tone: 'busy' } : { text: 'Running', tone: 'ok' };
  if (run.phase === 'stopped') return run.stopped ? { text: stopWords[run.stopped.reason] ?? 'Stopped', tone: 'bad' } : run.error ? { text: 'Failed', tone: 'bad' } : { text: 'Stopped', tone: 'idle' };
  return { text: 'Not running', tone: 'idle' };
}

export function RunPill({ run }: { run: RunState }) {
  const label = runLabel(run);
  return (
    <span className={`status-pill status-${label.tone}`} data-testid="run-state">
      {label.tone === 'ok' || label.tone === 'busy' ? <span className="pulse" aria-hidden="true" /> : null}
      {label.text}
    </span>
  );
}

export function RunStatus({ run }: { run: RunState }) {
  if (!run.started && !run.stats) return null;
  const stats = run.stats?.stats;
  const used = stats?.state.estimatedBytes ?? 0;
  const bound = stats?.maxStateBytes ?? run.started?.maxStateBytes ?? 0;
  const share = bound > 0 ? Math.min(1, used / bound) : 0;
  return (
    <div className="run-status" data-testid="run-status">
      {run.started ? (
        <span className="small muted" data-testid="run-window">
          {run.started.window} · time: {run.started.time.column} ({run.started.time.eventTime ? 'event time' : 'arrival time'})
        </span>
      ) : null}
      {stats ? (
        <dl className="run-facts">
          <div>
            <dt>Records in</dt>
            <dd data-testid="records-in">{n(stats.recordsIn)}</dd>
          </div>
          <div>
            <dt>Rate</dt>
            <dd>{n(Math.round(run.stats?.recordsPerSecond ?? 0))}/s</dd>
          </div>
          <div>
            <dt>Rows out</dt>
            <dd>{n(stats.rowsOut)}</dd>
          </div>
          <div>
            <dt>Behind</dt>
            <dd>{run.stats?.lagMs === null || run.stats?.lagMs === undefined ? '—' : `${(run.stats.lagMs / 1000).toFixed(1)} s`}</dd>
          </div>
          <div className={stats.lateRecords > 0 ? 'run-warn' : ''}>
            <dt>Late</dt>
            <dd data-testid="late-count">{n(stats.lateRecords)}</dd>
          </div>
          <div className={stats.parseErrors > 0 ? 'run-warn' : ''}>
            <dt>Did not parse</dt>
            <dd data-testid="error-count">{n(stats.parseErrors)}</dd>
          </div>
          <div className="run-memory">
            <dt>Memory</dt>
            <dd>
              <span className="memory-bar" role="meter" aria-label="Query memory against its bound" aria-valuemin={0} aria-valuemax={bound} aria-valuenow={used} aria-valuetext={`${mib(used)} of ${mib(bound)}`}>
                <span className={`memory-fill${share > 0.8 ? ' memory-high' : ''}`} style={{ width: `${Math.max(share * 100, used > 0 ? 1 : 0)}%` }} />
              </span>
              <span className="small" data-testid="memory-used">
                {mib(used)} of {mib(bound)}
              </span>
            </dd>
          </div>
          {run.stats?.output ? (
            <div className={run.stats.output.failed > 0 ? 'run-warn' : ''}>
              <dt>Written to {run.stats.output.target}</dt>
              <dd title={run.stats.output.lastError ?? undefined}>
                {n(run.stats.output.written)}
                {run.stats.output.failed > 0 ? ` (${n(run.stats.output.failed)} failed)` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}
