// The analytics contract fragment: streaming SQL (Flink and KDA dialects) over a stream or a local delivery
// stream, schema discovery, checking with error positions and completion names, saved queries, Flink export,
// and ad-hoc SQLite over the last minutes of a stream. The boundary types of main/analytics (schema, SQL types,
// result rows, record errors, statistics) are declared here once; the engine imports them. See
// docs/analytics-sql.md.
import { z } from 'zod';
import type { CommandSpec, SubscriptionSpec } from './define';
import { StreamName } from './streams';

const epochMs = z.number().int().min(0);
const count = z.number().int().min(0);
const AccountId = z.string().regex(/^\d{12}$/, 'An AWS account id is 12 digits');

// ---- the engine's boundary types ----

export const SqlDialect = z.enum(['flink', 'kda']);
export type SqlDialect = z.infer<typeof SqlDialect>;

export const SqlBaseType = z.enum(['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP']);
export type SqlBaseType = z.infer<typeof SqlBaseType>;

export const SqlType = z.strictObject({
  base: SqlBaseType,
  /** VARCHAR only: the declared length (longer strings are truncated silently, as KDA did). */
  length: z.number().int().min(1).max(1_048_576).optional(),
});
export type SqlType = z.infer<typeof SqlType>;

/** A runtime value: timestamps are epoch milliseconds (the column's type says so); BIGINT exact up to 2^53. */
export const SqlValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type SqlValue = z.infer<typeof SqlValue>;

export const ColumnSpec = z.strictObject({
  /** The column name queries use (case kept; quote it in SQL if it is not upper case). */
  name: z.string().min(1).max(128),
  /** JSON: a JSONPath such as `$.order.amount`; CSV: the field position such as `$[2]` (0-based). */
  path: z.string().min(1).max(1000).regex(/^\$/, 'A column path starts with $ ($.a.b, $[0])'),
  type: SqlType,
});
export type ColumnSpec = z.infer<typeof ColumnSpec>;

export const RecordFormat = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('json') }),
  z.strictObject({ kind: z.literal('csv'), delimiter: z.string().min(1).max(8) }),
]);
export type RecordFormat = z.infer<typeof RecordFormat>;

export const InputSchema = z.strictObject({ format: RecordFormat, columns: z.array(ColumnSpec).max(500) });
export type InputSchema = z.infer<typeof InputSchema>;

/** A column of a query's result (or of a reference table). */
export const PlanColumn = z.strictObject({ name: z.string(), type: SqlType });
export type PlanColumn = z.infer<typeof PlanColumn>;

/** Where an error is in the query text: 0-based offset, length ≥ 1, 1-based line and column. */
export const SourceSpan = z.strictObject({ offset: count, length: z.number().int().min(1), line: z.number().int().min(1), column: z.number().int().min(1) });
export type SourceSpan = z.infer<typeof SourceSpan>;

export const SqlErrorKind = z.enum(['syntax', 'unsupported', 'semantic']);
export type SqlErrorKind = z.infer<typeof SqlErrorKind>;

/** 'syntax': the grammar cannot read it; 'unsupported': valid SQL outside the subset (named); 'semantic': names and types. */
export const QueryError = z.strictObject({ message: z.string(), kind: SqlErrorKind, span: SourceSpan });
export type QueryError = z.infer<typeof QueryError>;

export const ResultRow = z.strictObject({
  /** The row's ROWTIME: a closed window's end, or the input row's time. */
  rowtime: z.number(),
  /** One value per result column, in order. */
  values: z.array(SqlValue),
});
export type ResultRow = z.infer<typeof ResultRow>;

/** A record the schema could not map (the error stream), with the reason. */
export const RecordError = z.strictObject({ reason: z.string(), shardId: z.string(), sequenceNumber: z.string(), arrivalMs: z.number() });
export type RecordError = z.infer<typeof RecordError>;

/** A record whose windows had all closed when it arrived: counted and reported, not aggregated. */
export const LateRecord = z.strictObject({ shardId: z.string(), sequenceNumber: z.string(), time: z.number(), watermark: z.number() });
export type LateRecord = z.infer<typeof LateRecord>;

