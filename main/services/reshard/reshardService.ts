// The reshard wizard's backend on the active connection: observe traffic, plan (with the dry run), execute,
// pause, cancel, resume, and the stored run. Everything goes through the connection's Kinesis client; the local
// engine's per-key stats come through its admin API. Against AWS (profile connections) nothing that changes a
// stream is sent before the user has typed the account id and the stream name.
import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../shared/contract/errors';
import type { ExecuteItem, ExecuteParamsIn, ObserveItem, ObserveParamsIn, PlanParamsIn, PlanResult, RehearseItem, RehearseParamsIn, ReshardConfirmation, ReshardOperation, ReshardRun, ResumeParamsIn } from '../../../shared/contract/reshard';
import { ExecuteParams, ResumeParams } from '../../../shared/contract/reshard';
import { LOCAL_ID } from '../../connections/connectionModel';
import type { EngineAdmin } from '../engineAdmin';
import { localAdmin, type LocalEngineSource } from '../localEngineControls';
import { confirmAccount } from '../tail/accountGuard';
import { activeConnection, type TailConnections } from '../tail/connectionClients';
import type { SessionConnection } from '../tail/tailSession';
import type { KeyValueStore } from '../tail/savedFilters';
import { Observations, runObserve } from './observeTraffic';
import { planOn, planReshardFor, readStreamFacts } from './planService';
import { rehearse } from './rehearsal';
import { alreadyApplied, AWS_TIMING, executeRun, LOCAL_TIMING, RunControl, type ExecutorTiming } from './reshardExecutor';
import { ReshardRuns } from './runStore';

export type ReshardSource = TailConnections & LocalEngineSource;

interface LiveRun {
  control: RunControl;
  connectionId: string;
  stream: string;
}

export interface ExecuteOutput {
  push(item: ExecuteItem): void;
  /** Aborts when the client unsubscribes or goes away: the run then stops after its current step. */
  signal: AbortSignal;
}

export class ReshardService {
  private readonly observations = new Observations();
  private readonly runs: ReshardRuns;
  private readonly live = new Map<string, LiveRun>();
  /** Rehearsal copies in use, which the sweep of left-over copies must not delete. */
  private readonly rehearsals = new Set<string>();
  constructor(
    private readonly source: ReshardSource,
    settings: KeyValueStore,
    /** Polling and backoff: AWS's pace on profile connections; the local engine and emulators answer at once. */
    private readonly timing: { local: ExecutorTiming; aws: ExecutorTiming } = { local: LOCAL_TIMING, aws: AWS_TIMING },
  ) {
    this.runs = new ReshardRuns(settings);
  }

  private context(): { connection: SessionConnection; admin: EngineAdmin | null } {
    const connection = activeConnection(this.source);
    return { connection, admin: connection.id === LOCAL_ID ? localAdmin(this.source) : null };
  }

  async observe(params: ObserveParamsIn, out: { send(item: ObserveItem): Promise<void>; progress(item: ObserveItem): void }, signal: AbortSignal): Promise<void> {
    await runObserve({ ...this.context(), observations: this.observations }, params, out, signal);
  }

  plan(params: PlanParamsIn): Promise<PlanResult> {
    return planReshardFor({ ...this.context(), observations: this.observations }, params);
  }

  /** Local engine only: the calls on a temporary copy of the stream's layout, deleted after. */
  async rehearse(params: RehearseParamsIn, out: { push(item: RehearseItem): void; signal: AbortSignal }): Promise<void> {
    const ctx = this.context();
    if (!ctx.admin) throw new RpcError('RehearsalUnavailable', 'A plan can be rehearsed on the local engine only: on AWS a copy would be billed. The dry run checks every step against the stream.');
    await rehearse(ctx.connection.kinesis(), params, this.rehearsals, out.push, out.signal);
  }

  /** The latest run of the stream on the active connection; a stored `running` run nobody runs was cut off by a stop of the app. */
  latestRun(stream: string): ReshardRun | null {
    const run = this.runs.latest(this.source.activeId(), stream);
    if (run && run.state === 'running' && !this.live.has(run.runId)) return { ...run, state: 'interrupted' };
    return run;
  }

  stop(runId: string, how: 'paused' | 'cancelled'): boolean {
    const live = this.live.get(runId);
    if (!live || live.control.stop) return false;
    live.control.stop = how;
    return true;
  }

