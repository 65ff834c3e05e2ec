// Runs a reshard's calls in order through the SDK: before each call the stream must be ACTIVE (DescribeStreamSummary
// polling), a throttled call or a stream still UPDATING is retried with exponential backoff and jitter, and after
// each call the run waits for ACTIVE again before the step counts as done. Pause and cancel take effect between
// steps (a step in flight always finishes, so the stream is never left mid-call by us). Every change of a step is
// stored first (runStore.ts), so a run stopped anywhere says what ran and what is left.
import { DescribeStreamSummaryCommand, MergeShardsCommand, SplitShardCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ExecuteItem, ReshardOperation, ReshardRun } from '../../../shared/contract/reshard';
import { toRpcError } from '../../../shared/contract/errors';
import { describeOperation, type ReshardRuns } from './runStore';
import type { OpenShard } from './streamShape';

export interface ExecutorTiming {
  /** Between DescribeStreamSummary calls while waiting for ACTIVE. */
  pollMs: number;
  /** Give up waiting for ACTIVE after this long. */
  activeTimeoutMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Attempts of one call (throttles and a busy stream included). */
  maxAttempts: number;
}

export const LOCAL_TIMING: ExecutorTiming = { pollMs: 100, activeTimeoutMs: 5 * 60_000, backoffMinMs: 200, backoffMaxMs: 5_000, maxAttempts: 10 };
/** DescribeStreamSummary allows 20 calls/s per account; one every 2 s leaves room for everyone else. */
export const AWS_TIMING: ExecutorTiming = { pollMs: 2_000, activeTimeoutMs: 30 * 60_000, backoffMinMs: 1_000, backoffMaxMs: 30_000, maxAttempts: 10 };

/** Pause or cancel, asked for by a command or by the client going away; read between steps. */
export class RunControl {
  stop: 'paused' | 'cancelled' | null = null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Worth retrying: throttling, the stream busy with another change, and the service's transient failures. */
export function retryable(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  if (name === 'LimitExceededException') {
    // The same type carries hard limits (double/half, the account's shard limit, the 24-hour count): no retry helps.
    return !/cannot|shard limit|per rolling/i.test(message ?? '');
  }
  return ['ResourceInUseException', 'ThrottlingException', 'InternalFailure', 'InternalFailureException', 'ServiceUnavailable', 'ServiceUnavailableException'].includes(name ?? '');
}

export function sendOperation(kinesis: KinesisClient, stream: string, operation: ReshardOperation): Promise<unknown> {
  switch (operation.kind) {
    case 'split':
      return kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: operation.shardId, NewStartingHashKey: operation.newStartingHashKey }));
    case 'merge':
      return kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: operation.shardId, AdjacentShardToMerge: operation.adjacentShardId }));
    case 'scale':
      return kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: operation.targetShardCount, ScalingType: 'UNIFORM_SCALING' }));
  }
}

/** For a step whose outcome was not recorded (the app stopped after sending it): did the stream take it? */
export function alreadyApplied(operation: ReshardOperation, open: readonly OpenShard[]): boolean {
  const isOpen = (id: string) => open.some((s) => s.shardId === id);
  switch (operation.kind) {
    case 'split':
      return !isOpen(operation.shardId);
    case 'merge':
      return !isOpen(operation.shardId) && !isOpen(operation.adjacentShardId);
    case 'scale':
      return open.length === operation.targetShardCount;
  }
}

export interface ExecutorDeps {
  kinesis: () => KinesisClient;
  runs: ReshardRuns;
  control: RunControl;
  timing: ExecutorTiming;
  push: (item: ExecuteItem) => void;
}

async function waitForActive(deps: ExecutorDeps, stream: string, onWait: () => void): Promise<void> {
  const deadline = Date.now() + deps.timing.activeTimeoutMs;
  for (let first = true; ; first = false) {
    const out = await deps.kinesis().send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    const status = out.StreamDescriptionSummary?.StreamStatus;
    if (status === 'ACTIVE') return;
    if (status !== 'UPDATING' && status !== 'CREATING') throw new Error(`The stream is ${status ?? 'in an unknown state'}: the reshard stopped.`);
    if (Date.now() > deadline) throw new Error(`The stream stayed ${status} for more than ${Math.round(deps.timing.activeTimeoutMs / 60_000)} min: the reshard stopped.`);
    if (first) onWait();
    await sleep(deps.timing.pollMs);
  }
}

/** Runs the run's steps that are not done, from the first; resolves with the run as last stored (never rejects for a failed call). */
export async function executeRun(deps: ExecutorDeps, initial: ReshardRun): Promise<ReshardRun> {
  let run = deps.runs.save({ ...initial, state: 'running', error: null });
  deps.push({ type: 'run', run });
  const total = run.steps.length;
  const update = (index: number, change: Partial<ReshardRun['steps'][number]>) => {
    run = deps.runs.save({ ...run, steps: run.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  };
  const step = (index: number, operation: ReshardOperation, phase: Extract<ExecuteItem, { type: 'step' }>['phase'], message: string, retryInMs: number | null = null) =>
    deps.push({ type: 'step', runId: run.runId, index, total, phase, operation, message, retryInMs });
  try {
    for (let index = 0; index < total; index++) {
      const current = run.steps[index];
      if (!current || current.state === 'done') continue;
      if (deps.control.stop) {
        run = deps.runs.save({ ...run, state: deps.control.stop });
        deps.push({ type: 'run', run });
        return run;
      }
      const { operation } = current;
      const what = describeOperation(operation);
      await waitForActive(deps, run.stream, () => step(index, operation, 'waiting', `Waiting for ${run.stream} to be ACTIVE before ${what}.`));
      update(index, { state: 'sent', startedMs: Date.now() });
      for (let attempt = 1; ; attempt++) {
        step(index, operation, 'calling', `${what} (attempt ${attempt}).`);
        update(index, { attempts: (run.steps[index]?.attempts ?? 0) + 1 });
        try {
          await sendOperation(deps.kinesis(), run.stream, operation);
          break;
        } catch (error) {
          if (!retryable(error) || attempt >= deps.timing.maxAttempts) {
            // Refused: the stream did not take the call, so the step is still to do.
            update(index, { state: 'pending', startedMs: null });
            throw error;
          }
          const backoff = Math.min(deps.timing.backoffMaxMs, deps.timing.backoffMinMs * 2 ** (attempt - 1));
          const delay = Math.round(backoff * (0.75 + Math.random() * 0.5));
          const { code, message } = toRpcError(error);
          step(index, operation, 'retrying', `${code}: ${message}`, delay);
          await sleep(delay);
        }
      }
      await waitForActive(deps, run.stream, () => step(index, operation, 'waiting', `Waiting for ${run.stream} to be ACTIVE after ${what}.`));
      update(index, { state: 'done', finishedMs: Date.now() });
      step(index, operation, 'done', `${what}: done.`);
    }
    run = deps.runs.save({ ...run, state: 'completed' });
  } catch (error) {
    const { code, message } = toRpcError(error);
    run = deps.runs.save({ ...run, state: 'failed', error: `${code}: ${message}` });
  }
  deps.push({ type: 'run', run });
  return run;
}