/** What a running query holds, counted, with a byte estimate (good to a factor of two). */
export const StateSnapshot = z.strictObject({
  openWindows: count,
  openGroups: count,
  distinctEntries: count,
  sketches: count,
  slidingRows: count,
  estimatedBytes: count,
});
export type StateSnapshot = z.infer<typeof StateSnapshot>;

export const QueryStats = z.strictObject({
  recordsIn: count,
  rowsOut: count,
  filteredOut: count,
  parseErrors: count,
  lateRecords: count,
  /** The current watermark (epoch ms), null before any input. */
  watermark: z.number().nullable(),
  state: StateSnapshot,
  /** The bound on state.estimatedBytes: past it the query stops. */
  maxStateBytes: count,
  recentErrors: z.array(RecordError),
  stopped: z.string().nullable(),
});
export type QueryStats = z.infer<typeof QueryStats>;

/** Each discovery sample as the inferred schema maps it, or why it did not parse. */
export const ParsedSample = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), values: z.array(SqlValue) }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]);
export type ParsedSample = z.infer<typeof ParsedSample>;

export const KinesisStartPosition = z.enum(['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP']);
export type KinesisStartPosition = z.infer<typeof KinesisStartPosition>;

/** The result of translating a plan to a Flink SQL script: the script and notes, or what cannot be translated. */
export const FlinkExport = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), script: z.string(), notes: z.array(z.string()) }),
  z.strictObject({ ok: z.literal(false), untranslatable: z.array(z.string()) }),
]);
export type FlinkExport = z.infer<typeof FlinkExport>;

// ---- sources, reference tables, outputs ----

const DeliveryStreamName = z.string().regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'A delivery stream name is 1 to 64 letters, digits, underscores, dots or hyphens');

export const AnalyticsReadMode = z.enum(['polling', 'fanout']);

/** Where reading a stream starts (every shard; a query never starts at one shard's sequence number). */
export const AnalyticsStartPosition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('LATEST') }),
  z.strictObject({ type: z.literal('TRIM_HORIZON') }),
  z.strictObject({ type: z.literal('AT_TIMESTAMP'), timestamp: epochMs }),
]);
export type AnalyticsStartPosition = z.infer<typeof AnalyticsStartPosition>;

/** What a query reads: a Kinesis stream of the active connection, or (local engine only) what a delivery stream accepts. */
export const AnalyticsSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('stream'),
    streamName: StreamName,
    start: AnalyticsStartPosition.default({ type: 'LATEST' }),
    mode: AnalyticsReadMode.default('polling'),
    /** Fan-out on an AWS profile registers a consumer (it costs money): the account id must be given. */
    confirmAccountId: AccountId.optional(),
  }),
  z.strictObject({
    kind: z.literal('deliveryStream'),
    name: DeliveryStreamName,
    /** Records accepted from now on (default), or also the ones the engine still keeps (a bounded recent ring). */
    start: z.enum(['LATEST', 'KEPT']).default('LATEST'),
  }),
]);
export type AnalyticsSource = z.infer<typeof AnalyticsSource>;
export type AnalyticsSourceIn = z.input<typeof AnalyticsSource>;

/** A small table to join against, as CSV (a header line naming the columns) or JSON (an array of objects, or one object per line). */
export const ReferenceTableInput = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'A reference table name is a letter or _ then letters, digits or _'),
  format: z.enum(['csv', 'json']),
  delimiter: z.string().min(1).max(8).default(','),
  /** At most 1 MiB and 10,000 rows. */
  text: z.string().min(1).max(1_048_576),
});
export type ReferenceTableInput = z.infer<typeof ReferenceTableInput>;

/** Where result rows go as JSON records (one per row, column names as keys), besides the subscription. */
export const AnalyticsOutput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stream'), streamName: StreamName, confirmAccountId: AccountId.optional() }),
  z.strictObject({ kind: z.literal('deliveryStream'), name: DeliveryStreamName, confirmAccountId: AccountId.optional() }),
]);
export type AnalyticsOutput = z.infer<typeof AnalyticsOutput>;

