// A delivery stream's one destination: which API member carries it (…DestinationConfiguration on create,
// …DestinationUpdate on UpdateDestination), its check against the service model's shapes, the merge rules of
// UpdateDestination, and the Describe description with AWS's defaults filled in.
import type { ZodIssue } from 'zod';
import { invalidArgument, KinesisError, validationError } from '../../core/errors';
import { checkDeliveryConfig, DeliveryConfigError, DestinationConfiguration, DEFAULT_HINTS, type DeliveryStreamIdentity } from '../delivery';

export type DestinationKind = DestinationConfiguration['kind'];

/** The destination as stored: the member's JSON as the caller sent it (Describe echoes members delivery ignores). */
export interface StoredDestination {
  kind: DestinationKind;
  config: Record<string, unknown>;
}

/** CreateDeliveryStream's destination members, in the model's order, and the kind each gives. */
export const CREATE_MEMBERS = {
  S3DestinationConfiguration: 'S3',
  ExtendedS3DestinationConfiguration: 'ExtendedS3',
  RedshiftDestinationConfiguration: 'Redshift',
  ElasticsearchDestinationConfiguration: 'Elasticsearch',
  AmazonopensearchserviceDestinationConfiguration: 'Amazonopensearchservice',
  SplunkDestinationConfiguration: 'Splunk',
  HttpEndpointDestinationConfiguration: 'HttpEndpoint',
} as const satisfies Record<string, DestinationKind>;

export const UPDATE_MEMBERS = {
  S3DestinationUpdate: 'S3',
  ExtendedS3DestinationUpdate: 'ExtendedS3',
  RedshiftDestinationUpdate: 'Redshift',
  ElasticsearchDestinationUpdate: 'Elasticsearch',
  AmazonopensearchserviceDestinationUpdate: 'Amazonopensearchservice',
  SplunkDestinationUpdate: 'Splunk',
  HttpEndpointDestinationUpdate: 'HttpEndpoint',
} as const satisfies Record<string, DestinationKind>;

/** Destinations the model has that the local engine does not emulate. */
export const UNEMULATED_MEMBERS = [
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationUpdate',
  'SnowflakeDestinationUpdate',
  'IcebergDestinationUpdate',
] as const;

export const DESTINATION_ID = 'destinationId-000000000001';

/** The one destination member given, or AWS's InvalidArgumentException. */
export function pickDestination(input: Readonly<Record<string, unknown>>, members: Readonly<Record<string, DestinationKind>>): { member: string; kind: DestinationKind; config: Record<string, unknown> } {
  const unemulated = UNEMULATED_MEMBERS.find((name) => input[name] !== undefined);
  if (unemulated) throw invalidArgument(`${unemulated} is not emulated by the local engine.`);
  const given = Object.keys(members).filter((name) => input[name] !== undefined);
  const [member] = given;
  if (given.length !== 1 || member === undefined) throw invalidArgument('Exactly one destination configuration is supported for a Firehose');
  const kind = members[member] as DestinationKind;
  const config = input[member];
  if (!isPlainObject(config)) throw invalidArgument('Exactly one destination configuration is supported for a Firehose');
  return { member, kind, config };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function issueText(member: string, issue: ZodIssue, config: Record<string, unknown>): string {
  const path = [lowerFirst(member), ...issue.path.map((part) => (typeof part === 'number' ? `${part + 1}.member` : lowerFirst(String(part))))].join('.');
  let value: unknown = config;
  for (const part of issue.path) value = isPlainObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[String(part)] : undefined;
  if (value === undefined) return `Value null at '${path}' failed to satisfy constraint: Member must not be null`;
  return `Value '${typeof value === 'object' ? JSON.stringify(value) : String(value)}' at '${path}' failed to satisfy constraint: ${issue.message}`;
}

/**
 * Checks a destination against the model's shapes (ValidationException, AWS's wording) and CreateDeliveryStream's
 * further rules (InvalidArgumentException), for the stream it would belong to.
 */
export function checkDestination(member: string, destination: StoredDestination, stream: DeliveryStreamIdentity): void {
  const parsed = DestinationConfiguration.safeParse(destination);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((issue) => issueText(member, { ...issue, path: issue.path.slice(1) }, destination.config));
    throw validationError(`${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${issues.join('; ')}`);
  }
  try {
    checkDeliveryConfig({ stream, destination: parsed.data });
  } catch (error) {
    if (error instanceof DeliveryConfigError) throw new KinesisError(error.code, error.message);
    throw error;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** UpdateDestination's merge for the same destination type: given members replace, structures merge, the rest stays. */
export function mergeConfig(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === null || value === undefined) continue;
    const was = out[key];
    out[key] = isPlainObject(was) && isPlainObject(value) ? mergeConfig(was, value) : value;
  }
  return out;
}

/** S3 and Extended S3 are one destination type for UpdateDestination's merge (AWS mirrors one as the other). */
export function sameFamily(a: DestinationKind, b: DestinationKind): boolean {
  const family = (kind: DestinationKind) => (kind === 'S3' ? 'ExtendedS3' : kind === 'Elasticsearch' ? 'Amazonopensearchservice' : kind);
  return family(a) === family(b);
}

// ---- Describe ----------------------------------------------------------------------------------------------

