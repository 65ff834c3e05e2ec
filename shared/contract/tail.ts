// The record tailer's contract fragment: the tail subscription (records and status interleaved), one record's
// full view, filter validation and saved filters, export, import and replay. contract.ts spreads
// `tailCommands` and `tailSubscriptions` into the app contract. See docs/tailer.md.
import { z } from 'zod';
import { isResourceName } from '../domain/resourceNames';
import type { CommandSpec, SubscriptionSpec } from './define';
import { rpcErrorSchema } from './errors';
import { StreamName } from './streams';

const epochMs = z.number().int().min(0);
const count = z.number().int().min(0);
export const SequenceNumberText = z.string().regex(/^\d{1,128}$/, 'A sequence number is a decimal number');
export const ShardIdText = z.string().min(1).max(128);
const AccountId = z.string().regex(/^\d{12}$/, 'An AWS account id is 12 digits');
const ConnectionId = z.string().min(1).max(256);

/** Every given part must match. `text` is case-insensitive; `regex.flags` from i, m, s, u (default "i"). */
export const TailFilter = z.strictObject({
  text: z.string().min(1).max(1000).optional(),
  regex: z.strictObject({ pattern: z.string().min(1).max(1000), flags: z.string().regex(/^[imsu]*$/).optional() }).optional(),
  /** Over the row's decoded JSON, with $partitionKey, $shardId, $sequenceNumber, $arrival and $chain bound. */
  jsonata: z.string().min(1).max(10_000).optional(),
});
export type TailFilter = z.infer<typeof TailFilter>;

export const FilterProblem = z.strictObject({
  part: z.enum(['regex', 'jsonata']),
  message: z.string(),
  /** Character offset in the expression where the problem was found (JSONata gives it; regex does not). */
  position: z.number().int().nullable(),
  token: z.string().nullable(),
});
export type FilterProblem = z.infer<typeof FilterProblem>;

export const TailStartPosition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('LATEST') }),
  z.strictObject({ type: z.literal('TRIM_HORIZON') }),
  z.strictObject({ type: z.literal('AT_TIMESTAMP'), timestamp: epochMs }),
  /** Sequence positions name one shard: `shards` must then list exactly that shard. */
  z.strictObject({ type: z.literal('AT_SEQUENCE_NUMBER'), sequenceNumber: SequenceNumberText }),
  z.strictObject({ type: z.literal('AFTER_SEQUENCE_NUMBER'), sequenceNumber: SequenceNumberText }),
]);
export type TailStartPosition = z.infer<typeof TailStartPosition>;

/** Inclusive: records up to this time, or up to and including this sequence number (children have larger ones). */
export const TailEndPosition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('AT_TIMESTAMP'), timestamp: epochMs }),
  z.strictObject({ type: z.literal('AT_SEQUENCE_NUMBER'), sequenceNumber: SequenceNumberText }),
]);
export type TailEndPosition = z.infer<typeof TailEndPosition>;

export const TailReadMode = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('polling'),
    /** The tailer's own share of each shard's 5 GetRecords calls/s. */
    maxCallsPerSecond: z.number().int().min(1).max(5).default(4),
    /** Wait between calls once caught up. */
    pollIntervalMs: z.number().int().min(200).max(10_000).default(250),
    limit: z.number().int().min(1).max(10_000).default(1000),
  }),
  z.strictObject({
    type: z.literal('fanout'),
    /** Default: shardscope-tail-<random>; registered at start and deregistered at stop. */
    consumerName: z.string().refine(isResourceName, 'A consumer name is 1 to 128 letters, digits, underscores, dots or hyphens').optional(),
    /** Required on AWS profile connections (a consumer costs money): the account id, checked against the connection's. */
    confirmAccountId: AccountId.optional(),
  }),
]);
export type TailReadMode = z.infer<typeof TailReadMode>;

