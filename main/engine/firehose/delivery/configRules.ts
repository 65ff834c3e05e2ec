// The checks CreateDeliveryStream makes on a destination beyond the shapes' own constraints: prefix expression
// rules, buffering hints, processor parameters, the endpoint URL, Redshift's compression. Each failure is an
// InvalidArgumentException with AWS's wording where it is known.
import { checkHints } from './buffering/hints';
import type { DeliveryPipelineConfig, S3DestinationConfiguration } from './config/schemas';
import { checkEndpointUrl } from './http/endpointUrl';
import { checkJqQuery, JqQueryError } from './processors/metadataExtraction';
import { readProcessorChain } from './processors/chain';
import { checkPrefixRules } from './s3/prefixExpressions';
import { isKnownTimeZone } from './s3/zonedTime';

export class DeliveryConfigError extends Error {
  constructor(readonly code: 'InvalidArgumentException' | 'ValidationException', message: string) {
    super(message);
    this.name = 'DeliveryConfigError';
  }
}

function invalid(message: string | undefined): void {
  if (message) throw new DeliveryConfigError('InvalidArgumentException', message);
}

// The S3Configuration of the HTTP endpoint, OpenSearch and Splunk destinations is their S3 backup, as is an
// S3BackupConfiguration; Redshift's S3Configuration is its intermediate bucket.
function checkPlainS3(s3: S3DestinationConfiguration, role: 'backup' | 'intermediate'): void {
  checkPrefixRules({ prefix: s3.Prefix, errorOutputPrefix: s3.ErrorOutputPrefix, dynamicPartitioning: false, redshift: role === 'intermediate' });
  invalid(checkHints(s3.BufferingHints, { backup: role === 'backup' }));
}

function rethrow(error: unknown): never {
  if (error instanceof Error && 'code' in error && error.code === 'InvalidArgumentException') throw new DeliveryConfigError('InvalidArgumentException', error.message);
  throw error;
}

/** The synchronous checks; throws DeliveryConfigError. */
export function checkDeliveryConfig(config: DeliveryPipelineConfig): void {
  try {
    const d = config.destination;
    switch (d.kind) {
      case 'ExtendedS3':
      case 'S3': {
        const ext = d.kind === 'ExtendedS3' ? d.config : undefined;
        const dynamic = ext?.DynamicPartitioningConfiguration?.Enabled === true;
        const chain = readProcessorChain(ext?.ProcessingConfiguration);
        const processors = [...(chain.lambda ? ['Lambda'] : []), ...(chain.metadataQuery ? ['MetadataExtraction'] : [])];
        checkPrefixRules({ prefix: d.config.Prefix, errorOutputPrefix: d.config.ErrorOutputPrefix, dynamicPartitioning: dynamic, processors });
        invalid(checkHints(d.config.BufferingHints, { dynamicPartitioning: dynamic }));
        if (ext?.CustomTimeZone && !isKnownTimeZone(ext.CustomTimeZone)) invalid(`CustomTimeZone '${ext.CustomTimeZone}' is not a valid time zone.`);
        if (ext?.DataFormatConversionConfiguration?.Enabled) invalid('Record format conversion (DataFormatConversionConfiguration) is not emulated by the local delivery.');
        if (ext?.S3BackupMode === 'Enabled' && !ext.S3BackupConfiguration) invalid('S3BackupConfiguration is required when S3BackupMode is Enabled.');
        if (ext?.S3BackupConfiguration) checkPlainS3(ext.S3BackupConfiguration, 'backup');
        break;
      }
      case 'HttpEndpoint':
        readProcessorChain(d.config.ProcessingConfiguration);
        invalid(checkEndpointUrl(d.config.EndpointConfiguration.Url, 'httpEndpointDestinationConfiguration.endpointConfiguration.url'));
        invalid(checkHints(d.config.BufferingHints, {}));
        checkPlainS3(d.config.S3Configuration, 'backup');
        break;
      case 'Amazonopensearchservice':
      case 'Elasticsearch':
        readProcessorChain(d.config.ProcessingConfiguration);
        if (!d.config.DomainARN === !d.config.ClusterEndpoint) invalid('Exactly one of DomainARN or ClusterEndpoint must be specified.');
        if (d.config.ClusterEndpoint) invalid(checkEndpointUrl(d.config.ClusterEndpoint, 'clusterEndpoint'));
        invalid(checkHints(d.config.BufferingHints, {}));
        checkPlainS3(d.config.S3Configuration, 'backup');
        break;
      case 'Splunk':
        readProcessorChain(d.config.ProcessingConfiguration);
        invalid(checkEndpointUrl(d.config.HECEndpoint, 'splunkDestinationConfiguration.hECEndpoint'));
        invalid(checkHints(d.config.BufferingHints, {}));
        checkPlainS3(d.config.S3Configuration, 'backup');
        break;
      case 'Redshift': {
        readProcessorChain(d.config.ProcessingConfiguration);
        checkPlainS3(d.config.S3Configuration, 'intermediate');
        const compression = d.config.S3Configuration.CompressionFormat;
        if (compression === 'Snappy' || compression === 'ZIP' || compression === 'HADOOP_SNAPPY') {
          invalid(`CompressionFormat ${compression} is not supported for the Redshift destination's S3 configuration.`);
        }
        if (d.config.S3BackupConfiguration) checkPlainS3(d.config.S3BackupConfiguration, 'backup');
        break;
      }
    }
  } catch (error) {
    rethrow(error);
  }
}

/** All the checks, including compiling a MetadataExtraction query with jq. */
export async function validateDeliveryConfig(config: DeliveryPipelineConfig): Promise<void> {
  checkDeliveryConfig(config);
  const d = config.destination;
  const query = d.kind === 'S3' ? undefined : readProcessorChain(d.config.ProcessingConfiguration).metadataQuery;
  if (query === undefined) return;
  try {
    await checkJqQuery(query);
  } catch (error) {
    if (error instanceof JqQueryError) throw new DeliveryConfigError('InvalidArgumentException', `The MetadataExtractionQuery is not a valid JQ expression: ${error.message}`);
    throw error;
  }
}