/** What checking and running share: the query, its dialect and the schema it reads. */
const QueryInput = {
  sql: z.string().min(1).max(100_000),
  dialect: SqlDialect,
  schema: InputSchema,
  referenceTable: ReferenceTableInput.optional(),
  /** Event-time queries: how far the watermark trails the highest event time (a Flink WATERMARK in the script wins). */
  watermarkDelayMs: z.number().int().min(0).max(86_400_000).optional(),
  /** How long after its end a window still takes late records before its row is emitted. Default 0. */
  allowedLatenessMs: z.number().int().min(0).max(86_400_000).optional(),
};

// ---- commands ----

export const DiscoverParams = z.strictObject({
  /** A source as for analytics.run, or sample payloads given as text (pasted or from a file). */
  source: z.union([AnalyticsSource, z.strictObject({ kind: z.literal('samples'), records: z.array(z.string().max(1_048_576)).min(1).max(1000) })]),
  format: RecordFormat.default({ kind: 'json' }),
  /** CSV: the first sample is a header line naming the columns. */
  csvHeader: z.boolean().default(false),
  /** How many records to sample; reading stops at this count or after waitMs. */
  sampleSize: z.number().int().min(1).max(1000).default(100),
  waitMs: z.number().int().min(100).max(30_000).default(3000),
});
export type DiscoverParams = z.infer<typeof DiscoverParams>;

export const DiscoverSample = z.strictObject({
  /** Null for pasted samples. */
  partitionKey: z.string().nullable(),
  shardId: z.string().nullable(),
  sequenceNumber: z.string().nullable(),
  arrivalMs: epochMs.nullable(),
  /** The payload as text (UTF-8), cut at 4 KiB. */
  text: z.string(),
  parsed: ParsedSample,
});
export type DiscoverSample = z.infer<typeof DiscoverSample>;

export const DiscoverResult = z.strictObject({
  schema: InputSchema,
  samples: z.array(DiscoverSample),
  /** Samples that did not parse (listed in samples with their reason). */
  unparseable: count,
  /** Why fewer than sampleSize records came back (e.g. "no records arrived within 3 s"), or null. */
  note: z.string().nullable(),
});
export type DiscoverResult = z.infer<typeof DiscoverResult>;

export const CheckParams = z.strictObject({
  ...QueryInput,
  /** The source stream's name (the Flink dialect names the source by it; KDA calls it SOURCE_SQL_STREAM_001). */
  sourceName: z.string().min(1).max(128),
});
export type CheckParams = z.infer<typeof CheckParams>;

/** Names the editor completes. */
export const CompletionVocabulary = z.strictObject({
  /** The source stream's name in this dialect, and the reference table's. */
  sources: z.array(z.string()),
  /** ROWTIME, PARTITION_KEY…, the schema's columns, the reference table's. */
  columns: z.array(z.strictObject({ name: z.string(), type: z.string(), origin: z.enum(['system', 'schema', 'reference']) })),
  functions: z.array(z.string()),
  keywords: z.array(z.string()),
});
export type CompletionVocabulary = z.infer<typeof CompletionVocabulary>;

export const CheckResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    columns: z.array(PlanColumn),
    /** e.g. "tumbling window of 10 s on ROWTIME", "no window (row by row)". */
    window: z.string(),
    /** The query writes to this sink (KDA pump destination, Flink INSERT INTO), shown for information. */
    sink: z.string().nullable(),
    vocabulary: CompletionVocabulary,
  }),
  z.strictObject({ ok: z.literal(false), error: QueryError, vocabulary: CompletionVocabulary }),
]);
export type CheckResult = z.infer<typeof CheckResult>;

export const ExportFlinkParams = z.strictObject({
  ...QueryInput,
  /** The source stream of the active connection: its ARN and region go into the script. */
  streamName: StreamName,
  startPosition: KinesisStartPosition.default('LATEST'),
  startTimestamp: epochMs.optional(),
  /** A stream of the active connection the results go to; without it the sink is Flink's print connector. */
  sinkStreamName: StreamName.optional(),
  sourceTable: z.string().min(1).max(128).optional(),
  sinkTable: z.string().min(1).max(128).optional(),
});
export type ExportFlinkParams = z.infer<typeof ExportFlinkParams>;

export const ExportFlinkResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), script: z.string(), notes: z.array(z.string()) }),
  /** untranslatable names what has no Flink form; error is set instead when the query itself does not compile. */
  z.strictObject({ ok: z.literal(false), untranslatable: z.array(z.string()), error: QueryError.nullable() }),
]);
export type ExportFlinkResult = z.infer<typeof ExportFlinkResult>;