export const TailRecordsParams = z.strictObject({
  stream: StreamName,
  /** Absent: every shard (following resharding). */
  shards: z.array(ShardIdText).min(1).max(1000).optional(),
  start: TailStartPosition,
  end: TailEndPosition.optional(),
  mode: TailReadMode.default({ type: 'polling', maxCallsPerSecond: 4, pollIntervalMs: 250, limit: 1000 }),
  filter: TailFilter.optional(),
  /** newest-first scans a time range backwards and needs start AT_TIMESTAMP (the end defaults to now). */
  order: z.enum(['oldest-first', 'newest-first']).default('oldest-first'),
  /** JSON paths shown as columns (`user.id`, `items[0].sku`), computed in main; values in `columns` by index. */
  columns: z.array(z.string().min(1).max(200)).max(20).default([]),
  /** Matched rows main keeps for tail.record and export (their data up to 256 MiB; older data is re-read). */
  bufferSize: z.number().int().min(100).max(1_000_000).default(100_000),
  /** A merged record waits at most this long for slower shards before it is released (see docs/tailer.md). */
  mergeWindowMs: z.number().int().min(0).max(10_000).default(1000),
  statusIntervalMs: z.number().int().min(250).max(5000).default(1000),
});
export type TailRecordsParams = z.infer<typeof TailRecordsParams>;

export const TailRow = z.strictObject({
  type: z.literal('record'),
  /** `${shardId}/${sequenceNumber}/${subIndex}`: the key for tail.record and export selections. */
  id: z.string(),
  arrivalMs: epochMs,
  shardId: z.string(),
  sequenceNumber: z.string(),
  /** Position of this row within its Kinesis record (KPL sub-records, CloudWatch Logs events), and how many. */
  subIndex: count,
  subCount: z.number().int().min(1),
  partitionKey: z.string(),
  explicitHashKey: z.string().nullable(),
  /** Bytes of this row's data (a sub-record's own data), and of the whole Kinesis record. */
  size: count,
  recordSize: count,
  /** The first ~200 characters of the decoded data (compact JSON, text, or hex). */
  preview: z.string(),
  chain: z.array(z.string()),
  viewKind: z.enum(['json', 'text', 'binary']),
  /** Why a decoding step failed (the row then shows hex). */
  decodeError: z.string().nullable(),
  /** One per requested column: the value at that JSON path as text, or null when absent. */
  columns: z.array(z.string().nullable()),
  /** For CloudWatch Logs events: the event's own time. */
  eventTimeMs: epochMs.nullable(),
});
export type TailRow = z.infer<typeof TailRow>;

export const ShardStatus = z.strictObject({
  shardId: z.string(),
  state: z.enum(['waiting-for-parents', 'reading', 'backing-off', 'drained', 'stopped', 'failed']),
  /** The tailer's own reads over the last second, against AWS's per-shard budget (5 calls/s, 2 MiB/s). null calls in fan-out mode. */
  callsPerSecond: z.number().nullable(),
  bytesPerSecond: z.number(),
  callBudget: z.number(),
  byteBudget: z.number(),
  millisBehindLatest: z.number().nullable(),
  throttles: count,
  lastError: rpcErrorSchema.nullable(),
});
export type ShardStatus = z.infer<typeof ShardStatus>;

export const TailStatus = z.strictObject({
  type: z.literal('status'),
  at: epochMs,
  /** Rows decoded and tested against the filter, and rows that matched (and were sent). */
  scanned: count,
  matched: count,
  /** Records read but waiting in the merge for slower shards. */
  held: count,
  shards: z.array(ShardStatus),
});
export type TailStatus = z.infer<typeof TailStatus>;

export const TailItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('started'),
    sessionId: z.string(),
    stream: z.string(),
    connectionId: z.string(),
    mode: z.enum(['polling', 'fanout']),
    consumerArn: z.string().nullable(),
    shards: z.array(z.string()),
  }),
  TailRow,
  TailStatus,
  z.strictObject({
    type: z.literal('end'),
    reason: z.enum(['end-position', 'shards-closed', 'range-done', 'stopped']),
    scanned: count,
    matched: count,
  }),
]);
export type TailItem = z.infer<typeof TailItem>;

