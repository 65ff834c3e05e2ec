// Realistic limits: the engine-wide switch, and streams with their own setting (add, change, remove).
import { useState } from 'react';
import type { LimitsSetParams, LimitsState, StreamLimitsMode } from '../../../shared/contract/engine';
import { StreamName } from '../../../shared/contract/streams';
import { useClient } from '../../api/ClientContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { useAction } from '../../components/useAction';

const engineModes = [
  { id: 'off', label: 'Off' },
  { id: 'realistic', label: 'Realistic' },
] as const;

const streamModes = [
  { id: 'realistic', label: 'Realistic' },
  { id: 'off', label: 'Off' },
  { id: 'engine', label: 'Follow engine' },
] as const;

export function streamNameProblem(name: string): string | null {
  if (name === '') return null;
  const parsed = StreamName.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a stream name');
}

export function LimitsControls({ limits, streamList, onChange }: { limits: LimitsState; streamList: string; onChange(limits: LimitsState): void }) {
  const client = useClient();
  const action = useAction();
  const [stream, setStream] = useState('');
  const [mode, setMode] = useState<StreamLimitsMode>('realistic');
  const problem = streamNameProblem(stream);
  const set = (params: LimitsSetParams) => client && void action.run(() => client.call('engine.limits.set', params), onChange);
  return (
    <div className="engine-block" data-testid="engine-limits">
      <h3 className="panel-subtitle">Realistic limits</h3>
      <p className="muted small">
        AWS's per-shard limits (writes 1 MiB/s or 1,000 records/s, reads 2 MiB/s and 5 calls/s) and control-plane rates, with throttling errors as AWS sends
        them. Off by default; settings last until the engine restarts.
      </p>
      <div className="engine-row">
        <span className="engine-row-label" id="engine-limits-mode">
          Whole engine
        </span>
        <Segmented label="Limits for the whole engine" options={engineModes} value={limits.mode} disabled={action.busy} onChange={(m) => m !== limits.mode && set({ scope: 'engine', mode: m })} />
        <span className="muted small" data-testid="engine-limits-mode">
          {limits.mode === 'realistic' ? 'Every stream is limited like on AWS, unless it has its own setting.' : 'No limits, unless a stream has its own setting.'}
        </span>
      </div>
      {limits.overrides.length === 0 ? (
        <p className="muted small" data-testid="engine-overrides-empty">
          No stream has its own setting: every stream follows the engine.
        </p>
      ) : (
        <ul className="engine-list" aria-label="Streams with their own limits">
          {limits.overrides.map((o) => (
            <li key={`${o.region}/${o.stream}`} className="engine-list-item" data-testid={`override-${o.stream}`}>
              <span>
                <code>{o.stream}</code> <span className="muted small">{o.region}</span>
              </span>
              <Segmented
                label={`Limits for ${o.stream}`}
                options={streamModes}
                value={o.mode}
                disabled={action.busy}
                onChange={(m) => m !== o.mode && set({ scope: 'stream', stream: o.stream, mode: m })}
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="engine-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (stream && !problem) set({ scope: 'stream', stream, mode });
        }}
      >
        <Field label="Stream" problem={problem}>
          {(props) => <input {...props} className="input mono" list={streamList} value={stream} placeholder="orders" spellCheck={false} autoComplete="off" onChange={(e) => setStream(e.target.value.trim())} />}
        </Field>
        <Field label="Its limits">
          {(props) => (
            <select {...props} className="input" value={mode} onChange={(e) => setMode(e.target.value as StreamLimitsMode)}>
              {streamModes.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={!client || action.busy || !stream || problem !== null}>
          Set for stream
        </button>
      </form>
      {action.error ? <ErrorNote error={action.error} title="The limits were not changed" /> : null}
    </div>
  );
}
