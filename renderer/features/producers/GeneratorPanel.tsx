// The data generator: a shape (clickstream, IoT, logs or a JSON template), a rate and a key distribution,
// previewed before it starts; while it runs in main its counts arrive through generator.progress. On an AWS
// profile connection it starts only after the user types the account id it will write to.
import { useEffect, useState } from 'react';
import type { GeneratorShape, GeneratorStatus, KeyDistribution } from '../../../shared/contract/producers';
import { useClient } from '../../api/ClientContext';
import { errorFromShape, toUiError, type UiError } from '../../api/errors';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';

type ShapeKind = GeneratorShape['kind'];
const shapes: { id: ShapeKind; label: string }[] = [
  { id: 'clickstream', label: 'Clickstream' },
  { id: 'iot', label: 'IoT telemetry' },
  { id: 'logs', label: 'Application logs' },
  { id: 'template', label: 'JSON template' },
];
const DEFAULT_TEMPLATE = '{"id": "{{uuid}}", "user": "user-{{int 1 500}}", "n": {{seq}}, "at": {{now}}, "kind": "{{pick view click buy}}"}';

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function GeneratorPanel({ stream }: { stream: string }) {
  const client = useClient();
  const connection = activeConnection(useStore(connectionsStore));
  const [kind, setKind] = useState<ShapeKind>('clickstream');
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [templateFormat, setTemplateFormat] = useState<'json' | 'text'>('json');
  const [rate, setRate] = useState('50');
  const [dist, setDist] = useState<'uniform' | 'zipf'>('uniform');
  const [keyCount, setKeyCount] = useState('1000');
  const [exponent, setExponent] = useState('1.1');
  const [seconds, setSeconds] = useState('');
  const [status, setStatus] = useState<GeneratorStatus | null>(null);
  const [progressError, setProgressError] = useState<UiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const start$ = useAction();
  const stop$ = useAction();

  const rateValue = Number(rate);
  const rateProblem = !Number.isInteger(rateValue) || rateValue < 1 || rateValue > 20_000 ? 'Whole records per second, 1 to 20,000.' : null;
  const keyCountValue = Number(keyCount);
  const keysProblem = !Number.isInteger(keyCountValue) || keyCountValue < 1 || keyCountValue > 100_000 ? 'From 1 to 100,000 keys.' : null;
  const exponentValue = Number(exponent);
  const exponentProblem = dist === 'zipf' && (!Number.isFinite(exponentValue) || exponentValue < 0 || exponentValue > 4) ? 'From 0 (uniform) to 4 (very hot).' : null;
  const secondsValue = seconds === '' ? null : Number(seconds);
  const secondsProblem = secondsValue !== null && (!Number.isFinite(secondsValue) || secondsValue < 0.1 || secondsValue > 604_800) ? 'Seconds from 0.1 to 604,800 (a week), or empty to run until stopped.' : null;
  const templateProblem = kind === 'template' && template.trim() === '' ? 'Write a template.' : null;
  const invalid = [rateProblem, keysProblem, exponentProblem, secondsProblem, templateProblem].some((p) => p !== null);

  const shape: GeneratorShape = kind === 'template' ? { kind, template, format: templateFormat } : { kind };
  const keys: KeyDistribution =
    dist === 'uniform' ? { kind: 'uniform', keyCount: keysProblem ? 1000 : keyCountValue } : { kind: 'zipf', keyCount: keysProblem ? 1000 : keyCountValue, exponent: exponentProblem ? 1.1 : exponentValue };

  // The preview follows the settings, a moment after typing stops.
  const previewKey = useDebounced(JSON.stringify({ shape, keys }), 300);
  const [preview, setPreview] = useState<{ key: string; records: { partitionKey: string; text: string }[] } | { key: string; error: UiError } | null>(null);
  useEffect(() => {
    if (!client) return;
    const params = JSON.parse(previewKey) as { shape: GeneratorShape; keys: KeyDistribution };
    let live = true;
    client.call('generator.preview', { ...params, count: 5, seed: 7 }).then(
      (r) => live && setPreview({ key: previewKey, records: r.records }),
      (e: unknown) => live && setPreview({ key: previewKey, error: toUiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, previewKey]);

  // A generator started earlier for this stream (before leaving the tab) is picked up again.
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.call('generator.list').then(
      (r) => {
        const mine = r.generators.find((g) => g.stream === stream);
        if (live && mine) setStatus(mine);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, stream]);

  const runningId = status && (status.state === 'running' || status.state === 'stopping') ? status.id : null;
  useEffect(() => {
    if (!client || !runningId) return;
    const handle = client.subscribe(
      'generator.progress',
      { id: runningId, intervalMs: 500 },
      {
        onBatch(items) {
          const last = items.at(-1);
          if (last) setStatus(last);
        },
        onEnd(error) {
          if (error) setProgressError(errorFromShape(error));
        },
      },
    );
    return () => handle.unsubscribe();
  }, [client, runningId]);

  const needsAccount = connection?.kind === 'profile';

  const start = (confirmAccountId?: string) => {
    if (!client || invalid) return;
    void start$.run(
      () =>
        client.call('generator.start', {
          stream,
          shape,
          ratePerSecond: rateValue,
          keys,
          ...(secondsValue !== null ? { durationMs: Math.round(secondsValue * 1000) } : {}),
          ...(confirmAccountId ? { confirmAccountId } : {}),
        }),
      (s) => {
        setConfirming(false);
        setProgressError(null);
        setStatus(s);
      },
    );
  };

  const running = runningId !== null;
  return (
    <section className="panel" aria-labelledby="generator-title" data-testid="generator">
      <div className="panel-head">
        <h2 id="generator-title" className="panel-title">
          Data generator
        </h2>
        {running ? <span className="status-pill status-busy"><span className="pulse" aria-hidden="true" />{status?.state}</span> : null}
      </div>
      <div className="generator-grid">
        <div className="stack">
          <Field label="Shape">
            {(props) => (
              <select {...props} className="input" value={kind} onChange={(e) => setKind(e.target.value as ShapeKind)} disabled={running}>
                {shapes.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === 'template' ? (
            <>
              <Field label="Template" hint={<>Placeholders: <code>{'{{int 1 100}}'}</code> <code>{'{{float 0 1}}'}</code> <code>{'{{pick a b}}'}</code> <code>{'{{seq}}'}</code> <code>{'{{now}}'}</code> <code>{'{{iso}}'}</code> <code>{'{{uuid}}'}</code> <code>{'{{key}}'}</code> <code>{'{{bool}}'}</code></>} problem={templateProblem}>
                {(props) => <textarea {...props} className="input textarea mono" rows={4} value={template} spellCheck={false} onChange={(e) => setTemplate(e.target.value)} disabled={running} />}
              </Field>
              <label className="checkbox">
                <input type="checkbox" checked={templateFormat === 'json'} onChange={(e) => setTemplateFormat(e.target.checked ? 'json' : 'text')} disabled={running} />
                <span>Check each record is valid JSON</span>
              </label>
            </>
          ) : null}
          <div className="field-row">
            <Field label="Records per second" problem={rateProblem}>
              {(props) => <input {...props} className="input input-narrow" type="number" min={1} max={20000} value={rate} onChange={(e) => setRate(e.target.value)} disabled={running} data-testid="generator-rate" />}
            </Field>
            <Field label="Stop after (seconds)" hint="Empty: until stopped" problem={secondsProblem}>
              {(props) => <input {...props} className="input input-narrow" type="number" min={0.1} step="any" value={seconds} onChange={(e) => setSeconds(e.target.value)} disabled={running} />}
            </Field>
          </div>
          <div className="field-row">
            <Field label="Keys">
              {(props) => (
                <select {...props} className="input" value={dist} onChange={(e) => setDist(e.target.value === 'zipf' ? 'zipf' : 'uniform')} disabled={running}>
                  <option value="uniform">Uniform</option>
                  <option value="zipf">Hot keys (Zipf)</option>
                </select>
              )}
            </Field>
            <Field label="Distinct keys" problem={keysProblem}>
              {(props) => <input {...props} className="input input-narrow" type="number" min={1} max={100000} value={keyCount} onChange={(e) => setKeyCount(e.target.value)} disabled={running} />}
            </Field>
            {dist === 'zipf' ? (
              <Field label="Skew" hint="0 uniform · 1 Zipf · 2 very hot" problem={exponentProblem}>
                {(props) => <input {...props} className="input input-narrow" type="number" min={0} max={4} step={0.1} value={exponent} onChange={(e) => setExponent(e.target.value)} disabled={running} />}
              </Field>
            ) : null}
          </div>
          <div className="button-row">
            {running ? (
              <button type="button" className="button button-danger" onClick={() => runningId && void stop$.run(() => client!.call('generator.stop', { id: runningId }), setStatus)} disabled={stop$.busy || status?.state === 'stopping'}>
                {stop$.busy || status?.state === 'stopping' ? 'Stopping…' : 'Stop generator'}
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={() => (needsAccount ? setConfirming(true) : start())} disabled={invalid || start$.busy || !client}>
                {start$.busy ? 'Starting…' : 'Start generator'}
              </button>
            )}
            <span className="muted small">
              Writes to <strong>{stream}</strong> on {connection ? `${connection.name}${connection.endpoint ? ` (${connection.endpoint})` : ''}` : 'the active connection'}
            </span>
          </div>
          {start$.error && !confirming ? <ErrorNote error={start$.error} title="The generator did not start" /> : null}
          {stop$.error ? <ErrorNote error={stop$.error} title="The generator did not stop" /> : null}
        </div>
        <div className="stack">
          <h3 className="panel-subtitle">Preview</h3>
          {preview === null ? (
            <Spinner label="Making a preview…" />
          ) : 'error' in preview ? (
            <ErrorNote error={preview.error} title="The template cannot be used" />
          ) : (
            <ol className="preview" data-testid="generator-preview">
              {preview.records.map((r, i) => (
                <li key={i}>
                  <code className="preview-key">{r.partitionKey}</code>
                  <code className="preview-text">{r.text}</code>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      {status ? <Progress status={status} /> : null}
      {progressError ? <ErrorNote error={progressError} title="Lost the generator's progress" /> : null}
      {confirming ? (
        <AccountConfirm
          account={connection?.accountId ?? null}
          connectionName={connection?.name ?? ''}
          stream={stream}
          rate={rateValue}
          busy={start$.busy}
          error={start$.error}
          onCancel={() => setConfirming(false)}
          onConfirm={(id) => start(id)}
        />
      ) : null}
    </section>
  );
}

function Progress({ status }: { status: GeneratorStatus }) {
  const reasons: Record<string, string> = {
    requested: 'stopped by you',
    completed: 'finished',
    'connection-changed': 'stopped because the connection changed',
    error: 'stopped by an error',
    shutdown: 'stopped because Shardscope closed',
  };
  return (
    <div className="generator-progress" data-testid="generator-progress">
      <div className="stat">
        <span className="stat-label">Sent</span>
        <strong data-testid="gen-sent">{status.sent.toLocaleString()}</strong>
      </div>
      <div className="stat">
        <span className="stat-label">Acknowledged</span>
        <strong data-testid="gen-acknowledged">{status.acknowledged.toLocaleString()}</strong>
      </div>
      <div className="stat">
        <span className="stat-label">Failed</span>
        <strong data-testid="gen-failed" className={status.failed ? 'problem' : ''}>
          {status.failed.toLocaleString()}
        </strong>
      </div>
      <div className="stat">
        <span className="stat-label">In flight</span>
        <strong>{status.inFlight.toLocaleString()}</strong>
      </div>
      <div className="stat">
        <span className="stat-label">Achieved rate</span>
        <strong data-testid="gen-rate">{status.achievedRate.toFixed(1)}/s</strong>
        <span className="muted small">target {status.ratePerSecond}/s</span>
      </div>
      <div className="stat">
        <span className="stat-label">State</span>
        <strong data-testid="gen-state">{status.state}</strong>
        <span className="muted small">
          {(status.elapsedMs / 1000).toFixed(1)} s{status.stopReason ? ` · ${reasons[status.stopReason] ?? status.stopReason}` : ''}
        </span>
      </div>
      {status.lastError ? (
        <p className="problem generator-error">
          Latest failure: <code>{status.lastError.code}</code> {status.lastError.message}
        </p>
      ) : null}
    </div>
  );
}

function AccountConfirm({ account, connectionName, stream, rate, busy, error, onCancel, onConfirm }: { account: string | null; connectionName: string; stream: string; rate: number; busy: boolean; error: UiError | null; onCancel(): void; onConfirm(id: string): void }) {
  const [typed, setTyped] = useState('');
  const valid = /^\d{12}$/.test(typed) && (account === null || typed === account);
  return (
    <Dialog
      title="Write to an AWS account?"
      onClose={onCancel}
      onSubmit={() => valid && onConfirm(typed)}
      busy={busy}
      testId="generator-confirm"
      actions={<DialogButtons busy={busy} busyLabel="Checking the account…" label="Start on this account" danger disabled={!valid} onCancel={onCancel} />}
    >
      <p>
        The generator will write about <strong>{rate.toLocaleString()} records per second</strong> to <strong>{stream}</strong> in{' '}
        {account ? (
          <>
            AWS account <strong className="mono">{account}</strong>
          </>
        ) : (
          'an AWS account'
        )}{' '}
        (connection {connectionName}). This costs money and real consumers will read these records.
      </p>
      <Field label="Type the account id to confirm" hint={account ? <code className="confirm-name">{account}</code> : 'The 12-digit account id; Shardscope checks it with STS before starting.'}>
        {(props) => <input {...props} className="input" inputMode="numeric" value={typed} data-autofocus autoComplete="off" onChange={(e) => setTyped(e.target.value.trim())} />}
      </Field>
      {error ? <ErrorNote error={error} title="The generator did not start" /> : null}
    </Dialog>
  );
}
