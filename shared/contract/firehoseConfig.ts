// The destination configuration shapes of the Firehose service model (2015-08-04), as zod schemas: member names,
// enums, ranges and patterns as the model gives them. Only what delivery reads is declared; other members
// (CloudWatch logging, VPC, encryption, format conversion) are accepted and left out of the parsed value, so a full
// AWS request parses and the delivery types stay exact. Shared: the delivery core delivers with them, the console
// validates its create wizard and its RPC with them. The types are derived from these schemas, never written twice.
import { z } from 'zod';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);
const megabytes = (min: number, max: number) => z.number().int().min(min).max(max);

export const CompressionFormat = z.enum(['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY']);
export type CompressionFormat = z.infer<typeof CompressionFormat>;

export const ProcessorType = z.enum(['RecordDeAggregation', 'Decompression', 'CloudWatchLogProcessing', 'Lambda', 'MetadataExtraction', 'AppendDelimiterToRecord']);
export type ProcessorType = z.infer<typeof ProcessorType>;

export const ProcessorParameterName = z.enum([
  'LambdaArn', 'NumberOfRetries', 'MetadataExtractionQuery', 'JsonParsingEngine', 'RoleArn', 'BufferSizeInMBs',
  'BufferIntervalInSeconds', 'SubRecordType', 'Delimiter', 'CompressionFormat', 'DataMessageExtraction',
]);
export type ProcessorParameterName = z.infer<typeof ProcessorParameterName>;

export const ProcessorParameter = z.object({
  ParameterName: ProcessorParameterName,
  ParameterValue: z.string().min(1).max(5120).regex(/^(?!\s*$).+/s),
});
export const Processor = z.object({ Type: ProcessorType, Parameters: z.array(ProcessorParameter).optional() });
export type Processor = z.infer<typeof Processor>;
export const ProcessingConfiguration = z.object({ Enabled: z.boolean().optional(), Processors: z.array(Processor).optional() });
export type ProcessingConfiguration = z.infer<typeof ProcessingConfiguration>;

export const BufferingHints = z.object({ SizeInMBs: megabytes(1, 128).optional(), IntervalInSeconds: seconds(0, 900).optional() });
export type BufferingHints = z.infer<typeof BufferingHints>;

export const S3DestinationConfiguration = z.object({
  RoleARN: z.string().min(1).max(512),
  BucketARN: z.string().min(1).max(2048).regex(/^arn:.*:s3:::[\w.-]{1,255}$/),
  Prefix: z.string().max(1024).optional(),
  ErrorOutputPrefix: z.string().max(1024).optional(),
  BufferingHints: BufferingHints.optional(),
  CompressionFormat: CompressionFormat.optional(),
});
export type S3DestinationConfiguration = z.infer<typeof S3DestinationConfiguration>;

export const DynamicPartitioningConfiguration = z.object({
  Enabled: z.boolean().optional(),
  RetryOptions: z.object({ DurationInSeconds: seconds(0, 7200).optional() }).optional(),
});

