// The stream browser's contract fragment: listing (fast names first, per-row details on demand), one stream's
// detail with shards and lineage, key routing, and the stream actions. contract.ts spreads `streamsCommands`
// and `streamsSubscriptions` into the app contract. Values that AWS owns (statuses, modes, encryption types)
// are plain strings, so a value AWS adds later never turns a valid answer into an InternalFailure.
import { z } from 'zod';
import type { CommandSpec, SubscriptionSpec } from './define';
import { isResourceName } from '../domain/resourceNames';
import { rpcErrorSchema } from './errors';

export const StreamName = z
  .string()
  .refine(isResourceName, 'A stream name is 1 to 128 letters, digits, underscores, dots or hyphens');
/** A 128-bit hash key as a decimal string. */
export const HashKeyText = z.string().regex(/^(0|[1-9]\d{0,38})$/, 'A hash key is a decimal number from 0 to 2^128-1');
export const PartitionKey = z.string().min(1).max(256);
const epochMs = z.number().int();
const count = z.number().int().min(0);

export const CapacityMode = z.enum(['PROVISIONED', 'ON_DEMAND']);
export type CapacityMode = z.infer<typeof CapacityMode>;

/** Something that could not be read for a stream, while the rest could (e.g. an endpoint without consumers). */
export const StreamProblem = z.strictObject({
  part: z.enum(['summary', 'shards', 'tags', 'consumers', 'limits']),
  code: z.string(),
  message: z.string(),
});
export type StreamProblem = z.infer<typeof StreamProblem>;

/** A row as ListStreams gives it. The nulls are for backends whose ListStreams has names only (older emulators). */
export const StreamListRow = z.strictObject({
  name: z.string(),
  arn: z.string().nullable(),
  status: z.string().nullable(),
  mode: z.string().nullable(),
  createdAt: epochMs.nullable(),
});
export type StreamListRow = z.infer<typeof StreamListRow>;

export const StreamsListParams = z.strictObject({
  /** From the previous page's `nextCursor`; omitted for the first page. */
  cursor: z.string().min(1).max(4096).optional(),
  /** Rows wanted; the service makes as many ListStreams calls as that takes (AWS returns at most 100 per call). */
  limit: z.number().int().min(1).max(1000).default(500),
});
export const StreamsListResult = z.strictObject({
  streams: z.array(StreamListRow),
  /** null on the last page. Opaque; only valid for the connection that produced it. */
  nextCursor: z.string().nullable(),
});
export type StreamsListResult = z.infer<typeof StreamsListResult>;

export const Encryption = z.strictObject({ type: z.string(), keyId: z.string().nullable() });

export const StreamSummary = z.strictObject({
  name: z.string(),
  arn: z.string(),
  status: z.string(),
  mode: z.string(),
  createdAt: epochMs,
  retentionHours: count,
  encryption: Encryption,
  openShardCount: count,
  consumerCount: count.nullable(),
  maxRecordSizeKiB: count.nullable(),
});
export type StreamSummary = z.infer<typeof StreamSummary>;

/** The list's per-row columns, fetched only for the rows the UI shows. */
export const StreamDetailsRow = StreamSummary.omit({ maxRecordSizeKiB: true }).extend({
  /** null when ListShards failed (see problems). */
  closedShardCount: count.nullable(),
  /** null when tags could not be read (see problems). */
  tags: z.record(z.string(), z.string()).nullable(),
  problems: z.array(StreamProblem),
});
export type StreamDetailsRow = z.infer<typeof StreamDetailsRow>;

export const StreamsDetailsParams = z.strictObject({ names: z.array(StreamName).min(1).max(100) });
export const StreamDetailsEntry = z.discriminatedUnion('ok', [
  z.strictObject({ name: z.string(), ok: z.literal(true), details: StreamDetailsRow }),
  /** The whole row failed, e.g. ResourceNotFoundException for a stream deleted since it was listed. */
  z.strictObject({ name: z.string(), ok: z.literal(false), error: rpcErrorSchema }),
]);
export type StreamDetailsEntry = z.infer<typeof StreamDetailsEntry>;
export const StreamsDetailsResult = z.strictObject({ rows: z.array(StreamDetailsEntry) });