export const SavedQuery = z.strictObject({
  name: z.string().min(1).max(100),
  sql: z.string().min(1).max(100_000),
  dialect: SqlDialect,
  source: AnalyticsSource.optional(),
  schema: InputSchema.optional(),
  savedAt: epochMs,
});
export type SavedQuery = z.infer<typeof SavedQuery>;

const SavedQueries = z.strictObject({ queries: z.array(SavedQuery) });

// ---- the run subscription ----

export const RunParams = z.strictObject({
  ...QueryInput,
  source: AnalyticsSource,
  output: AnalyticsOutput.optional(),
  /** The bound on the query's state; past it the query stops with a message. Default 256 MiB. */
  maxStateBytes: z.number().int().min(1024).max(4 * 1024 * 1024 * 1024).default(256 * 1_048_576),
  /** Result rows are sent at most this often (batched). */
  batchMs: z.number().int().min(20).max(1000).default(100),
  statsIntervalMs: z.number().int().min(250).max(10_000).default(1000),
});
export type RunParams = z.infer<typeof RunParams>;
export type RunParamsIn = z.input<typeof RunParams>;

/** A rejected record with the start of its payload, for the error stream the user sees. */
export const RunRecordError = RecordError.extend({ partitionKey: z.string(), text: z.string() });
export type RunRecordError = z.infer<typeof RunRecordError>;

export const RunStopReason = z.enum(['memory-bound', 'source-ended', 'source-failed', 'output-failed']);
export type RunStopReason = z.infer<typeof RunStopReason>;

export const OutputStatus = z.strictObject({
  target: z.string(),
  written: count,
  failed: count,
  lastError: z.string().nullable(),
});
export type OutputStatus = z.infer<typeof OutputStatus>;

export const RunItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('started'),
    runId: z.string(),
    connectionId: z.string(),
    columns: z.array(PlanColumn),
    /** Shards being read first (a stream source); empty for a delivery stream. */
    shards: z.array(z.string()),
    maxStateBytes: count,
    /** The time column and whether it is event time (from the data) or arrival time. */
    time: z.strictObject({ column: z.string(), eventTime: z.boolean() }),
    window: z.string(),
  }),
  z.strictObject({
    type: z.literal('rows'),
    rows: z.array(ResultRow),
    /** The watermark when the batch was sent: every window ending at or before it has closed. */
    watermark: z.number().nullable(),
    at: epochMs,
  }),
  z.strictObject({ type: z.literal('errors'), errors: z.array(RunRecordError), total: count }),
  z.strictObject({ type: z.literal('late'), records: z.array(LateRecord), total: count }),
  z.strictObject({
    type: z.literal('stats'),
    at: epochMs,
    stats: QueryStats,
    /** Records read per second over the last interval. */
    recordsPerSecond: z.number(),
    /** How far behind the newest record the query reads: now minus the newest arrival time read (null before any). */
    lagMs: z.number().nullable(),
    output: OutputStatus.nullable(),
  }),
  z.strictObject({ type: z.literal('stopped'), reason: RunStopReason, message: z.string() }),
]);
export type RunItem = z.infer<typeof RunItem>;

// ---- ad-hoc SQLite ----

export const AdhocLoadParams = z.strictObject({
  streamName: StreamName,
  /** Read the records that arrived in the last `minutes`. */
  minutes: z.number().int().min(1).max(1440).default(5),
  /** At most this many records are kept (the newest are dropped past it, and `truncated` says so). */
  maxRecords: z.number().int().min(1).max(1_000_000).default(100_000),
  /** The discovered columns become table columns beside the record's own (optional). */
  schema: InputSchema.optional(),
  /** A table loaded earlier with this id is replaced (re-read on demand). */
  tableId: z.string().min(1).max(64).optional(),
});
export type AdhocLoadParams = z.infer<typeof AdhocLoadParams>;

