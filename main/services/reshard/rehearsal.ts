// A plan rehearsed on the local engine: a temporary stream named shardscope-rehearsal-<stream>-<time> gets the
// stream's open shard layout (CreateStream when the ranges are even, otherwise one shard split at each boundary),
// the plan's calls run on it through the SDK (shard ids translated to the copy's), and its open shards are compared
// with what the plan predicted. The copy holds no records: the rehearsal checks the calls, the ids and the layout.
// It is deleted in every case, and copies a stopped app left behind are swept before the next rehearsal.
import { CreateStreamCommand, DeleteStreamCommand, DescribeStreamSummaryCommand, ListStreamsCommand, SplitShardCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { RpcError, toRpcError } from '../../../shared/contract/errors';
import type { RehearsedShard, RehearseItem, RehearseParamsIn, ReshardOperation } from '../../../shared/contract/reshard';
import { RehearseParams } from '../../../shared/contract/reshard';
import { evenHashRanges } from '../../../shared/domain/hashKey';
import { shardIdOf, shardIndex, simulate, type PaperShard } from '../../../shared/domain/reshard/planSimulation';
import { sendOperation } from './reshardExecutor';
import { describeOperation } from './runStore';
import { paperShards, readStreamShape, type OpenShard } from './streamShape';

export const REHEARSAL_PREFIX = 'shardscope-rehearsal-';
const POLL_MS = 100;
const ACTIVE_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A name users recognise, unique, within the 128 characters a stream name may have. */
export function rehearsalName(stream: string, now = Date.now()): string {
  return `${REHEARSAL_PREFIX}${stream.slice(0, 128 - REHEARSAL_PREFIX.length - 12)}-${now.toString(36)}`;
}

async function untilActive(kinesis: KinesisClient, stream: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    const status = out.StreamDescriptionSummary?.StreamStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new RpcError('RehearsalTimeout', `The copy ${stream} stayed ${status ?? 'unknown'} for a minute.`);
    await sleep(POLL_MS);
  }
}

/** Deletes the copy and waits until it is gone (true), or says it could not (false: the next sweep takes it). */
async function remove(kinesis: KinesisClient, stream: string): Promise<boolean> {
  try {
    await kinesis.send(new DeleteStreamCommand({ StreamName: stream, EnforceConsumerDeletion: true }));
    const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      await sleep(POLL_MS);
    }
    return false;
  } catch (error) {
    return (error as { name?: string }).name === 'ResourceNotFoundException';
  }
}

/** Deletes rehearsal copies not in use by this process (left by a rehearsal the app was closed during). */
async function sweep(kinesis: KinesisClient, live: ReadonlySet<string>): Promise<void> {
  let token: string | undefined;
  do {
    const out = await kinesis.send(new ListStreamsCommand(token ? { NextToken: token } : {}));
    for (const name of out.StreamNames ?? []) {
      if (name.startsWith(REHEARSAL_PREFIX) && !live.has(name)) await kinesis.send(new DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true })).catch(() => undefined);
    }
    token = out.HasMoreStreams ? out.NextToken : undefined;
  } while (token);
}

const sameRanges = (open: readonly OpenShard[]) => {
  const even = evenHashRanges(open.length);
  return open.every((s, i) => s.startingHashKey === even[i]?.StartingHashKey && s.endingHashKey === even[i]?.EndingHashKey);
};

const rangeKey = (s: { startingHashKey: string; endingHashKey: string }) => `${s.startingHashKey}-${s.endingHashKey}`;

/** Shard ids between the stream and its copy: open shards match by range, shards the plan makes by their order. */
class IdMap {
  private readonly toCopyIds = new Map<string, string>();
  private readonly toStreamIds = new Map<string, string>();
  constructor(
    stream: readonly OpenShard[],
    copy: readonly OpenShard[],
    private readonly streamNext: number,
    private readonly copyNext: number,
  ) {
    const byRange = new Map(copy.map((s) => [rangeKey(s), s.shardId]));
    for (const s of stream) {
      const id = byRange.get(rangeKey(s));
      if (!id) throw new RpcError('RehearsalFailed', `The copy has no shard with the range of ${s.shardId}.`);
      this.toCopyIds.set(s.shardId, id);
      this.toStreamIds.set(id, s.shardId);
    }
  }

  private shift(id: string, from: number, to: number): string | null {
    const index = shardIndex(id);
    return index !== null && index >= from ? shardIdOf(to + (index - from)) : null;
  }

  toCopy(id: string): string {
    return this.toCopyIds.get(id) ?? this.shift(id, this.streamNext, this.copyNext) ?? id;
  }

  toStream(id: string): string {
    return this.toStreamIds.get(id) ?? this.shift(id, this.copyNext, this.streamNext) ?? id;
  }

