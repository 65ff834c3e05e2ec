// The Firehose screens' contract fragment: delivery streams of the active connection (the local engine or AWS
// through client-firehose), the create request the wizard sends (the service model's shapes, shared with the
// delivery core), test data, the local engine's flush and live state, the offline destination preview, and the
// delivered objects (local files or S3, read-only). Bytes travel as base64 and are capped: a frame is at most 1 MiB.
import { z } from 'zod';
import type { CommandSpec } from './define';
import {
  ExtendedS3DestinationConfiguration,
  HttpEndpointDestinationConfiguration,
  OpenSearchDestinationConfiguration,
  RedshiftDestinationConfiguration,
  S3DestinationConfiguration,
  SplunkDestinationConfiguration,
} from './firehoseConfig';

export const DeliveryStreamName = z
  .string()
  .min(1, 'A delivery stream name is 1 to 64 characters')
  .max(64, 'A delivery stream name is 1 to 64 characters')
  .regex(/^[a-zA-Z0-9_.-]+$/, 'A delivery stream name takes letters, digits, underscores, dots and hyphens only');

const epochMs = z.number().int();
const count = z.number().int().min(0);
const base64 = z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64');

/** Bytes shown in a view: at most VIEW_BYTES of them, and the full size. */
export const VIEW_BYTES = 256 * 1024;
/** One download chunk (a frame carries ~700 KiB of base64). */
export const CHUNK_BYTES = 512 * 1024;
/** Records a preview or a test put takes at most. */
export const MAX_SAMPLE_RECORDS = 500;

export const CappedBytes = z.strictObject({
  /** The first bytes, base64 (at most VIEW_BYTES). */
  base64,
  size: count,
  truncated: z.boolean(),
});
export type CappedBytes = z.infer<typeof CappedBytes>;

export const DestinationKind = z.enum(['ExtendedS3', 'S3', 'HttpEndpoint', 'Amazonopensearchservice', 'Elasticsearch', 'Splunk', 'Redshift', 'Other']);
export type DestinationKind = z.infer<typeof DestinationKind>;

export const DeliveryStreamRow = z.strictObject({
  name: z.string(),
  arn: z.string(),
  status: z.string(),
  /** DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource. */
  type: z.string(),
  /** The source Kinesis stream's name (KinesisStreamAsSource). */
  sourceStream: z.string().nullable(),
  destination: DestinationKind,
  version: z.string(),
  createdAt: epochMs.nullable(),
});
export type DeliveryStreamRow = z.infer<typeof DeliveryStreamRow>;

export const ConnectionScope = z.strictObject({
  kind: z.enum(['local', 'profile', 'custom']),
  name: z.string(),
  /** Local only: create, flush now and the live state. */
  local: z.boolean(),
});

export const FirehoseListResult = z.strictObject({
  connection: ConnectionScope,
  streams: z.array(DeliveryStreamRow),
  /** Streams listed whose Describe failed, with why. */
  problems: z.array(z.strictObject({ name: z.string(), message: z.string() })),
});
export type FirehoseListResult = z.infer<typeof FirehoseListResult>;

export const ProcessorView = z.strictObject({ type: z.string(), parameters: z.record(z.string(), z.string()) });

/** The Describe output, summarised for the detail, plus the whole description as JSON text. */
export const DeliveryStreamDetail = DeliveryStreamRow.extend({
  sourceArn: z.string().nullable(),
  destinationId: z.string(),
  bucket: z.string().nullable(),
  prefix: z.string().nullable(),
  errorPrefix: z.string().nullable(),
  buffering: z.strictObject({ sizeInMBs: z.number().nullable(), intervalInSeconds: z.number().nullable() }),
  compression: z.string().nullable(),
  processors: z.array(ProcessorView),
  processingEnabled: z.boolean(),
  dynamicPartitioning: z.boolean(),
  encryption: z.string(),
  /** Where the destination sends (an HTTP URL, a cluster endpoint, a HEC endpoint, a JDBC URL). */
  endpoint: z.string().nullable(),
  /** Pretty-printed DescribeDeliveryStream output (secrets are never returned by the service). */
  descriptionJson: z.string(),
});
export type DeliveryStreamDetail = z.infer<typeof DeliveryStreamDetail>;

const NameParams = z.strictObject({ name: DeliveryStreamName });