export const TailRecordParams = z.strictObject({
  /** The session the row came from (its kept data, else re-read); without it the record is read from `stream`. */
  sessionId: z.string().min(1).max(64).optional(),
  stream: StreamName.optional(),
  shardId: ShardIdText,
  sequenceNumber: SequenceNumberText,
  subIndex: count.default(0),
  /** false: the first 64 KiB of the view; true: up to 512 KiB per call from `offset` (see nextOffset). */
  all: z.boolean().default(false),
  offset: count.default(0),
});

export const TailRecordResult = z.strictObject({
  shardId: z.string(),
  sequenceNumber: z.string(),
  subIndex: count,
  subCount: z.number().int().min(1),
  arrivalMs: epochMs,
  partitionKey: z.string(),
  explicitHashKey: z.string().nullable(),
  chain: z.array(z.string()),
  viewKind: z.enum(['json', 'text', 'binary']),
  decodeError: z.string().nullable(),
  /** The decoded view (pretty JSON, text, or a hex dump), from `offset`, cut as `truncated` says. */
  view: z.string(),
  offset: count,
  /** Characters in the whole view. */
  viewLength: count,
  truncated: z.boolean(),
  /** Plain wording about what is hidden, e.g. "Showing the first 64 KiB of 1.2 MiB. 1.1 MiB is hidden." */
  hiddenNote: z.string().nullable(),
  /** Where the next `all` call starts, or null at the end. */
  nextOffset: count.nullable(),
  /** The row's first 64 KiB, base64 (copy buttons, raw hex); all of a bigger row's bytes come through export. */
  dataBase64: z.string(),
  dataTruncated: z.boolean(),
  size: count,
});
export type TailRecordResult = z.infer<typeof TailRecordResult>;

export const SavedFilter = z.strictObject({ name: z.string().min(1).max(100), filter: TailFilter, savedAt: epochMs });
export type SavedFilter = z.infer<typeof SavedFilter>;

const ExportSelection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('ids'), ids: z.array(z.string().min(1).max(300)).min(1).max(10_000) }),
]);

export const TailExportParams = z.strictObject({
  sessionId: z.string().min(1).max(64),
  selection: ExportSelection,
  format: z.enum(['ndjson', 'csv']),
  /** file: written in main (Electron's save dialog gives the path; not accepted over the web host);
   *  chunks: the text comes back in `chunk` items for a browser download. */
  destination: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
    z.strictObject({ kind: z.literal('chunks') }),
  ]),
});

export const TailExportItem = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), done: count, total: count, bytes: count }),
  z.strictObject({ type: z.literal('chunk'), index: count, text: z.string() }),
  z.strictObject({ type: z.literal('done'), records: count, bytes: count, path: z.string().nullable() }),
]);
export type TailExportItem = z.infer<typeof TailExportItem>;

/** A connection and stream to write to; confirmAccountId is required when the connection is an AWS profile. */
const WriteTarget = z.strictObject({
  /** Absent: the active connection. */
  connectionId: ConnectionId.optional(),
  stream: StreamName,
  confirmAccountId: AccountId.optional(),
});

