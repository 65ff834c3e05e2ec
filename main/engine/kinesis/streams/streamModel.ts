// The engine's view of streams and shards: rows from the store plus parsed hash ranges, cached in memory
// until the store's generation changes (any write to streams/shards/tags), so hot paths (PutRecords,
// GetRecords) never query stream metadata.
import { createHash, randomBytes } from 'node:crypto';
import type { EngineStore, ShardRow, StreamRow } from '../../../storage/engineStore';
import { SequenceEncoder, shardIdOf, streamTag } from '../records/sequence';

export interface ShardState extends ShardRow {
  readonly shardId: string;
  readonly startHashKey: bigint;
  readonly endHashKey: bigint;
  /** The starting hash key as words, compared against MD5 digests without BigInt. */
  readonly startKeyWords: HashKeyWords;
  /** Renders the shard's sequence numbers (AWS's layout) and tells its own from others. */
  readonly sequences: SequenceEncoder;
}

export interface StreamState extends StreamRow {
  /** Every shard, open and closed, by index. */
  readonly shards: ShardState[];
  /** Open shards sorted by starting hash key: what a partition key routes to. */
  readonly openShards: ShardState[];
  readonly shardByIndex: Map<number, ShardState>;
}

/** A hash key (0 .. 2^128-1) as four unsigned 32-bit words, most significant first. */
export type HashKeyWords = [number, number, number, number];

export function hashKeyWords(key: bigint): HashKeyWords {
  return [Number((key >> 96n) & 0xffffffffn), Number((key >> 64n) & 0xffffffffn), Number((key >> 32n) & 0xffffffffn), Number(key & 0xffffffffn)];
}

/** a <= b, word by word from the most significant. */
function atOrBelow(a: HashKeyWords, b: HashKeyWords): boolean {
  for (let i = 0; i < 4; i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  }
  return true;
}

function toShardState(row: ShardRow, tag: number): ShardState {
  const startHashKey = BigInt(row.startHash);
  return {
    ...row,
    shardId: shardIdOf(row.shardIndex),
    startHashKey,
    endHashKey: BigInt(row.endHash),
    startKeyWords: hashKeyWords(startHashKey),
    sequences: new SequenceEncoder({ shardIndex: row.shardIndex, shardCreatedMs: row.createdMs, tag }),
  };
}

/** The open shard whose hash range holds the key: a binary search over starting keys. */
export function routeKey(stream: StreamState, key: HashKeyWords): ShardState | undefined {
  const shards = stream.openShards;
  let low = 0;
  let high = shards.length - 1;
  let found: ShardState | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const shard = shards[mid] as ShardState;
    if (atOrBelow(shard.startKeyWords, key)) {
      found = shard;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

export function buildStreamState(row: StreamRow, shardRows: ShardRow[]): StreamState {
  const tag = streamTag(row.identity);
  const shards = shardRows.map((shardRow) => toShardState(shardRow, tag));
  const openShards = shards.filter((s) => s.endingSeq === null).sort((a, b) => (a.startHashKey < b.startHashKey ? -1 : 1));
  return { ...row, shards, openShards, shardByIndex: new Map(shards.map((s) => [s.shardIndex, s])) };
}

export class StreamCache {
  private generation = -1;
  private readonly byName = new Map<string, StreamState | null>();
  private readonly byRowId = new Map<number, StreamState | null>();

  constructor(private readonly store: EngineStore) {}

  private fresh(): void {
    if (this.generation === this.store.generation) return;
    this.byName.clear();
    this.byRowId.clear();
    this.generation = this.store.generation;
  }

  private load(row: StreamRow | undefined): StreamState | null {
    if (!row) return null;
    const state = buildStreamState(row, this.store.shardsOfStream(row.id));
    this.byName.set(`${row.region}\n${row.name}`, state);
    this.byRowId.set(row.id, state);
    return state;
  }

  byNameIn(region: string, name: string): StreamState | undefined {
    this.fresh();
    const key = `${region}\n${name}`;
    let state = this.byName.get(key);
    if (state === undefined) {
      state = this.load(this.store.streamByName(region, name));
      if (!state) this.byName.set(key, null);
    }
    return state ?? undefined;
  }

  byId(rowId: number): StreamState | undefined {
    this.fresh();
    let state = this.byRowId.get(rowId);
    if (state === undefined) {
      state = this.load(this.store.streamById(rowId));
      if (!state) this.byRowId.set(rowId, null);
    }
    return state ?? undefined;
  }
}

export function streamArnOf(region: string, accountId: string, name: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:kinesis:${region}:${accountId}:stream/${name}`;
}

export interface ParsedStreamArn {
  region: string;
  accountId: string;
  name: string;
}

export function parseStreamArn(arn: string): ParsedStreamArn | undefined {
  const match = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([^/]+)$/.exec(arn);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { region: match[1], accountId: match[2], name: match[3] };
}

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A StreamId in AWS's form: 20 + 3 lowercase alphanumerics. */
export function newStreamId(): string {
  const bytes = randomBytes(23);
  const chars = Array.from(bytes, (b) => ALPHANUM[b % ALPHANUM.length]).join('');
  return `${chars.slice(0, 20)}-${chars.slice(20)}`;
}

const IDENTITY_DIGITS = 28;

/**
 * 28 decimal digits unique to one incarnation of a stream (a recreated stream gets new ones); their tag
 * (records/sequence.ts) goes into every sequence number.
 */
export function newIdentity(arn: string, createdMs: number): string {
  const digest = createHash('sha256').update(arn).update(String(createdMs)).update(randomBytes(16)).digest();
  return (BigInt(`0x${digest.toString('hex')}`) % 10n ** BigInt(IDENTITY_DIGITS)).toString().padStart(IDENTITY_DIGITS, '0');
}

/** A shard as the API returns it (DescribeStream, ListShards, ChildShards' lineage). */
export interface ShardOut {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export function shardOut(stream: StreamState, shard: ShardState): ShardOut {
  const out: ShardOut = { ShardId: shard.shardId } as ShardOut;
  if (shard.parentIndex !== null) out.ParentShardId = shardIdOf(shard.parentIndex);
  if (shard.adjacentParentIndex !== null) out.AdjacentParentShardId = shardIdOf(shard.adjacentParentIndex);
  out.HashKeyRange = { StartingHashKey: shard.startHash, EndingHashKey: shard.endHash };
  out.SequenceNumberRange = { StartingSequenceNumber: shard.sequences.encode(shard.startingSeq) };
  if (shard.endingSeq !== null) {
    out.SequenceNumberRange.EndingSequenceNumber = shard.sequences.encode(shard.endingSeq);
  }
  return out;
}