/** The CreateDeliveryStream request the wizard sends, exactly one destination member. */
export const CreateDeliveryStreamRequest = z
  .strictObject({
    DeliveryStreamName,
    DeliveryStreamType: z.enum(['DirectPut', 'KinesisStreamAsSource']),
    KinesisStreamSourceConfiguration: z.strictObject({ KinesisStreamARN: z.string().min(1).max(512), RoleARN: z.string().min(1).max(512) }).optional(),
    S3DestinationConfiguration: S3DestinationConfiguration.optional(),
    ExtendedS3DestinationConfiguration: ExtendedS3DestinationConfiguration.optional(),
    HttpEndpointDestinationConfiguration: HttpEndpointDestinationConfiguration.optional(),
    AmazonopensearchserviceDestinationConfiguration: OpenSearchDestinationConfiguration.optional(),
    SplunkDestinationConfiguration: SplunkDestinationConfiguration.optional(),
    RedshiftDestinationConfiguration: RedshiftDestinationConfiguration.optional(),
  })
  .refine(
    (r) =>
      [r.S3DestinationConfiguration, r.ExtendedS3DestinationConfiguration, r.HttpEndpointDestinationConfiguration, r.AmazonopensearchserviceDestinationConfiguration, r.SplunkDestinationConfiguration, r.RedshiftDestinationConfiguration].filter(
        (d) => d !== undefined,
      ).length === 1,
    'Exactly one destination configuration is required',
  )
  .refine((r) => (r.DeliveryStreamType === 'KinesisStreamAsSource') === (r.KinesisStreamSourceConfiguration !== undefined), 'KinesisStreamSourceConfiguration goes with KinesisStreamAsSource, and only with it');
export type CreateDeliveryStreamRequest = z.infer<typeof CreateDeliveryStreamRequest>;

export const LambdaModule = z.strictObject({
  functionArn: z.string().min(1).max(2048),
  /** A JavaScript file on this machine whose handler(event, context) stands for the function (local engine only). */
  modulePath: z.string().min(1).max(4096),
});

export const CreateParams = z.strictObject({ request: CreateDeliveryStreamRequest, lambdaModules: z.array(LambdaModule).max(10).default([]) });
export const CreateResult = z.strictObject({ arn: z.string() });

export const PutParams = z.strictObject({
  name: DeliveryStreamName,
  records: z.array(base64).min(1).max(MAX_SAMPLE_RECORDS),
  /** On an AWS profile, the account id as the user typed it; main checks it against sts:GetCallerIdentity. */
  confirmAccountId: z.string().max(12).optional(),
});
export const PutResult = z.strictObject({ recordIds: z.array(z.string().nullable()), failed: count, errors: z.array(z.string()) });

export const BufferFill = z.strictObject({
  lane: z.string(),
  key: z.string(),
  records: count,
  bytes: count,
  sizeLimitBytes: count,
  openedAtMs: epochMs,
  oldestArrivalMs: epochMs,
  dueAtMs: epochMs,
  intervalMs: count,
});

export const DeliveryEventView = z.strictObject({
  type: z.string(),
  atMs: epochMs,
  /** One line for the user: what happened and why. */
  text: z.string(),
  failure: z.boolean(),
});
export type DeliveryEventView = z.infer<typeof DeliveryEventView>;

export const Counters = z.strictObject({ incomingRecords: count, incomingBytes: count, deliveredRecords: count, failedRecords: count, droppedRecords: count });

export const LiveState = z.strictObject({
  name: z.string(),
  version: z.string(),
  running: z.boolean(),
  buffers: z.array(BufferFill),
  nextFlushAtMs: epochMs.nullable(),
  counters: Counters,
  unsettledRecords: count,
  /** Newest first. */
  recent: z.array(DeliveryEventView),
  /** Data freshness: the age of the oldest record still waiting, ms (0 when nothing waits). */
  freshnessMs: count,
  atMs: epochMs,
});
export type LiveState = z.infer<typeof LiveState>;

export const MetricPoint = z.strictObject({ atMs: epochMs, value: z.number() });
export const FirehoseMetrics = z.strictObject({
  source: z.enum(['engine', 'cloudwatch']),
  incomingRecords: z.array(MetricPoint),
  deliveredRecords: z.array(MetricPoint),
  freshnessSeconds: z.array(MetricPoint),
  notes: z.array(z.string()),
});
export type FirehoseMetrics = z.infer<typeof FirehoseMetrics>;

export const SampleSource = z.discriminatedUnion('kind', [
  /** Typed or read from a file by the renderer: each record's bytes, base64. */
  z.strictObject({ kind: z.literal('records'), records: z.array(base64).min(1).max(MAX_SAMPLE_RECORDS) }),
  /** The newest records of the delivery stream's source Kinesis stream (or the named one). */
  z.strictObject({ kind: z.literal('tail'), count: z.number().int().min(1).max(MAX_SAMPLE_RECORDS), stream: z.string().min(1).max(128).optional() }),
]);
export type SampleSource = z.infer<typeof SampleSource>;

export const PreviewParams = z.strictObject({
  name: DeliveryStreamName,
  samples: SampleSource,
  /** The preview clock's start; by default now. Records arrive `spacingMs` apart from it. */
  startMs: epochMs.optional(),
  spacingMs: z.number().int().min(0).max(3_600_000).default(0),
});

export const PreviewObject = z.strictObject({
  role: z.string(),
  bucket: z.string(),
  key: z.string(),
  contentEncoding: z.string().nullable(),
  raw: CappedBytes,
  /** The object decompressed by its extension (null when it is not compressed, or could not be). */
  decompressed: CappedBytes.nullable(),
  records: count,
});
export type PreviewObject = z.infer<typeof PreviewObject>;

