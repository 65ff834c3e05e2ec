// The configuration schemas (the service model's shapes) and the rules CreateDeliveryStream applies beyond them.
import { describe, expect, it } from 'vitest';
import {
  checkDeliveryConfig, createDeliveryPipeline, DeliveryConfigError, DeliveryPipelineConfig, RecordingSink, validateDeliveryConfig,
  VirtualTimeline, type DestinationConfiguration,
} from '../../main/engine/firehose/delivery';

const stream = { DeliveryStreamName: 'cfg', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/cfg', version: 1, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake' };

function problem(destination: DestinationConfiguration): string {
  try {
    checkDeliveryConfig({ stream, destination });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryConfigError);
    expect((error as DeliveryConfigError).code).toBe('InvalidArgumentException');
    return (error as Error).message;
  }
}

describe('delivery configuration', () => {
  it('parses an AWS request shape, keeping what delivery reads', () => {
    const parsed = DeliveryPipelineConfig.parse({ stream, destination: { kind: 'ExtendedS3', config: {
      ...s3, Prefix: 'p/', BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 }, CompressionFormat: 'GZIP',
      CloudWatchLoggingOptions: { Enabled: false }, EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    } } });
    expect(parsed.destination.config).toEqual({ ...s3, Prefix: 'p/', BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 }, CompressionFormat: 'GZIP' });
    const bad = DeliveryPipelineConfig.safeParse({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, BufferingHints: { SizeInMBs: 129, IntervalInSeconds: 901 }, CompressionFormat: 'LZ4' } } });
    expect(bad.success).toBe(false);
    expect(DeliveryPipelineConfig.safeParse({ stream: { ...stream, DeliveryStreamName: 'bad name' }, destination: { kind: 'S3', config: s3 } }).success).toBe(false);
  });

  it('applies the rules beyond the shapes', () => {
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, Prefix: 'a/!{timestamp:yyyy}/' } })).toMatch(/ErrorOutputPrefix cannot be null or empty when Prefix contains expressions/);
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, DataFormatConversionConfiguration: { Enabled: true } } })).toMatch(/not emulated/);
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, CustomTimeZone: 'Mars/Olympus' } })).toMatch(/not a valid time zone/);
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, S3BackupMode: 'Enabled' } })).toMatch(/S3BackupConfiguration is required/);
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'CloudWatchLogProcessing' }] } } })).toMatch(/not emulated/);
    expect(problem({ kind: 'Amazonopensearchservice', config: { RoleARN: s3.RoleARN, IndexName: 'i', S3Configuration: s3 } })).toMatch(/Exactly one of DomainARN or ClusterEndpoint/);
    expect(problem({ kind: 'Redshift', config: { RoleARN: s3.RoleARN, ClusterJDBCURL: 'jdbc:redshift://c.x.us-east-1.redshift.amazonaws.com:5439/db', CopyCommand: { DataTableName: 't' }, S3Configuration: { ...s3, CompressionFormat: 'Snappy' } } })).toMatch(/not supported for the Redshift/);
    expect(problem({ kind: 'Splunk', config: { HECEndpoint: 'http://splunk.example.com:8088', HECEndpointType: 'Raw', S3Configuration: s3 } })).toMatch(/Member must satisfy regular expression pattern: https:\/\/\.\*/);
    expect(problem({ kind: 'HttpEndpoint', config: { EndpointConfiguration: { Url: 'https://example.com' }, S3Configuration: { ...s3, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } } } })).toMatch(/S3 backup/);
    expect(problem({ kind: 'ExtendedS3', config: { ...s3, Prefix: 'ok/' } })).toBe('ok');
  });

  it('compiles the MetadataExtraction query when validating', async () => {
    const destination = (query: string): DestinationConfiguration => ({ kind: 'ExtendedS3', config: {
      ...s3, Prefix: 'k=!{partitionKeyFromQuery:k}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/', DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: query }] }] },
    } });
    await expect(validateDeliveryConfig({ stream, destination: destination('{k: .k}') })).resolves.toBeUndefined();
    await expect(validateDeliveryConfig({ stream, destination: destination('{k: .k') })).rejects.toThrow(/is not a valid JQ expression/);
  });

  it('refuses records once closed', async () => {
    const p = createDeliveryPipeline({ stream, destination: { kind: 'S3', config: s3 } }, { sink: new RecordingSink(), timeline: new VirtualTimeline(0) });
    await p.close();
    expect(() => p.put([{ data: new Uint8Array(1) }])).toThrow(/closed/);
  });
});