/** A row of the shards table. */
export const ShardRow = z.strictObject({
  shardId: z.string(),
  startingHashKey: HashKeyText,
  endingHashKey: HashKeyText,
  /** Share of the whole 128-bit key space, in percent (4 decimals). */
  sharePercent: z.number(),
  /** Where the range starts on the key space, in percent: the key-space bar's x position. */
  offsetPercent: z.number(),
  startingSequenceNumber: z.string(),
  /** Set once the shard is closed by resharding. */
  endingSequenceNumber: z.string().nullable(),
  parentShardId: z.string().nullable(),
  adjacentParentShardId: z.string().nullable(),
  open: z.boolean(),
});
export type ShardRow = z.infer<typeof ShardRow>;

/** Shards as a graph of generations: parents above children; a merge has two incoming edges, a split two outgoing. */
export const LineageNode = z.strictObject({
  shardId: z.string(),
  /** 0 for shards without a (listed) parent; otherwise one more than the deepest parent. */
  generation: z.number().int().min(0),
  /** Position within its generation, ordered by starting hash key. */
  index: z.number().int().min(0),
  open: z.boolean(),
  offsetPercent: z.number(),
  sharePercent: z.number(),
});
export const LineageEdge = z.strictObject({
  from: z.string(),
  to: z.string(),
  kind: z.enum(['parent', 'adjacent-parent']),
});
export const LineageGraph = z.strictObject({
  nodes: z.array(LineageNode),
  edges: z.array(LineageEdge),
  generations: z.number().int().min(0),
});
export type LineageNode = z.infer<typeof LineageNode>;
export type LineageEdge = z.infer<typeof LineageEdge>;
export type LineageGraph = z.infer<typeof LineageGraph>;

export const StreamConsumer = z.strictObject({ name: z.string(), arn: z.string(), status: z.string(), createdAt: epochMs.nullable() });
export type StreamConsumer = z.infer<typeof StreamConsumer>;

/** Account limits of the connection (DescribeLimits), shown beside the stream. */
export const AccountLimits = z.strictObject({
  shardLimit: count.nullable(),
  openShardCount: count.nullable(),
  onDemandStreamCount: count.nullable(),
  onDemandStreamCountLimit: count.nullable(),
});
export type AccountLimits = z.infer<typeof AccountLimits>;

export const StreamDescribeParams = z.strictObject({ name: StreamName });
export const StreamDetail = z.strictObject({
  summary: StreamSummary,
  /** Every shard, closed ones included, ordered by starting hash key then id. */
  shards: z.array(ShardRow),
  lineage: LineageGraph,
  tags: z.record(z.string(), z.string()).nullable(),
  /** null when the backend has no ListStreamConsumers (see problems). */
  consumers: z.array(StreamConsumer).nullable(),
  limits: AccountLimits.nullable(),
  problems: z.array(StreamProblem),
});
export type StreamDetail = z.infer<typeof StreamDetail>;

/** A partition key, or an explicit hash key (which wins, as in PutRecord). */
export const KeyInput = z.strictObject({
  partitionKey: PartitionKey.optional(),
  explicitHashKey: HashKeyText.optional(),
});
export type KeyInput = z.infer<typeof KeyInput>;
/** For schemas that spread KeyInput: at least one of the two keys. */
export const needsAKey = (key: KeyInput) => key.partitionKey !== undefined || key.explicitHashKey !== undefined;
export const needsAKeyMessage = {
  message: 'Give a partitionKey or an explicitHashKey (with only a hash key, PutRecord gets the hash key text as its partition key)',
};

export const StreamRouteParams = z.strictObject({ name: StreamName, ...KeyInput.shape }).refine(needsAKey, needsAKeyMessage);
export const KeyRoute = z.strictObject({
  partitionKey: z.string().nullable(),
  /** MD5 of the partition key's UTF-8 bytes, lowercase hex; null for an explicit hash key. */
  md5Hex: z.string().nullable(),
  hashKey: HashKeyText,
  positionPercent: z.number(),
  /** The open shard whose range holds the hash key; null only when no open shard does (a stream mid-transition). */
  shardId: z.string().nullable(),
  startingHashKey: HashKeyText.nullable(),
  endingHashKey: HashKeyText.nullable(),
});
export type KeyRoute = z.infer<typeof KeyRoute>;

const TagKey = z.string().min(1).max(128);
const TagValue = z.string().max(256);
export const Tags = z.record(TagKey, TagValue);