export const RecordFailure = z.strictObject({
  /** 1-based NDJSON line for imports; the source record's position for replays. */
  line: count.nullable(),
  shardId: z.string().nullable(),
  sequenceNumber: z.string().nullable(),
  partitionKey: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RecordFailure = z.infer<typeof RecordFailure>;

export const WriteProgress = z.strictObject({
  type: z.literal('progress'),
  /** For tail.cancel: cancelling sends a final report with state 'cancelled' (unsubscribing sends nothing more). */
  jobId: z.string(),
  /** Records read from the source (lines parsed, or records read from the source stream). */
  read: count,
  sent: count,
  acknowledged: count,
  failed: count,
  bytes: count,
});

export const WriteReport = z.strictObject({
  type: z.literal('report'),
  jobId: z.string(),
  state: z.enum(['completed', 'cancelled', 'failed']),
  read: count,
  sent: count,
  acknowledged: count,
  failed: count,
  /** Every failed record, up to 1,000 (failedListTruncated says when there were more). */
  failures: z.array(RecordFailure),
  failedListTruncated: z.boolean(),
  error: rpcErrorSchema.nullable(),
  elapsedMs: count,
});
export type WriteReport = z.infer<typeof WriteReport>;

export const WriteItem = z.discriminatedUnion('type', [WriteProgress, WriteReport]);
export type WriteItem = z.infer<typeof WriteItem>;

export const TailImportFileParams = z.strictObject({ target: WriteTarget, path: z.string().min(1).max(4096) });

/** Lines from the renderer (web mode: a File read in slices); each call waits for its PutRecords answers. */
export const TailImportChunkParams = z.strictObject({
  target: WriteTarget,
  ndjson: z.string().max(700_000),
  /** Line number of the chunk's first line, for the failure report. */
  firstLine: z.number().int().min(1).default(1),
});
export const TailImportChunkResult = WriteReport.omit({ type: true, jobId: true, state: true, elapsedMs: true });

export const TailReplayParams = z.strictObject({
  source: z.strictObject({
    connectionId: ConnectionId.optional(),
    stream: StreamName,
    shards: z.array(ShardIdText).min(1).max(1000).optional(),
    start: TailStartPosition,
    /** Absent: up to the time the replay starts (a replay copies a range, it does not follow live data). */
    end: TailEndPosition.optional(),
  }),
  target: WriteTarget,
});

export const tailCommands = {
  'tail.validateFilter': {
    description: 'Checks a filter as the user types: every problem with its part, message and character position.',
    params: z.strictObject({ filter: TailFilter }),
    result: z.strictObject({ ok: z.boolean(), problems: z.array(FilterProblem) }),
  },
  'tail.record': {
    description: "One row's full view: decoded (pretty JSON, text or hex dump) and raw data, the first 64 KiB or all of it in 512 KiB slices.",
    params: TailRecordParams,
    result: TailRecordResult,
  },
  'tail.close': {
    description: 'Forgets a finished tail session and the rows main kept for it.',
    params: z.strictObject({ sessionId: z.string().min(1).max(64) }),
    result: z.strictObject({ closed: z.boolean() }),
  },
  'tail.filters.list': {
    description: 'Saved filters of a stream on the active connection.',
    params: z.strictObject({ stream: StreamName }),
    result: z.strictObject({ filters: z.array(SavedFilter) }),
  },
  'tail.filters.save': {
    description: 'Saves (or replaces) a named filter for a stream; it is checked first.',
    params: z.strictObject({ stream: StreamName, name: z.string().min(1).max(100), filter: TailFilter }),
    result: z.strictObject({ filters: z.array(SavedFilter) }),
  },
  'tail.filters.delete': {
    description: 'Deletes a saved filter.',
    params: z.strictObject({ stream: StreamName, name: z.string().min(1).max(100) }),
    result: z.strictObject({ filters: z.array(SavedFilter) }),
  },
  'tail.cancel': {
    description: 'Cancels an import or replay job: it stops reading, settles the calls in flight, and sends its report.',
    params: z.strictObject({ jobId: z.string().min(1).max(64) }),
    result: z.strictObject({ cancelled: z.boolean() }),
  },
  'tail.importChunk': {
    description: 'Writes NDJSON lines ({partitionKey, data (base64) | text | json, explicitHashKey?}) with PutRecords; per-line failures.',
    params: TailImportChunkParams,
    result: TailImportChunkResult,
  },
} as const satisfies Record<string, CommandSpec>;

export const tailSubscriptions = {
  'tail.records': {
    description: 'A tail session: a started item, then rows in merged arrival order with status items every statusIntervalMs, then end.',
    params: TailRecordsParams,
    item: TailItem,
  },
  'tail.export': {
    description: "Exports a session's rows (all or chosen ids) to NDJSON or CSV: progress, the text in chunks or a file written in main, then done.",
    params: TailExportParams,
    item: TailExportItem,
  },
  'tail.importFile': {
    description: 'Imports an NDJSON file read in main into a stream: progress, then a report with every failed line.',
    params: TailImportFileParams,
    item: WriteItem,
  },
  'tail.replay': {
    description: 'Copies a range of one stream to another (any connections), keeping partition keys, within each target shard’s write limits; tail.cancel stops it with a report.',
    params: TailReplayParams,
    item: WriteItem,
  },
} as const satisfies Record<string, SubscriptionSpec>;