  operation(operation: ReshardOperation): ReshardOperation {
    switch (operation.kind) {
      case 'split':
        return { ...operation, shardId: this.toCopy(operation.shardId) };
      case 'merge':
        return { ...operation, shardId: this.toCopy(operation.shardId), adjacentShardId: this.toCopy(operation.adjacentShardId) };
      case 'scale':
        return operation;
    }
  }
}

/** The copy's open shards against the plan's prediction, in words. */
function compare(predicted: readonly PaperShard[], open: readonly RehearsedShard[]): string[] {
  const differences: string[] = [];
  if (predicted.length !== open.length) differences.push(`The plan predicted ${predicted.length} open shards; the copy has ${open.length}.`);
  const got = new Map(open.map((s) => [rangeKey(s), s.shardId]));
  for (const p of predicted) {
    const key = `${p.start}-${p.end}`;
    if (!got.has(key)) differences.push(`No open shard covers ${p.start} – ${p.end} as the plan predicted${p.shardId ? ` for ${p.shardId}` : ''}.`);
    else if (p.shardId && got.get(key) !== p.shardId) differences.push(`The shard covering ${p.start} – ${p.end} is ${got.get(key) ?? '?'}, not ${p.shardId} as predicted.`);
  }
  return differences;
}

export async function rehearse(kinesis: KinesisClient, input: RehearseParamsIn, live: Set<string>, push: (item: RehearseItem) => void, signal: AbortSignal): Promise<void> {
  const params = RehearseParams.parse(input);
  const started = Date.now();
  const shape = await readStreamShape(kinesis, params.stream);
  const predicted = simulate(paperShards(shape.open), params.operations, shape.nextShardIndex);
  if (predicted.problems.length > 0) throw new RpcError('ValidationException', `The plan has problems, so it was not rehearsed: ${predicted.problems.join(' ')}`);
  await sweep(kinesis, live);
  const copy = rehearsalName(params.stream);
  live.add(copy);
  const even = sameRanges(shape.open);
  const building = even ? 0 : shape.open.length - 1;
  const progress = (phase: 'copying' | 'running' | 'cleaning', message: string, done: number, total: number) => push({ type: 'progress', phase, message, done, total });
  let deleted = false;
  try {
    progress('copying', `Creating ${copy} with ${shape.open.length} open shard${shape.open.length === 1 ? '' : 's'}.`, 0, building);
    await kinesis.send(new CreateStreamCommand({ StreamName: copy, ShardCount: even ? shape.open.length : 1 }));
    await untilActive(kinesis, copy);
    // Uneven ranges: split the highest shard at each boundary, from the low end of the key space up.
    for (let i = 1; i <= building; i++) {
      if (signal.aborted) throw new RpcError('RehearsalCancelled', 'The rehearsal was cancelled.');
      const boundary = shape.open[i]?.startingHashKey ?? '';
      progress('copying', `Copying the layout: split ${i} of ${building}.`, i - 1, building);
      await kinesis.send(new SplitShardCommand({ StreamName: copy, ShardToSplit: shardIdOf(2 * (i - 1)), NewStartingHashKey: boundary }));
      await untilActive(kinesis, copy);
    }
    const copied = await readStreamShape(kinesis, copy);
    const ids = new IdMap(shape.open, copied.open, shape.nextShardIndex, copied.nextShardIndex);
    for (const [i, operation] of params.operations.entries()) {
      if (signal.aborted) throw new RpcError('RehearsalCancelled', 'The rehearsal was cancelled.');
      const translated = ids.operation(operation);
      progress('running', `${describeOperation(operation)} (on the copy: ${describeOperation(translated)}).`, i, params.operations.length);
      try {
        await sendOperation(kinesis, copy, translated);
      } catch (error) {
        const { code, message } = toRpcError(error);
        throw new RpcError(code, `Step ${i + 1} (${describeOperation(operation)}) failed on the copy: ${message}`);
      }
      await untilActive(kinesis, copy);
    }
    const after = await readStreamShape(kinesis, copy);
    const scaled = params.operations.some((o) => o.kind === 'scale');
    const open = after.open.map((s) => ({ shardId: scaled ? null : ids.toStream(s.shardId), startingHashKey: s.startingHashKey, endingHashKey: s.endingHashKey }));
    const differences = compare(predicted.open, open);
    progress('cleaning', `Deleting ${copy}.`, params.operations.length, params.operations.length);
    deleted = await remove(kinesis, copy);
    push({ type: 'done', copyName: copy, open, matchesPlan: differences.length === 0, differences, elapsedMs: Date.now() - started, deleted });
  } finally {
    if (!deleted) await remove(kinesis, copy);
    live.delete(copy);
  }
}