export const ExtendedS3DestinationConfiguration = S3DestinationConfiguration.extend({
  ProcessingConfiguration: ProcessingConfiguration.optional(),
  S3BackupMode: z.enum(['Disabled', 'Enabled']).optional(),
  S3BackupConfiguration: S3DestinationConfiguration.optional(),
  DynamicPartitioningConfiguration: DynamicPartitioningConfiguration.optional(),
  /** Read only to refuse it: record format conversion (Parquet/ORC) is not emulated. */
  DataFormatConversionConfiguration: z.object({ Enabled: z.boolean().optional() }).optional(),
  FileExtension: z.string().max(128).regex(/^$|^\.[0-9a-z!\-_.*'()]+$/).optional(),
  CustomTimeZone: z.string().max(50).regex(/^$|^[a-zA-Z/_]+$/).optional(),
});
export type ExtendedS3DestinationConfiguration = z.infer<typeof ExtendedS3DestinationConfiguration>;

export const HttpEndpointDestinationConfiguration = z.object({
  EndpointConfiguration: z.object({
    // The model's pattern is https://.*; delivery also accepts http:// to a loopback host (see http/endpointUrl.ts).
    Url: z.string().min(1).max(1000),
    Name: z.string().min(1).max(256).optional(),
    AccessKey: z.string().max(4096).optional(),
  }),
  BufferingHints: z.object({ SizeInMBs: megabytes(1, 64).optional(), IntervalInSeconds: seconds(0, 900).optional() }).optional(),
  RequestConfiguration: z.object({
    ContentEncoding: z.enum(['NONE', 'GZIP']).optional(),
    CommonAttributes: z.array(z.object({ AttributeName: z.string().min(1).max(256), AttributeValue: z.string().max(1024) })).max(50).optional(),
  }).optional(),
  ProcessingConfiguration: ProcessingConfiguration.optional(),
  RoleARN: z.string().optional(),
  RetryOptions: z.object({ DurationInSeconds: seconds(0, 7200).optional() }).optional(),
  S3BackupMode: z.enum(['FailedDataOnly', 'AllData']).optional(),
  S3Configuration: S3DestinationConfiguration,
});
export type HttpEndpointDestinationConfiguration = z.infer<typeof HttpEndpointDestinationConfiguration>;

export const IndexRotationPeriod = z.enum(['NoRotation', 'OneHour', 'OneDay', 'OneWeek', 'OneMonth']);
export type IndexRotationPeriod = z.infer<typeof IndexRotationPeriod>;

/** AmazonopensearchserviceDestinationConfiguration and ElasticsearchDestinationConfiguration share these members. */
export const OpenSearchDestinationConfiguration = z.object({
  RoleARN: z.string().min(1).max(512),
  DomainARN: z.string().min(1).max(512).optional(),
  ClusterEndpoint: z.string().min(1).max(512).optional(),
  IndexName: z.string().min(1).max(80),
  TypeName: z.string().max(100).optional(),
  IndexRotationPeriod: IndexRotationPeriod.optional(),
  BufferingHints: z.object({ SizeInMBs: megabytes(1, 100).optional(), IntervalInSeconds: seconds(0, 900).optional() }).optional(),
  RetryOptions: z.object({ DurationInSeconds: seconds(0, 7200).optional() }).optional(),
  S3BackupMode: z.enum(['FailedDocumentsOnly', 'AllDocuments']).optional(),
  S3Configuration: S3DestinationConfiguration,
  ProcessingConfiguration: ProcessingConfiguration.optional(),
  DocumentIdOptions: z.object({ DefaultDocumentIdFormat: z.enum(['FIREHOSE_DEFAULT', 'NO_DOCUMENT_ID']) }).optional(),
});
export type OpenSearchDestinationConfiguration = z.infer<typeof OpenSearchDestinationConfiguration>;

export const SplunkDestinationConfiguration = z.object({
  HECEndpoint: z.string().min(0).max(2048),
  HECEndpointType: z.enum(['Raw', 'Event']),
  HECToken: z.string().max(2048).optional(),
  HECAcknowledgmentTimeoutInSeconds: seconds(180, 600).optional(),
  RetryOptions: z.object({ DurationInSeconds: seconds(0, 7200).optional() }).optional(),
  S3BackupMode: z.enum(['FailedEventsOnly', 'AllEvents']).optional(),
  S3Configuration: S3DestinationConfiguration,
  ProcessingConfiguration: ProcessingConfiguration.optional(),
  BufferingHints: z.object({ SizeInMBs: megabytes(1, 5).optional(), IntervalInSeconds: seconds(0, 60).optional() }).optional(),
});
export type SplunkDestinationConfiguration = z.infer<typeof SplunkDestinationConfiguration>;

export const RedshiftDestinationConfiguration = z.object({
  RoleARN: z.string().min(1).max(512),
  ClusterJDBCURL: z.string().min(1).max(512),
  CopyCommand: z.object({ DataTableName: z.string().min(1).max(512), DataTableColumns: z.string().optional(), CopyOptions: z.string().optional() }),
  Username: z.string().optional(),
  Password: z.string().min(6).optional(),
  RetryOptions: z.object({ DurationInSeconds: seconds(0, 7200).optional() }).optional(),
  S3Configuration: S3DestinationConfiguration,
  ProcessingConfiguration: ProcessingConfiguration.optional(),
  S3BackupMode: z.enum(['Disabled', 'Enabled']).optional(),
  S3BackupConfiguration: S3DestinationConfiguration.optional(),
});
export type RedshiftDestinationConfiguration = z.infer<typeof RedshiftDestinationConfiguration>;

/** Exactly one destination, named by the CreateDeliveryStream member that carried it. */
export const DestinationConfiguration = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ExtendedS3'), config: ExtendedS3DestinationConfiguration }),
  z.strictObject({ kind: z.literal('S3'), config: S3DestinationConfiguration }),
  z.strictObject({ kind: z.literal('HttpEndpoint'), config: HttpEndpointDestinationConfiguration }),
  z.strictObject({ kind: z.literal('Amazonopensearchservice'), config: OpenSearchDestinationConfiguration }),
  z.strictObject({ kind: z.literal('Elasticsearch'), config: OpenSearchDestinationConfiguration }),
  z.strictObject({ kind: z.literal('Splunk'), config: SplunkDestinationConfiguration }),
  z.strictObject({ kind: z.literal('Redshift'), config: RedshiftDestinationConfiguration }),
]);
export type DestinationConfiguration = z.infer<typeof DestinationConfiguration>;
export type DestinationKind = DestinationConfiguration['kind'];

/** What a delivery pipeline needs to know about its delivery stream besides the destination. */
export const DeliveryStreamIdentity = z.strictObject({
  DeliveryStreamName: z.string().min(1).max(64).regex(/^[a-zA-Z0-9_.-]+$/),
  DeliveryStreamARN: z.string(),
  /** VersionId, as a number: it appears in S3 object names. */
  version: z.number().int().min(1),
  region: z.string(),
  /** KinesisStreamAsSource only: the Lambda event carries it and each record's kinesisRecordMetadata. */
  sourceKinesisStreamArn: z.string().optional(),
});
export type DeliveryStreamIdentity = z.infer<typeof DeliveryStreamIdentity>;

export const DeliveryPipelineConfig = z.strictObject({ stream: DeliveryStreamIdentity, destination: DestinationConfiguration });
export type DeliveryPipelineConfig = z.infer<typeof DeliveryPipelineConfig>;