const NO_LOGGING = { Enabled: false };

function s3Description(config: Record<string, unknown>, hints = DEFAULT_HINTS.S3): Record<string, unknown> {
  return {
    RoleARN: config.RoleARN,
    BucketARN: config.BucketARN,
    Prefix: config.Prefix ?? '',
    ...(config.ErrorOutputPrefix !== undefined ? { ErrorOutputPrefix: config.ErrorOutputPrefix } : {}),
    BufferingHints: { ...hints, ...(config.BufferingHints as object | undefined) },
    CompressionFormat: config.CompressionFormat ?? 'UNCOMPRESSED',
    EncryptionConfiguration: config.EncryptionConfiguration ?? { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: config.CloudWatchLoggingOptions ?? NO_LOGGING,
  };
}

function withS3Backup(config: Record<string, unknown>): Record<string, unknown> {
  const { S3Configuration: s3, S3BackupConfiguration: backup, ...rest } = config;
  return {
    ...rest,
    ...(isPlainObject(s3) ? { S3DestinationDescription: s3Description(s3) } : {}),
    ...(isPlainObject(backup) ? { S3BackupDescription: s3Description(backup) } : {}),
  };
}

/** One entry of DeliveryStreamDescription.Destinations, as AWS fills it in. */
export function describeDestination(destination: StoredDestination): Record<string, unknown> {
  const c = destination.config;
  const hints = { ...DEFAULT_HINTS[destination.kind], ...(c.BufferingHints as object | undefined) };
  switch (destination.kind) {
    case 'S3':
    case 'ExtendedS3': {
      const plain = s3Description(c);
      if (destination.kind === 'S3') return { DestinationId: DESTINATION_ID, S3DestinationDescription: plain };
      const { S3BackupConfiguration: backup, ...rest } = c;
      const extended = {
        ...rest,
        ...plain,
        ProcessingConfiguration: c.ProcessingConfiguration ?? { Enabled: false, Processors: [] },
        S3BackupMode: c.S3BackupMode ?? 'Disabled',
        ...(isPlainObject(backup) ? { S3BackupDescription: s3Description(backup) } : {}),
        DataFormatConversionConfiguration: c.DataFormatConversionConfiguration ?? { Enabled: false },
        ...(isPlainObject(c.DynamicPartitioningConfiguration)
          ? { DynamicPartitioningConfiguration: { RetryOptions: { DurationInSeconds: 300 }, ...c.DynamicPartitioningConfiguration } }
          : {}),
      };
      // AWS mirrors the Extended S3 destination as a plain S3 one.
      return { DestinationId: DESTINATION_ID, S3DestinationDescription: plain, ExtendedS3DestinationDescription: extended };
    }
    case 'HttpEndpoint': {
      const endpoint = isPlainObject(c.EndpointConfiguration) ? c.EndpointConfiguration : {};
      return {
        DestinationId: DESTINATION_ID,
        HttpEndpointDestinationDescription: {
          ...withS3Backup(c),
          // The access key is never returned.
          EndpointConfiguration: { Url: endpoint.Url, ...(endpoint.Name !== undefined ? { Name: endpoint.Name } : {}) },
          BufferingHints: hints,
          CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? NO_LOGGING,
          RequestConfiguration: { ContentEncoding: 'NONE', ...(c.RequestConfiguration as object | undefined) },
          ProcessingConfiguration: c.ProcessingConfiguration ?? { Enabled: false, Processors: [] },
          RetryOptions: c.RetryOptions ?? { DurationInSeconds: 300 },
          S3BackupMode: c.S3BackupMode ?? 'FailedDataOnly',
        },
      };
    }
    case 'Amazonopensearchservice':
    case 'Elasticsearch':
      return {
        DestinationId: DESTINATION_ID,
        [`${destination.kind === 'Elasticsearch' ? 'Elasticsearch' : 'Amazonopensearchservice'}DestinationDescription`]: {
          ...withS3Backup(c),
          IndexRotationPeriod: c.IndexRotationPeriod ?? 'OneDay',
          BufferingHints: hints,
          RetryOptions: c.RetryOptions ?? { DurationInSeconds: 300 },
          S3BackupMode: c.S3BackupMode ?? 'FailedDocumentsOnly',
          CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? NO_LOGGING,
        },
      };
    case 'Splunk':
      return {
        DestinationId: DESTINATION_ID,
        SplunkDestinationDescription: {
          ...withS3Backup(c),
          HECAcknowledgmentTimeoutInSeconds: c.HECAcknowledgmentTimeoutInSeconds ?? 180,
          RetryOptions: c.RetryOptions ?? { DurationInSeconds: 3600 },
          S3BackupMode: c.S3BackupMode ?? 'FailedEventsOnly',
          BufferingHints: hints,
          CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? NO_LOGGING,
        },
      };
    case 'Redshift': {
      // The password is never returned.
      const { Password: _password, ...rest } = c;
      return {
        DestinationId: DESTINATION_ID,
        RedshiftDestinationDescription: {
          ...withS3Backup(rest),
          RetryOptions: c.RetryOptions ?? { DurationInSeconds: 3600 },
          S3BackupMode: c.S3BackupMode ?? 'Disabled',
          CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? NO_LOGGING,
        },
      };
    }
  }
}
