// The create wizard's form, and the CreateDeliveryStream request it makes: exactly the JSON the wizard shows and
// sends. Validated with the contract's schemas (the delivery core's own), so a mistake is named before sending;
// what only the engine knows (prefix rules, buffering rules) comes back as its error text.
import { CreateDeliveryStreamRequest, DeliveryStreamName } from '../../../shared/contract/firehose';
import type { Processor } from '../../../shared/contract/firehoseConfig';

export const DESTINATIONS = [
  { id: 'ExtendedS3', label: 'Extended S3' },
  { id: 'S3', label: 'S3' },
  { id: 'HttpEndpoint', label: 'HTTP endpoint' },
  { id: 'OpenSearch', label: 'OpenSearch' },
  { id: 'Splunk', label: 'Splunk' },
  { id: 'Redshift', label: 'Redshift' },
] as const;
export type WizardDestination = (typeof DESTINATIONS)[number]['id'];

export const COMPRESSIONS = ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'] as const;

export interface WizardForm {
  name: string;
  source: 'DirectPut' | 'KinesisStreamAsSource';
  sourceStream: string;
  destination: WizardDestination;
  bucket: string;
  prefix: string;
  errorPrefix: string;
  /** Empty: the destination's default. */
  sizeInMBs: string;
  intervalInSeconds: string;
  compression: (typeof COMPRESSIONS)[number];
  appendDelimiter: boolean;
  deaggregation: '' | 'JSON' | 'DELIMITED';
  deaggregationDelimiter: string;
  metadataQuery: string;
  dynamicPartitioning: boolean;
  lambdaArn: string;
  lambdaModulePath: string;
  url: string;
  accessKey: string;
  clusterEndpoint: string;
  indexName: string;
  indexRotation: 'NoRotation' | 'OneHour' | 'OneDay' | 'OneWeek' | 'OneMonth';
  hecEndpoint: string;
  hecType: 'Raw' | 'Event';
  hecToken: string;
  jdbcUrl: string;
  table: string;
  copyOptions: string;
  username: string;
  password: string;
}

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/firehose-local';

export function emptyForm(): WizardForm {
  return {
    name: '',
    source: 'DirectPut',
    sourceStream: '',
    destination: 'ExtendedS3',
    bucket: 'local-bucket',
    prefix: '',
    errorPrefix: '',
    sizeInMBs: '',
    intervalInSeconds: '',
    compression: 'UNCOMPRESSED',
    appendDelimiter: true,
    deaggregation: '',
    deaggregationDelimiter: '',
    metadataQuery: '',
    dynamicPartitioning: false,
    lambdaArn: '',
    lambdaModulePath: '',
    url: 'http://127.0.0.1:8080/',
    accessKey: '',
    clusterEndpoint: 'http://127.0.0.1:9200',
    indexName: 'records',
    indexRotation: 'OneDay',
    hecEndpoint: 'http://127.0.0.1:8088',
    hecType: 'Raw',
    hecToken: '',
    jdbcUrl: 'jdbc:redshift://example.redshift.amazonaws.com:5439/dev',
    table: 'events',
    copyOptions: "JSON 'auto'",
    username: 'firehose',
    password: '',
  };
}

const intOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

function buffering(form: WizardForm): { SizeInMBs?: number; IntervalInSeconds?: number } | undefined {
  const size = intOrUndefined(form.sizeInMBs);
  const interval = intOrUndefined(form.intervalInSeconds);
  if (size === undefined && interval === undefined) return undefined;
  return { ...(size !== undefined ? { SizeInMBs: size } : {}), ...(interval !== undefined ? { IntervalInSeconds: interval } : {}) };
}

function processors(form: WizardForm): Processor[] {
  const list: Processor[] = [];
  if (form.deaggregation)
    list.push({
      Type: 'RecordDeAggregation',
      Parameters: [{ ParameterName: 'SubRecordType', ParameterValue: form.deaggregation }, ...(form.deaggregation === 'DELIMITED' && form.deaggregationDelimiter ? [{ ParameterName: 'Delimiter' as const, ParameterValue: btoa(form.deaggregationDelimiter) }] : [])],
    });
  if (form.lambdaArn.trim()) list.push({ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: form.lambdaArn.trim() }] });
  if (form.metadataQuery.trim())
    list.push({ Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: form.metadataQuery.trim() }, { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }] });
  if (form.appendDelimiter) list.push({ Type: 'AppendDelimiterToRecord' });
  return list;
}