  async execute(input: ExecuteParamsIn, out: ExecuteOutput): Promise<void> {
    const params = ExecuteParams.parse(input);
    const ctx = this.context();
    this.refuseConcurrent(ctx.connection.id, params.stream);
    this.checkConfirmation(ctx.connection, params.stream, params.confirm);
    await this.dryRun(ctx, params.stream, params.operations);
    await this.confirmAccount(ctx.connection, params.stream, params.confirm);
    const now = Date.now();
    const run: ReshardRun = {
      runId: randomUUID(),
      connectionId: ctx.connection.id,
      stream: params.stream,
      createdMs: now,
      updatedMs: now,
      state: 'running',
      steps: params.operations.map((operation) => ({ operation, state: 'pending', startedMs: null, finishedMs: null, attempts: 0 })),
      error: null,
      summary: '',
    };
    await this.run(ctx, run, out);
  }

  async resume(input: ResumeParamsIn, out: ExecuteOutput): Promise<void> {
    const params = ResumeParams.parse(input);
    const ctx = this.context();
    this.refuseConcurrent(ctx.connection.id, params.stream);
    this.checkConfirmation(ctx.connection, params.stream, params.confirm);
    const stored = this.latestRun(params.stream);
    if (!stored || stored.runId !== params.runId) throw new RpcError('RunNotFound', `Run ${params.runId} is not the latest reshard run of ${params.stream} on this connection.`);
    if (stored.state === 'completed') throw new RpcError('RunCompleted', `Run ${params.runId} has completed: nothing is left to do.`);
    // A step sent but not recorded as done: look at the stream to tell whether it took it.
    const facts = await readStreamFacts(ctx, params.stream);
    const steps = stored.steps.map((s) => (s.state === 'sent' ? { ...s, state: alreadyApplied(s.operation, facts.shape.open) ? ('done' as const) : ('pending' as const) } : s));
    const left = steps.filter((s) => s.state !== 'done').map((s) => s.operation);
    if (left.length > 0) await this.dryRun(ctx, params.stream, left);
    await this.confirmAccount(ctx.connection, params.stream, params.confirm);
    await this.run(ctx, { ...stored, steps }, out);
  }

  private async run(ctx: { connection: SessionConnection; admin: EngineAdmin | null }, run: ReshardRun, out: ExecuteOutput): Promise<void> {
    const control = new RunControl();
    this.live.set(run.runId, { control, connectionId: run.connectionId, stream: run.stream });
    const onAbort = () => {
      if (!control.stop) control.stop = 'cancelled';
    };
    out.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await executeRun({ kinesis: ctx.connection.kinesis, runs: this.runs, control, timing: ctx.connection.kind === 'profile' ? this.timing.aws : this.timing.local, push: out.push }, run);
    } finally {
      out.signal.removeEventListener('abort', onAbort);
      this.live.delete(run.runId);
    }
  }

  private refuseConcurrent(connectionId: string, stream: string): void {
    for (const live of this.live.values()) {
      if (live.connectionId === connectionId && live.stream === stream) throw new RpcError('ReshardRunning', `A reshard of ${stream} is already running: pause or cancel it first.`);
    }
  }

  /** The dry run before anything is sent: the operations against the stream as it is now. */
  private async dryRun(ctx: { connection: SessionConnection; admin: EngineAdmin | null }, stream: string, operations: ReshardOperation[]): Promise<void> {
    const facts = await readStreamFacts(ctx, stream);
    const inputs = facts.shape.open.map((s) => ({ ...s, records: 0, bytes: 0 }));
    const plan = planOn(facts, { kind: 'custom', operations }, inputs, 1, { local: ctx.admin !== null, region: 'us-east-1' });
    if (plan.problems.length > 0) throw new RpcError('ValidationException', `The dry run found problems, nothing was changed: ${plan.problems.join(' ')}`);
  }

  /** The typed confirmation, before anything is read: present, and naming this stream. */
  private checkConfirmation(connection: SessionConnection, stream: string, confirmation: ReshardConfirmation | undefined): void {
    if (connection.kind !== 'profile') return;
    if (!confirmation) {
      throw new RpcError('ConfirmationRequired', `The connection ${connection.name} is an AWS account: to reshard ${stream} there, type its account id and the stream name (confirm).`);
    }
    if (confirmation.streamName !== stream) {
      throw new RpcError('ConfirmationMismatch', `The confirmation names the stream ${confirmation.streamName}, not ${stream}: nothing was done.`);
    }
  }

  /** The confirmed account must be the one the credentials belong to (sts:GetCallerIdentity, asked afresh). */
  private async confirmAccount(connection: SessionConnection, stream: string, confirmation: ReshardConfirmation | undefined): Promise<void> {
    if (connection.kind !== 'profile') return;
    await confirmAccount(connection, connection.sts(), confirmation?.accountId, `reshard ${stream}`);
  }
}