export const StreamCreateParams = z.strictObject({
  name: StreamName,
  capacity: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('PROVISIONED'), shardCount: z.number().int().min(1).max(10_000) }),
    z.strictObject({ mode: z.literal('ON_DEMAND') }),
  ]),
  tags: Tags.optional(),
});
export const StreamStatusResult = z.strictObject({ name: z.string(), status: z.string() });
export type StreamStatusResult = z.infer<typeof StreamStatusResult>;

export const StreamDeleteParams = z.strictObject({
  name: StreamName,
  /** The name typed again by the user: the service refuses (ConfirmationMismatch) unless it equals `name`. */
  confirmName: z.string(),
  enforceConsumerDeletion: z.boolean().default(false),
});

export const StreamRetentionParams = z.strictObject({ name: StreamName, hours: z.number().int().min(24).max(8760) });
export const StreamRetentionResult = z.strictObject({
  name: z.string(),
  previousHours: count,
  hours: count,
  change: z.enum(['increased', 'decreased', 'unchanged']),
});
export type StreamRetentionResult = z.infer<typeof StreamRetentionResult>;

export const StreamTagsParams = z.strictObject({
  name: StreamName,
  /** The complete wanted set: the service adds, updates and removes to get there. */
  tags: Tags.refine((tags) => Object.keys(tags).length <= 50, { message: 'A stream has at most 50 tags' }),
});
export const StreamTagsResult = z.strictObject({
  name: z.string(),
  added: z.array(z.string()),
  updated: z.array(z.string()),
  removed: z.array(z.string()),
  tags: z.record(z.string(), z.string()),
});
export type StreamTagsResult = z.infer<typeof StreamTagsResult>;

export const StreamModeParams = z.strictObject({ name: StreamName, mode: CapacityMode });
export const StreamModeResult = z.strictObject({
  name: z.string(),
  previousMode: z.string(),
  mode: z.string(),
  change: z.enum(['switched', 'unchanged']),
});
export type StreamModeResult = z.infer<typeof StreamModeResult>;

export const StreamWatchParams = z.strictObject({
  name: StreamName,
  intervalMs: z.number().int().min(250).max(10_000).default(1000),
  /** End once the stream is ACTIVE (after create, retention or mode changes). Otherwise runs until it is gone. */
  untilActive: z.boolean().default(true),
});
export const StreamWatchItem = z.strictObject({
  name: z.string(),
  /** AWS's status, or GONE once DescribeStreamSummary says ResourceNotFoundException. */
  status: z.string(),
  at: epochMs,
});
export type StreamWatchItem = z.infer<typeof StreamWatchItem>;

export const streamsCommands = {
  'streams.list': {
    description: 'One page of stream names with status, mode and creation time (ListStreams), fast even for thousands.',
    params: StreamsListParams,
    result: StreamsListResult,
  },
  'streams.details': {
    description: 'Per-row columns for up to 100 named streams: shard counts, retention, encryption, consumers, tags.',
    params: StreamsDetailsParams,
    result: StreamsDetailsResult,
  },
  'streams.describe': {
    description: "One stream's summary, every shard (closed included), lineage, tags, consumers and account limits.",
    params: StreamDescribeParams,
    result: StreamDetail,
  },
  'streams.route': {
    description: 'Where a partition key or explicit hash key goes: its MD5, hash key and open shard.',
    params: StreamRouteParams,
    result: KeyRoute,
  },
  'streams.create': {
    description: 'CreateStream, provisioned with a shard count or on-demand.',
    params: StreamCreateParams,
    result: StreamStatusResult,
  },
  'streams.delete': {
    description: 'DeleteStream; `confirmName` must repeat the name exactly.',
    params: StreamDeleteParams,
    result: StreamStatusResult,
  },
  'streams.setRetention': {
    description: 'Sets the retention period, increasing or decreasing it as needed.',
    params: StreamRetentionParams,
    result: StreamRetentionResult,
  },
  'streams.setTags': {
    description: "Makes the stream's tags equal the given set (adds, updates and removes).",
    params: StreamTagsParams,
    result: StreamTagsResult,
  },
  'streams.setCapacityMode': {
    description: 'UpdateStreamMode to provisioned or on-demand.',
    params: StreamModeParams,
    result: StreamModeResult,
  },
} as const satisfies Record<string, CommandSpec>;

export const streamsSubscriptions = {
  'streams.watch': {
    description: "A stream's status, pushed when it changes (first the current one), until ACTIVE or gone.",
    params: StreamWatchParams,
    item: StreamWatchItem,
  },
} as const satisfies Record<string, SubscriptionSpec>;