export const AdhocTableInfo = z.strictObject({
  tableId: z.string(),
  /** The SQLite table's name in queries. */
  table: z.literal('records'),
  streamName: z.string(),
  columns: z.array(z.strictObject({ name: z.string(), sqliteType: z.string() })),
  records: count,
  /** Records rejected by the schema's types (kept with NULL columns) when a schema was given. */
  unmapped: count,
  truncated: z.boolean(),
  fromMs: epochMs,
  toMs: epochMs,
  bytes: count,
});
export type AdhocTableInfo = z.infer<typeof AdhocTableInfo>;

export const AdhocLoadItem = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), records: count, bytes: count, newestMs: epochMs.nullable(), fromMs: epochMs, toMs: epochMs }),
  z.strictObject({ type: z.literal('loaded'), table: AdhocTableInfo }),
]);
export type AdhocLoadItem = z.infer<typeof AdhocLoadItem>;

export const AdhocQueryParams = z.strictObject({
  tableId: z.string().min(1).max(64),
  /** SQLite's own SQL, read-only (one statement). */
  sql: z.string().min(1).max(100_000),
  maxRows: z.number().int().min(1).max(10_000).default(1000),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
});
export type AdhocQueryParams = z.infer<typeof AdhocQueryParams>;

export const AdhocQueryResult = z.strictObject({
  columns: z.array(z.string()),
  rows: z.array(z.array(SqlValue)),
  /** More rows than maxRows matched; only the first maxRows came back. */
  truncated: z.boolean(),
  elapsedMs: z.number(),
});
export type AdhocQueryResult = z.infer<typeof AdhocQueryResult>;

export const analyticsCommands = {
  'analytics.discover': {
    description: "Samples records from a source (or takes pasted samples) and infers the input schema, as KDA's DiscoverInputSchema: JSON paths flattened, types inferred, CSV with a delimiter. Unparseable samples come back with their reason.",
    params: DiscoverParams,
    result: DiscoverResult,
  },
  'analytics.check': {
    description: 'Parses and binds a query (Flink or KDA dialect) against the schema: the result columns, or the error with its position and kind; always the names the editor completes.',
    params: CheckParams,
    result: CheckResult,
  },
  'analytics.exportFlink': {
    description: "Translates a query (either dialect) into a Flink SQL script for Managed Service for Apache Flink with the current Kinesis connector, or names what cannot be translated.",
    params: ExportFlinkParams,
    result: ExportFlinkResult,
  },
  'analytics.saved.list': {
    description: "The active connection's saved queries.",
    params: z.strictObject({}),
    result: SavedQueries,
  },
  'analytics.saved.save': {
    description: 'Saves (or replaces by name) a query for the active connection; answers the list.',
    params: SavedQuery.omit({ savedAt: true }),
    result: SavedQueries,
  },
  'analytics.saved.delete': {
    description: "Deletes a saved query of the active connection by name; answers the list.",
    params: z.strictObject({ name: z.string().min(1).max(100) }),
    result: SavedQueries,
  },
  'analytics.adhoc.query': {
    description: 'SQLite (not a streaming dialect): runs one read-only SQLite statement (json_extract, window functions…) over a table loaded by analytics.adhoc.load, with a time limit; columns and the first maxRows rows.',
    params: AdhocQueryParams,
    result: AdhocQueryResult,
  },
  'analytics.adhoc.drop': {
    description: 'Frees an ad-hoc SQLite table.',
    params: z.strictObject({ tableId: z.string().min(1).max(64) }),
    result: z.strictObject({ dropped: z.boolean() }),
  },
} as const satisfies Record<string, CommandSpec>;

export const analyticsSubscriptions = {
  'analytics.run': {
    description: 'Runs a streaming query in main over a stream (every shard, following reshards) or a local delivery stream: started, rows batched as windows close, the error stream, late records, stats every second (with the state bound), and stopped with the reason (e.g. its memory bound). Unsubscribe to stop.',
    params: RunParams,
    item: RunItem,
  },
  'analytics.adhoc.load': {
    description: 'SQLite: reads the last N minutes of a stream (bounded count, with progress) into an in-memory SQLite table `records` (ROWTIME, PARTITION_KEY, SEQUENCE_NUMBER, SHARD_ID, DATA as text, and the schema columns) for analytics.adhoc.query.',
    params: AdhocLoadParams,
    item: AdhocLoadItem,
  },
} as const satisfies Record<string, SubscriptionSpec>;
