// Resharding: the checks SplitShard, MergeShards and UpdateShardCount share, and the data side they schedule.
// As on AWS, a reshard request only validates and puts the stream in UPDATING; the parents keep taking writes
// until the transition completes. Then, in one transaction, parents close (their ending sequence number is the
// last one they gave out) and children open with lineage. The pending operation lives in the stream's settings
// and runs from a named transition hook, so a restart in the middle of UPDATING still completes it.
//
// UpdateShardCount (UNIFORM_SCALING) ends with the target count of even hash ranges, the same ranges
// CreateStream would give that many shards. It gets there the way AWS describes ("performs splits or merges on
// individual shards ... short-lived shards"): every open shard that holds a new boundary is split at it, then the
// pieces inside each new range are merged left to right. Every shard therefore has at most two parents
// (ParentShardId, AdjacentParentShardId), and the short-lived pieces are closed shards with no records whose
// ChildShards lead on, so readers that follow lineage (KCL) see one unbroken tree.
import { evenHashRanges } from '../../../../shared/domain/hashKey';
import type { StreamRow } from '../../../storage/engineStore';
import type { Kinesis, KinesisContext } from '../kinesis';
import type { StreamRef } from '../streams/commonRules';
import { invalidArgument, notFound, validationError } from '../../core/errors';
import { SEQ_PER_MS, shardIdOf } from '../records/sequence';
import { parseStreamArn, type ShardState, type StreamState } from '../streams/streamModel';

export const RESHARD_HOOK = 'reshard';
const PENDING = 'pendingReshard';

export type ReshardOp = (
  | { kind: 'split'; shard: number; hashKey: string }
  | { kind: 'merge'; shard: number; adjacent: number }
  | { kind: 'scale'; target: number }
) & {
  /** Why the engine itself resharded (on-demand scaling); absent for API calls. */
  cause?: string;
};

/**
 * The shard index in a ShardId as AWS reads it: the digits after the first '-' (or the whole text), at most
 * 2147483647. So "shardId-000000000001", "shard-1", "anything-1" and "1" all name shard 1.
 */
export function resolveShardIndex(text: string): number | undefined {
  const digits = text.split('-')[1] || text;
  if (!/^\d+$/.test(digits)) return undefined;
  const index = Number(digits);
  return index <= 2147483647 ? index : undefined;
}

/** The stream name a message names before the stream is looked up. */
export function requestedName(ref: StreamRef): string {
  if (ref.StreamName !== undefined) return ref.StreamName;
  if (ref.StreamARN !== undefined) return parseStreamArn(ref.StreamARN)?.name ?? ref.StreamARN;
  return ref.StreamId ?? '';
}

function couldNotFind(ctx: KinesisContext, shard: string, streamName: string) {
  return notFound(`Could not find shard ${shard} in stream ${streamName} under account ${ctx.accountId}.`);
}

/** A shard id parsed before the stream is looked up: an unreadable id is not found whatever the stream. */
export function parseShardArgument(ctx: KinesisContext, ref: StreamRef, shardId: string): number {
  const index = resolveShardIndex(shardId);
  if (index === undefined) throw couldNotFind(ctx, shardId, requestedName(ref));
  return index;
}

/** The stream a reshard acts on: ACTIVE and PROVISIONED. */
export function reshardableStream(ctx: KinesisContext, ref: StreamRef): StreamState {
  const stream = ctx.kinesis.resolveStream(ctx, ref);
  ctx.kinesis.requireActive(stream);
  if (stream.mode === 'ON_DEMAND') {
    throw validationError(`Request is invalid. Stream ${stream.name} under account ${ctx.accountId} is in On-Demand mode.`);
  }
  return stream;
}