function s3Config(form: WizardForm, withCompression = true) {
  const hints = buffering(form);
  return {
    RoleARN: ROLE_ARN,
    BucketARN: `arn:aws:s3:::${form.bucket.trim()}`,
    ...(form.prefix ? { Prefix: form.prefix } : {}),
    ...(form.errorPrefix ? { ErrorOutputPrefix: form.errorPrefix } : {}),
    ...(hints ? { BufferingHints: hints } : {}),
    ...(withCompression && form.compression !== 'UNCOMPRESSED' ? { CompressionFormat: form.compression } : {}),
  };
}

/** The backup/intermediate S3 of the non-S3 destinations: the bucket, no prefix expressions. */
function backupS3(form: WizardForm) {
  return { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${form.bucket.trim()}`, ...(form.errorPrefix ? { ErrorOutputPrefix: form.errorPrefix } : {}) };
}

function processing(form: WizardForm) {
  const list = processors(form);
  return list.length ? { ProcessingConfiguration: { Enabled: true, Processors: list } } : {};
}

/** The request as JSON-ready data; not yet validated. */
export function buildRequest(form: WizardForm, region: string): Record<string, unknown> {
  const hints = buffering(form);
  const base: Record<string, unknown> = {
    DeliveryStreamName: form.name.trim(),
    DeliveryStreamType: form.source,
    ...(form.source === 'KinesisStreamAsSource' ? { KinesisStreamSourceConfiguration: { KinesisStreamARN: `arn:aws:kinesis:${region}:000000000000:stream/${form.sourceStream}`, RoleARN: ROLE_ARN } } : {}),
  };
  switch (form.destination) {
    case 'S3':
      return { ...base, S3DestinationConfiguration: s3Config(form) };
    case 'ExtendedS3':
      return {
        ...base,
        ExtendedS3DestinationConfiguration: {
          ...s3Config(form),
          ...processing(form),
          ...(form.dynamicPartitioning ? { DynamicPartitioningConfiguration: { Enabled: true } } : {}),
        },
      };
    case 'HttpEndpoint':
      return {
        ...base,
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: { Url: form.url.trim(), ...(form.accessKey ? { AccessKey: form.accessKey } : {}) },
          ...(hints ? { BufferingHints: hints } : {}),
          RequestConfiguration: { ContentEncoding: form.compression === 'GZIP' ? 'GZIP' : 'NONE' },
          ...processing(form),
          S3Configuration: backupS3(form),
        },
      };
    case 'OpenSearch':
      return {
        ...base,
        AmazonopensearchserviceDestinationConfiguration: {
          RoleARN: ROLE_ARN,
          ClusterEndpoint: form.clusterEndpoint.trim(),
          IndexName: form.indexName.trim(),
          IndexRotationPeriod: form.indexRotation,
          ...(hints ? { BufferingHints: hints } : {}),
          ...processing(form),
          S3Configuration: backupS3(form),
        },
      };
    case 'Splunk':
      return {
        ...base,
        SplunkDestinationConfiguration: {
          HECEndpoint: form.hecEndpoint.trim(),
          HECEndpointType: form.hecType,
          HECToken: form.hecToken,
          ...(hints ? { BufferingHints: hints } : {}),
          ...processing(form),
          S3Configuration: backupS3(form),
        },
      };
    case 'Redshift':
      return {
        ...base,
        RedshiftDestinationConfiguration: {
          RoleARN: ROLE_ARN,
          ClusterJDBCURL: form.jdbcUrl.trim(),
          CopyCommand: { DataTableName: form.table.trim(), ...(form.copyOptions ? { CopyOptions: form.copyOptions } : {}) },
          Username: form.username,
          Password: form.password,
          ...processing(form),
          S3Configuration: { ...s3Config(form), ErrorOutputPrefix: undefined },
        },
      };
  }
}

export interface Checked {
  request: CreateDeliveryStreamRequest | null;
  problems: string[];
  nameProblem: string | null;
}

/** The schema's verdict, in words a user can act on (member path, then what is wrong). */
export function checkRequest(form: WizardForm, region: string): Checked {
  const name = DeliveryStreamName.safeParse(form.name.trim());
  const nameProblem = name.success ? null : (name.error.issues[0]?.message ?? 'Invalid name');
  const problems: string[] = [];
  if (form.source === 'KinesisStreamAsSource' && !form.sourceStream) problems.push('Pick the Kinesis stream to read from.');
  if (form.lambdaModulePath.trim() && !form.lambdaArn.trim()) problems.push('A local module stands for a Lambda function: give its ARN too.');
  for (const text of [form.sizeInMBs, form.intervalInSeconds]) if (text.trim() && !/^\d+$/.test(text.trim())) problems.push(`Buffering hints are whole numbers (not “${text}”).`);
  const parsed = CreateDeliveryStreamRequest.safeParse(JSON.parse(JSON.stringify(buildRequest(form, region))));
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
  return { request: parsed.success && problems.length === 0 ? parsed.data : null, problems: [...new Set(problems)], nameProblem };
}
