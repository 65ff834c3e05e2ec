// The reshard wizard: pick a stream of the active connection, see its open shards' recent load, choose a goal,
// preview the plan (re-planned in the window as the user edits, checked by the plan service's dry run), then
// execute it step by step with pause, cancel and resume, and see the lineage and the metrics annotation after.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlanResult, ReshardPlan, ReshardRun } from '../../../shared/contract/reshard';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { DryRun } from './DryRun';
import { GoalEditor } from './GoalEditor';
import { goalOf, initialDraft, type GoalDraft } from './goalDraft';
import { planLocally, trafficOf } from './localPlan';
import { ObservedShards } from './ObservedShards';
import { PlanPreview } from './PlanPreview';
import { Rehearsal } from './Rehearsal';
import { RunPanel } from './RunPanel';
import { reshardUi } from './reshardUi';
import { useObservation } from './useObservation';
import './reshard.css';

/** Waits this long after the last edit before asking the plan service (a drag sends many edits). */
const DRY_RUN_DEBOUNCE_MS = 350;

function useStreamNames(client: AppClient, epoch: number) {
  const [state, setState] = useState<{ names: string[]; loading: boolean; error: UiError | null }>({ names: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    client.call('streams.list', { limit: 1000 }).then(
      (r) => live && setState({ names: r.streams.map((s) => s.name), loading: false, error: null }),
      (e: unknown) => live && setState({ names: [], loading: false, error: toUiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, epoch]);
  return state;
}

export function ReshardScreen() {
  const client = useClient();
  const connections = useStore(connectionsStore);
  return (
    <section className="screen screen-wide reshard" aria-labelledby="screen-title" data-testid="reshard-screen">
      <header className="screen-header">
        <h1 id="screen-title" tabIndex={-1}>
          Reshard
        </h1>
        <p>Split a hot shard, merge cold ones or scale a stream: see the plan and check it before anything changes.</p>
      </header>
      {client ? <Workspace key={connections.epoch} client={client} epoch={connections.epoch} /> : <p className="muted">Not connected to Shardscope.</p>}
    </section>
  );
}

function Workspace({ client, epoch }: { client: AppClient; epoch: number }) {
  const connection = activeConnection(useStore(connectionsStore));
  const { stream } = useStore(reshardUi);
  const streams = useStreamNames(client, epoch);
  const [sampleMinutes, setSampleMinutes] = useState(5);
  const local = connection?.kind === 'local';
  const { observation, cancel, again } = useObservation(client, stream, { sampleMinutes });
  const where = connection ? (local ? 'the local engine' : `${connection.name} (${connection.kind === 'profile' ? `AWS account ${connection.accountId ?? 'not checked yet'}, ` : ''}${connection.region})`) : 'the active connection';

  return (
    <div className="stack-lg">
      <div className="reshard-pick">
        <Field label="Stream" hint={`On ${where}.`}>
          {(props) => (
            <select {...props} className="input" value={stream} onChange={(e) => reshardUi.set({ stream: e.target.value })} data-testid="reshard-stream" id="reshard-stream">
              <option value="">{streams.loading ? 'Reading the streams…' : 'Pick a stream'}</option>
              {stream && !streams.names.includes(stream) && !streams.loading ? <option value={stream}>{stream} (not listed)</option> : null}
              {streams.names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!local && connection ? (
          <Field label="Sample the last" hint="A bounded read of each shard's recent records, using two of its five reads per second.">
            {(props) => (
              <select {...props} className="input" value={sampleMinutes} onChange={(e) => setSampleMinutes(Number(e.target.value))}>
                {[1, 5, 15, 30, 60].map((m) => (
                  <option key={m} value={m}>
                    {m} min
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {stream ? (
          <button type="button" className="button" onClick={again} disabled={observation?.phase === 'observing'}>
            Observe again
          </button>
        ) : null}
      </div>
      {streams.error ? <ErrorNote error={streams.error} title="Could not list the streams" /> : null}
      {!stream ? (
        <div className="empty empty-compact" data-testid="reshard-empty">
          <p className="empty-title">Pick a stream to reshape</p>
          <p className="empty-text">{streams.names.length === 0 && !streams.loading ? 'This connection has no stream yet: create one on the Streams screen.' : 'Its open shards and their recent load show here, then the goals.'}</p>
        </div>
      ) : observation ? (
        <Wizard key={`${stream}:${observation.done?.observationId ?? observation.phase}`} client={client} epoch={epoch} stream={stream} local={local} observation={observation} onCancelObserve={cancel} onObserveAgain={again} connection={connection} />
      ) : null}
    </div>
  );
}

type Obs = NonNullable<ReturnType<typeof useObservation>['observation']>;

function Wizard({ client, epoch, stream, local, observation, onCancelObserve, onObserveAgain, connection }: { client: AppClient; epoch: number; stream: string; local: boolean; observation: Obs; onCancelObserve(): void; onObserveAgain(): void; connection: ReturnType<typeof activeConnection> }) {
  const [draft, setDraft] = useState<GoalDraft>(() => initialDraft(observation.shards));
  const ready = observation.phase === 'done' || observation.phase === 'cancelled';
  const observationId = observation.done?.observationId;
  const traffic = useMemo(() => trafficOf(observation.shards), [observation.shards]);
  const change = useCallback((c: Partial<GoalDraft>) => setDraft((d) => ({ ...d, ...c })), []);
  const goal = useMemo(() => goalOf(draft), [draft]);
  const goalKey = 'goal' in goal ? JSON.stringify(goal.goal) : null;

  // The plan service: stream facts for re-planning here, and the dry run that allows Execute.
  const [checked, setChecked] = useState<{ goalKey: string; result: PlanResult } | null>(null);
  const [facts, setFacts] = useState<PlanResult | null>(null);
  const [checkError, setCheckError] = useState<UiError | null>(null);
  const [checking, setChecking] = useState(false);
  const [recheck, setRecheck] = useState(0);
  const ticket = useRef(0);
  const planned = useRef(false);
  useEffect(() => {
    if (!ready || goalKey === null || !('goal' in goal)) return;
    const mine = ++ticket.current;
    const timer = setTimeout(() => {
      setChecking(true);
      client.call('reshard.plan', { stream, goal: goal.goal, ...(observationId ? { observationId } : {}) }).then(
        (result) => {
          if (ticket.current !== mine) return;
          planned.current = true;
          setChecked({ goalKey, result });
          setFacts(result);
          setCheckError(null);
          setChecking(false);
        },
        (e: unknown) => {
          if (ticket.current !== mine) return;
          setCheckError(toUiError(e));
          setChecking(false);
        },
      );
    }, planned.current ? DRY_RUN_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [client, stream, observationId, goal, goalKey, ready, recheck]);

  const current = checked && checked.goalKey === goalKey ? checked.result : null;
  const localPlan: ReshardPlan | null = useMemo(() => (facts && 'goal' in goal ? planLocally(facts, traffic, goal.goal) : null), [facts, traffic, goal]);
  const plan = current?.plan ?? localPlan;
  const customOpen = useMemo(() => (facts ? planLocally(facts, traffic, { kind: 'custom', operations: draft.custom }).after : []), [facts, traffic, draft.custom]);

  // The stream's latest stored run (a run stopped halfway, after a restart too).
  const [stored, setStored] = useState<ReshardRun | null>(null);
  const [storedTicket, setStoredTicket] = useState(0);
  useEffect(() => {
    let live = true;
    client.call('reshard.run', { stream }).then(
      (r) => live && setStored(r.run),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, stream, storedTicket]);
  const runEnded = useCallback(
    (changed: boolean) => {
      setStoredTicket((t) => t + 1);
      // The shards changed: observe again, so the next plan starts from the stream as it is now.
      if (changed) onObserveAgain();
    },
    [onObserveAgain],
  );

  const blocked =
    'problem' in goal
      ? goal.problem
      : checking || !current
        ? 'Waiting for the dry run…'
        : current.plan.problems.length > 0
          ? 'The dry run found problems: see above.'
          : current.plan.calls.length === 0
            ? 'The plan has no call.'
            : null;
  const operations = blocked === null && current ? current.plan.calls.map((c) => c.operation) : null;

  return (
    <div className="stack-lg">
      <section className="panel" aria-labelledby="observed-title">
        <h2 id="observed-title" className="panel-title">
          1. Open shards and their load
        </h2>
        <ObservedShards observation={observation} selected={draft.kind === 'split-hot' ? draft.splitShard : null} onCancel={onCancelObserve} onAgain={onObserveAgain} onSplit={(id) => change({ kind: 'split-hot', splitShard: id, splitKey: null, keyProblem: null })} />
      </section>
      {ready ? (
        <>
          <section className="panel" aria-labelledby="goal-title">
            <h2 id="goal-title" className="panel-title">
              2. Goal
            </h2>
            {observation.shards.length === 0 ? (
              <p className="muted">No open shard was observed.</p>
            ) : (
              <GoalEditor draft={draft} onChange={change} context={{ shards: observation.shards, traffic, facts, windowSeconds: facts?.planning.windowSeconds ?? observation.done?.windowSeconds ?? 1, plan, customOpen }} />
            )}
          </section>
          <section className="panel" aria-labelledby="preview-title">
            <div className="panel-head">
              <h2 id="preview-title" className="panel-title">
                3. Preview
              </h2>
              {plan && !current ? <span className="muted small">Re-planned here; the dry run follows.</span> : null}
            </div>
            {'problem' in goal ? <p className="muted">{goal.problem}</p> : plan ? <PlanPreview plan={plan} local={local} /> : checkError ? null : <Spinner label="Planning…" />}
          </section>
          <section className="panel" aria-labelledby="dryrun-title">
            <h2 id="dryrun-title" className="panel-title">
              4. Dry run
            </h2>
            <DryRun result={current ?? checked?.result ?? null} stale={!current} checking={checking} error={checkError} onAgain={() => setRecheck((n) => n + 1)} />
            {local ? (
              <Rehearsal client={client} stream={stream} operations={operations} after={current?.plan.after ?? []} />
            ) : (
              <p className="small muted">Rehearsing on a copy is offered on the local engine only (a copy on AWS would be billed): try the same plan on a local stream first.</p>
            )}
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="execute-title">
        <h2 id="execute-title" className="panel-title">
          5. Execute
        </h2>
        <RunPanel client={client} epoch={epoch} stream={stream} connection={connection} operations={operations} blocked={blocked} stored={stored} onRunEnded={runEnded} />
      </section>
    </div>
  );
}