/** An open shard of the stream by index, or AWS's not-found / already-closed errors. */
export function openShard(ctx: KinesisContext, stream: StreamState, index: number): ShardState {
  const shard = stream.shardByIndex.get(index);
  if (!shard) throw couldNotFind(ctx, shardIdOf(index), stream.name);
  if (shard.endingSeq !== null) {
    throw invalidArgument(
      `Shard ${shard.shardId} in stream ${stream.name} under account ${ctx.accountId} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  }
  return shard;
}

/** Records the operation and puts the stream in UPDATING; the data side runs when the transition completes. */
export function beginReshard(ctx: KinesisContext, stream: StreamState, op: ReshardOp, settings: Record<string, unknown> = {}): void {
  ctx.store.transaction(() => {
    ctx.store.updateStream(stream.id, { settings: { ...stream.settings, ...settings, [PENDING]: op } });
    ctx.kinesis.beginTransition(stream.id, 'UPDATING', ctx.config.updateDelayMs, RESHARD_HOOK);
  });
}

function isReshardOp(value: unknown): value is ReshardOp {
  if (typeof value !== 'object' || value === null) return false;
  const op = value as Record<string, unknown>;
  switch (op.kind) {
    case 'split':
      return typeof op.shard === 'number' && typeof op.hashKey === 'string';
    case 'merge':
      return typeof op.shard === 'number' && typeof op.adjacent === 'number';
    case 'scale':
      return typeof op.target === 'number';
    default:
      return false;
  }
}

// ---- the data side -----------------------------------------------------------------------------------------

interface TreeShard {
  rowId: number;
  index: number;
  start: bigint;
  end: bigint;
  startingSeq: number;
  lastSeq: number;
}

/** Closes and opens shard rows for one reshard, all at one instant. */
class ShardTreeWriter {
  private nextIndex: number;
  /** Shard indexes closed and opened, in order: what the reshard's event names. */
  readonly closed: number[] = [];
  readonly opened: number[] = [];

  constructor(
    private readonly kinesis: Kinesis,
    private readonly streamRowId: number,
    nextIndex: number,
    private readonly now: number,
  ) {
    this.nextIndex = nextIndex;
  }

  get nextShardIndex(): number {
    return this.nextIndex;
  }

  /** Closes the shard; its ending sequence number is the last one it gave out (its start when it has none). */
  private close(shard: TreeShard): number {
    const endingSeq = Math.max(shard.lastSeq, shard.startingSeq);
    this.kinesis.store.closeShard(shard.rowId, endingSeq, this.now);
    this.closed.push(shard.index);
    return endingSeq;
  }

  /** A child starts after every parent's ending sequence number, so sequence numbers grow down the lineage. */
  private open(parents: TreeShard[], endings: number[], start: bigint, end: bigint): TreeShard {
    const startingSeq = Math.max(this.now * SEQ_PER_MS, ...endings.map((e) => e + 1));
    const index = this.nextIndex++;
    this.opened.push(index);
    const row = {
      streamRowId: this.streamRowId,
      shardIndex: index,
      parentIndex: parents[0]?.index ?? null,
      adjacentParentIndex: parents[1]?.index ?? null,
      startHash: start.toString(),
      endHash: end.toString(),
      startingSeq,
      endingSeq: null,
      lastSeq: startingSeq - 1,
      createdMs: this.now,
      closedMs: null,
    };
    const rowId = this.kinesis.store.insertShard(row);
    return { rowId, index, start, end, startingSeq, lastSeq: startingSeq - 1 };
  }

  /** Children [start, key-1] and [key, end], both with the shard as ParentShardId. */
  split(shard: TreeShard, key: bigint): [TreeShard, TreeShard] {
    const ending = this.close(shard);
    return [this.open([shard], [ending], shard.start, key - 1n), this.open([shard], [ending], key, shard.end)];
  }

  /** One child over both ranges: ParentShardId is the lower shard, AdjacentParentShardId the upper. */
  merge(low: TreeShard, high: TreeShard): TreeShard {
    const endings = [this.close(low), this.close(high)];
    return this.open([low, high], endings, low.start, high.end);
  }
}

function treeShard(row: { id: number; shardIndex: number; startHash: string; endHash: string; startingSeq: number; lastSeq: number }): TreeShard {
  return { rowId: row.id, index: row.shardIndex, start: BigInt(row.startHash), end: BigInt(row.endHash), startingSeq: row.startingSeq, lastSeq: row.lastSeq };
}

/** UNIFORM_SCALING: split the open shards at the target's even boundaries, then merge the pieces of each range. */
function scaleUniformly(writer: ShardTreeWriter, open: TreeShard[], target: number): void {
  const ranges = evenHashRanges(target).map((r) => ({ start: BigInt(r.StartingHashKey), end: BigInt(r.EndingHashKey) }));
  const pieces: TreeShard[] = [];
  for (const shard of open) {
    let rest = shard;
    for (const range of ranges) {
      if (range.start > rest.start && range.start <= rest.end) {
        const [low, high] = writer.split(rest, range.start);
        pieces.push(low);
        rest = high;
      }
    }
    pieces.push(rest);
  }
  let next = 0;
  for (const range of ranges) {
    let piece = pieces[next++];
    while (piece && piece.end < range.end) {
      const following = pieces[next++];
      if (!following) break;
      piece = writer.merge(piece, following);
    }
  }
}

/** The transition hook: applies the stream's pending reshard (inside the transition's transaction). */
export function applyPendingReshard(kinesis: Kinesis, row: StreamRow): void {
  const current = kinesis.store.streamById(row.id);
  if (!current) return;
  const { [PENDING]: op, ...settings } = current.settings;
  if (isReshardOp(op)) {
    const rows = kinesis.store.shardsOfStream(row.id);
    const open = rows.filter((s) => s.endingSeq === null);
    const byIndex = new Map(open.map((s) => [s.shardIndex, treeShard(s)]));
    // The reshard happened when UPDATING was due, even if the engine applies it later (on the next access, or
    // at a restart); never in the future, though, for a restart that completes it early.
    const at = Math.min(row.statusDueMs ?? kinesis.clock(), kinesis.clock());
    const writer = new ShardTreeWriter(kinesis, row.id, current.nextShardIndex, at);
    if (op.kind === 'split') {
      const shard = byIndex.get(op.shard);
      if (shard) writer.split(shard, BigInt(op.hashKey));
    } else if (op.kind === 'merge') {
      const low = byIndex.get(op.shard);
      const high = byIndex.get(op.adjacent);
      if (low && high) writer.merge(low, high);
    } else {
      const sorted = [...byIndex.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
      scaleUniformly(writer, sorted, op.target);
    }
    kinesis.store.updateStream(row.id, { nextShardIndex: writer.nextShardIndex, settings });
    recordReshard(kinesis, row, op, writer, open.length, at);
  } else if (op !== undefined) {
    kinesis.store.updateStream(row.id, { settings });
  }
}

/** The reshard's event for the metrics charts, at the instant it took effect. */
function recordReshard(kinesis: Kinesis, row: StreamRow, op: ReshardOp, writer: ShardTreeWriter, openBefore: number, at: number): void {
  if (writer.opened.length === 0) return;
  const ids = (indexes: number[]) => indexes.map(shardIdOf);
  const openAfter = openBefore - writer.closed.length + writer.opened.length;
  const counts = `${openBefore} → ${openAfter} open shards`;
  // UpdateShardCount's short-lived pieces are closed at once: name the shards it started from and ended with.
  const children = writer.opened.filter((index) => !writer.closed.includes(index));
  const parents = writer.closed.filter((index) => !writer.opened.includes(index));
  const stream = { region: row.region, name: row.name };
  if (op.cause !== undefined) {
    kinesis.events.record(at, stream, 'on-demand-scaling', `On-demand scaling split ${ids(parents).join(', ')} (${op.cause}); ${counts}`, ids([...parents, ...children]));
  } else if (op.kind === 'split') {
    kinesis.events.record(at, stream, 'split', `SplitShard ${ids(parents).join(', ')} → ${ids(children).join(', ')}; ${counts}`, ids([...parents, ...children]));
  } else if (op.kind === 'merge') {
    kinesis.events.record(at, stream, 'merge', `MergeShards ${ids(parents).join(' + ')} → ${ids(children).join(', ')}; ${counts}`, ids([...parents, ...children]));
  } else {
    kinesis.events.record(at, stream, 'scale', `UpdateShardCount to ${op.target}; ${counts}`, ids([...parents, ...children]));
  }
}

/** Registers the hook on an engine; runs before the engine completes the transitions pending at a restart. */
export function installResharding(kinesis: Kinesis): void {
  kinesis.registerTransitionHook(RESHARD_HOOK, applyPendingReshard);
}