export const PreviewRequest = z.strictObject({
  destination: z.string(),
  purpose: z.string(),
  attempt: z.number().int(),
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: CappedBytes,
  /** The body as sent decompressed when it went gzip (HTTP endpoint ContentEncoding GZIP). */
  decodedBody: CappedBytes.nullable(),
  response: z.strictObject({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: CappedBytes }).nullable(),
  error: z.string().nullable(),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const PreviewResult = z.strictObject({
  name: z.string(),
  version: z.string(),
  destination: DestinationKind,
  startMs: epochMs,
  sampleCount: count,
  objects: z.array(PreviewObject),
  requests: z.array(PreviewRequest),
  /** Lambda invocation events (pretty JSON), with the response the preview used. */
  lambda: z.array(z.strictObject({ invocationId: z.string(), event: z.string(), response: z.string().nullable(), error: z.string().nullable() })),
  /** Redshift: the COPY Firehose would run (a reconstruction), with warnings. */
  copies: z.array(z.strictObject({ manifestKey: z.string(), statement: z.string(), warnings: z.array(z.string()) })),
  /** Every flush with its reason, and every failure. */
  timeline: z.array(DeliveryEventView),
  notes: z.array(z.string()),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const DeliveredObject = z.strictObject({ bucket: z.string(), key: z.string(), size: count, lastModifiedMs: epochMs });
export type DeliveredObject = z.infer<typeof DeliveredObject>;

export const ObjectsParams = z.strictObject({ name: DeliveryStreamName, limit: z.number().int().min(1).max(200).default(20) });
export const ObjectsResult = z.strictObject({
  source: z.enum(['files', 's3']),
  /** Where they are: a folder on this machine, or s3://bucket/prefix. */
  location: z.string(),
  objects: z.array(DeliveredObject),
  notes: z.array(z.string()),
});
export type ObjectsResult = z.infer<typeof ObjectsResult>;

/** Keys are looked up in the delivery stream's own destination bucket only. */
const ObjectKey = z.string().min(1).max(1024);
export const ObjectParams = z.strictObject({ name: DeliveryStreamName, key: ObjectKey });
export const ObjectView = z.strictObject({ key: z.string(), raw: CappedBytes, decompressed: CappedBytes.nullable(), contentEncoding: z.string().nullable() });
export type ObjectView = z.infer<typeof ObjectView>;
export const ChunkParams = z.strictObject({ name: DeliveryStreamName, key: ObjectKey, offset: count });
export const ChunkResult = z.strictObject({ base64, offset: count, size: count, done: z.boolean() });

export const firehoseCommands = {
  'firehose.list': {
    description: 'Delivery streams of the active connection (ListDeliveryStreams, then Describe each): source, destination, status, version.',
    params: z.strictObject({}),
    result: FirehoseListResult,
  },
  'firehose.describe': {
    description: 'One delivery stream: source, destination, buffering, processors, compression, encryption, status, version, and the Describe output.',
    params: NameParams,
    result: DeliveryStreamDetail,
  },
  'firehose.create': {
    description: 'CreateDeliveryStream on the local engine with exactly this request; then each Lambda ARN given a module path runs that local JavaScript module.',
    params: CreateParams,
    result: CreateResult,
  },
  'firehose.delete': { description: 'DeleteDeliveryStream.', params: NameParams, result: z.strictObject({}) },
  'firehose.put': {
    description: 'PutRecordBatch of test records. On an AWS profile it needs confirmAccountId, the account id as the user typed it.',
    params: PutParams,
    result: PutResult,
  },
  'firehose.flush': {
    description: 'Local engine only (AWS has no such control): flushes every buffer of the delivery stream now and answers when the deliveries are done.',
    params: NameParams,
    result: z.strictObject({}),
  },
  'firehose.state': {
    description: 'Local engine only: each buffer’s fill (bytes, records, age, due), the counters and the last deliveries and failures with reasons.',
    params: NameParams,
    result: LiveState,
  },
  'firehose.metrics': {
    description: 'Incoming and delivered records and data freshness: the engine’s counters locally, CloudWatch AWS/Firehose (last hour, 5-minute periods) on AWS.',
    params: NameParams,
    result: FirehoseMetrics,
  },
  'firehose.preview': {
    description: 'Runs sample records through the delivery stream’s real configuration (from Describe) on a virtual clock; nothing is sent. Answers exactly what the destination would receive and when each buffer flushes.',
    params: PreviewParams,
    result: PreviewResult,
  },
  'firehose.objects': {
    description: 'The newest delivered objects under the destination prefix: files under the engine’s data folder locally, ListObjectsV2 on AWS (read-only).',
    params: ObjectsParams,
    result: ObjectsResult,
  },
  'firehose.object': {
    description: 'One delivered object of the delivery stream’s bucket: its first bytes, and decompressed by extension.',
    params: ObjectParams,
    result: ObjectView,
  },
  'firehose.objectChunk': {
    description: 'A chunk of a delivered object’s raw bytes from offset (for downloading the whole object).',
    params: ChunkParams,
    result: ChunkResult,
  },
} as const satisfies Record<string, CommandSpec>;
