// Settings → Connections: every connection with its health and what to do about a failure, region
// overrides, and custom endpoints to add, edit, remove or give their secret back.
import { useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { useClient } from '../../api/ClientContext';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { HealthDot, healthWords } from '../../components/HealthDot';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { connectionsStore, switchConnection } from '../../state/connections';
import { dialogs, openDialog } from '../../state/dialogs';
import { useStore } from '../../state/store';
import { Card } from '../../components/Card';
import './connections.css';
import { CustomConnectionDialog, regionProblem } from './CustomConnectionDialog';
import { healthAdvice } from './healthAdvice';

const kindWords = { local: 'Local engine', profile: 'AWS profile', custom: 'Custom endpoint' } as const;
const regionSourceWords = { override: 'set here', profile: 'from the profile', connection: 'of the connection', environment: 'from AWS_REGION', default: 'default' } as const;

type Editing = { kind: 'add' } | { kind: 'edit'; c: ConnectionSummary } | { kind: 'secret'; c: ConnectionSummary } | { kind: 'region'; c: ConnectionSummary } | { kind: 'remove'; c: ConnectionSummary };

export function ConnectionsSection() {
  const client = useClient();
  const view = useStore(connectionsStore);
  const addRequested = useStore(dialogs).addConnection;
  const [editing, setEditing] = useState<Editing | null>(null);
  const action = useAction();
  const state = view.state;
  const profiles = state?.connections.filter((c) => c.kind === 'profile').map((c) => c.name) ?? [];
  const current: Editing | null = editing ?? (addRequested ? { kind: 'add' } : null);
  const close = () => {
    setEditing(null);
    openDialog({ addConnection: false });
  };

  return (
    <Card
      id="connections"
      title="Connections"
      wide
      aside={
        <div className="button-row">
          <button type="button" className="button" disabled={!client || action.busy} onClick={() => client && void action.run(() => client.call('connections.checkAllHealth'), () => {})}>
            Check all
          </button>
          <button type="button" className="button" disabled={!client || action.busy} onClick={() => client && void action.run(() => client.call('connections.refreshProfiles'), () => {})} title="Read ~/.aws/config and credentials again">
            Reload AWS profiles
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'add' })}>
            Add custom endpoint
          </button>
        </div>
      }
    >
      {view.loadError ? <ErrorNote error={view.loadError} title="The connections could not be read" /> : null}
      {action.busy ? <Spinner label="Working…" /> : null}
      {action.error ? <ErrorNote error={action.error} /> : null}
      {!state ? (
        view.loadError ? null : <Spinner label="Reading the connections…" />
      ) : (
        <ul className="connection-list" data-testid="connection-list">
          {state.connections.map((c) => (
            <ConnectionRow key={c.id} c={c} active={c.id === state.activeId} switching={view.switchingTo === c.id} onEdit={setEditing} />
          ))}
        </ul>
      )}
      {state && !state.connections.some((c) => c.kind === 'profile') ? (
        <p className="muted small">No AWS profiles were found. Profiles come from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE); Shardscope never writes them.</p>
      ) : null}
      {state && state.configProblems.length > 0 ? (
        <div className="config-problems">
          <h3 className="panel-subtitle">Problems in your AWS files</h3>
          <ul>
            {state.configProblems.map((p, i) => (
              <li key={i}>
                <code>
                  {p.file}
                  {p.line ? `:${p.line}` : ''}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {current?.kind === 'add' || current?.kind === 'edit' || current?.kind === 'secret' ? (
        <CustomConnectionDialog existing={current.kind === 'add' ? null : current.c} secretOnly={current.kind === 'secret'} profiles={profiles} onClose={close} onSaved={close} />
      ) : null}
      {current?.kind === 'region' ? <RegionDialog c={current.c} onClose={close} /> : null}
      {current?.kind === 'remove' ? <RemoveDialog c={current.c} onClose={close} /> : null}
    </Card>
  );
}

function ConnectionRow({ c, active, switching, onEdit }: { c: ConnectionSummary; active: boolean; switching: boolean; onEdit(e: Editing): void }) {
  const client = useClient();
  const check = useAction();
  const sw = useAction();
  const health = c.health;
  return (
    <li className={`connection${active ? ' connection-active' : ''}`} data-testid={`connection-${c.name}`}>
      <div className="connection-main">
        <HealthDot health={health} />
        <div className="connection-text">
          <p className="connection-name">
            <strong title={c.name}>{c.name}</strong>
            <span className="badge">{kindWords[c.kind]}</span>
            {active ? <span className="badge badge-accent">active</span> : null}
            {c.mfaRequired ? <span className="badge">MFA</span> : null}
          </p>
          <p className="connection-meta">
            <span>
              {c.region} <span className="muted">({regionSourceWords[c.regionSource]})</span>
            </span>
            {c.endpoint ? <code title={c.endpoint}>{c.endpoint}</code> : null}
            <span>credentials: {c.credentialKind}{c.sourceProfile ? ` via ${c.sourceProfile}` : ''}</span>
            {c.accountId ? <span>account <code>{c.accountId}</code></span> : null}
            <span className="muted" data-testid="connection-health">
              {health.status === 'ok' ? `healthy, checked ${new Date(health.checkedAt).toLocaleTimeString()}` : healthWords(health)}
            </span>
          </p>
          {c.secretMissing ? (
            <p className="connection-failure">
              The secret key of this connection was not kept (no OS keychain here) and must be entered again.{' '}
              <button type="button" className="link-button" onClick={() => onEdit({ kind: 'secret', c })}>
                Enter it again
              </button>
            </p>
          ) : null}
          {health.status === 'error' && !(c.secretMissing && health.failure.code === 'secret-missing') ? (
            <div className="connection-failure" role="note">
              <p>
                <code>{health.failure.code}</code> at {health.failure.step}
                {health.failure.awsCode ? (
                  <>
                    {' '}
                    (<code>{health.failure.awsCode}</code>)
                  </>
                ) : null}
                : {health.failure.message}
              </p>
              <p className="muted">{healthAdvice[health.failure.code]}</p>
            </div>
          ) : null}
          {check.error ? <ErrorNote error={check.error} title="The check did not run" /> : null}
          {sw.error ? <ErrorNote error={sw.error} title="Could not switch" /> : null}
        </div>
      </div>
      <div className="connection-actions">
        {active ? null : (
          <button type="button" className="button" disabled={!client || sw.busy || switching} onClick={() => client && void sw.run(() => switchConnection(client, c.id), () => {})}>
            {switching ? 'Switching…' : 'Switch'}
          </button>
        )}
        <button type="button" className="button" disabled={!client || check.busy || health.status === 'checking'} onClick={() => client && void check.run(() => client.call('connections.checkHealth', { id: c.id }), () => {})}>
          {check.busy || health.status === 'checking' ? 'Checking…' : 'Check'}
        </button>
        <button type="button" className="button" onClick={() => onEdit({ kind: 'region', c })} aria-label={`Region of ${c.name}`}>
          Region…
        </button>
        {c.kind === 'custom' ? (
          <>
            <button type="button" className="button" onClick={() => onEdit({ kind: 'edit', c })} aria-label={`Edit ${c.name}`}>
              Edit…
            </button>
            <button type="button" className="button button-danger-outline" onClick={() => onEdit({ kind: 'remove', c })} aria-label={`Remove ${c.name}`}>
              Remove…
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}

function RegionDialog({ c, onClose }: { c: ConnectionSummary; onClose(): void }) {
  const client = useClient();
  const [region, setRegion] = useState(c.region);
  const { busy, error, run } = useAction();
  const problem = regionProblem(region);
  const set = (value: string | null) => client && void run(() => client.call('connections.setRegion', { id: c.id, region: value }), onClose);
  return (
    <Dialog
      title={`Region of ${c.name}`}
      onClose={onClose}
      onSubmit={() => !problem && set(region)}
      busy={busy}
      actions={
        <>
          {c.kind !== 'custom' && c.regionSource === 'override' ? (
            <button type="button" className="button" onClick={() => set(null)} disabled={busy}>
              Clear the override
            </button>
          ) : null}
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || problem !== null}>
            Use this region
          </button>
        </>
      }
    >
      <p className="muted">{c.kind === 'custom' ? 'The region this endpoint signs requests for.' : 'Overrides the region for this connection in Shardscope only; your AWS files are not changed.'}</p>
      <Field label="Region" problem={problem}>
        {(props) => <input {...props} className="input input-narrow mono" value={region} data-autofocus spellCheck={false} onChange={(e) => setRegion(e.target.value.trim())} />}
      </Field>
      {error ? <ErrorNote error={error} title="The region was not changed" /> : null}
    </Dialog>
  );
}

function RemoveDialog({ c, onClose }: { c: ConnectionSummary; onClose(): void }) {
  const client = useClient();
  const { busy, error, run } = useAction();
  return (
    <Dialog
      title={`Remove ${c.name}?`}
      onClose={onClose}
      onSubmit={() => client && void run(() => client.call('connections.removeCustom', { id: c.id }), onClose)}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={busy}>
            Remove connection
          </button>
        </>
      }
    >
      <p>
        Shardscope forgets this connection and its stored secret. The streams at <code>{c.endpoint}</code> are not touched.
      </p>
      {error ? <ErrorNote error={error} title="The connection was not removed" /> : null}
    </Dialog>
  );
}
