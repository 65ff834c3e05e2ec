// Wires a destination configuration to its delivery code: the delivery itself, the S3 writer for failed records,
// the processors, the S3 backup (if its mode backs up every record), and the partition keys its prefix names.
import type { DestinationConfiguration, S3DestinationConfiguration } from './config/schemas';
import type { DeliveryContext } from './context';
import type { DestinationDelivery } from './destination';
import { httpEndpointDelivery } from './http/httpDelivery';
import type { WeekRule } from './opensearch/indexRotation';
import { openSearchDelivery } from './opensearch/openSearchDelivery';
import { readProcessorChain, type ProcessorChain } from './processors/chain';
import { redshiftDelivery } from './redshift/redshiftDelivery';
import { s3Delivery } from './s3/s3Delivery';
import { S3Writer } from './s3/s3Writer';
import { parsePrefix } from './s3/prefixExpressions';
import { splunkDelivery } from './splunk/splunkDelivery';

export interface PartitionRef {
  namespace: 'partitionKeyFromQuery' | 'partitionKeyFromLambda';
  key: string;
}

export interface DestinationParts {
  delivery: DestinationDelivery;
  /** Where failed records go: the destination's S3 configuration. */
  errors: S3Writer;
  chain: ProcessorChain;
  /** Where every record as it was put is also written, when the backup mode says so. */
  backup?: S3DestinationConfiguration | undefined;
  /** The partition keys the prefix names (dynamic partitioning only). */
  partitionRefs: PartitionRef[];
}

export interface DestinationOptions {
  openSearchEndpoint?: string | undefined;
  weekRule?: WeekRule | undefined;
}

function partitionRefs(prefix: string): PartitionRef[] {
  return parsePrefix(prefix).flatMap((p) => ('namespace' in p && (p.namespace === 'partitionKeyFromQuery' || p.namespace === 'partitionKeyFromLambda') ? [{ namespace: p.namespace, key: p.value }] : []));
}

export function buildDestination(d: DestinationConfiguration, ctx: DeliveryContext, options: DestinationOptions): DestinationParts {
  if (d.kind === 'ExtendedS3' || d.kind === 'S3') {
    const ext = d.kind === 'ExtendedS3' ? d.config : undefined;
    const writer = new S3Writer({ config: d.config, fileExtension: ext?.FileExtension, timeZone: ext?.CustomTimeZone }, ctx);
    return {
      delivery: s3Delivery(writer, ctx),
      errors: writer,
      chain: readProcessorChain(ext?.ProcessingConfiguration),
      backup: ext?.S3BackupMode === 'Enabled' ? ext.S3BackupConfiguration : undefined,
      partitionRefs: ext?.DynamicPartitioningConfiguration?.Enabled ? partitionRefs(d.config.Prefix ?? '') : [],
    };
  }
  const errors = new S3Writer({ config: d.config.S3Configuration }, ctx);
  const common = { errors, chain: readProcessorChain(d.config.ProcessingConfiguration), partitionRefs: [] };
  switch (d.kind) {
    case 'HttpEndpoint':
      return { ...common, delivery: httpEndpointDelivery(d.config, ctx, errors), backup: d.config.S3BackupMode === 'AllData' ? d.config.S3Configuration : undefined };
    case 'Amazonopensearchservice':
    case 'Elasticsearch': {
      const endpoint = d.config.ClusterEndpoint ?? options.openSearchEndpoint;
      if (!endpoint) throw new Error(`The ${d.kind} destination names a DomainARN, which has no URL locally: give the endpoint it stands for (the engine's --opensearch-endpoint).`);
      const delivery = openSearchDelivery(d.config, { kind: d.kind, endpoint, weekRule: options.weekRule ?? 'iso' }, ctx, errors);
      return { ...common, delivery, backup: d.config.S3BackupMode === 'AllDocuments' ? d.config.S3Configuration : undefined };
    }
    case 'Splunk':
      return { ...common, delivery: splunkDelivery(d.config, ctx, errors), backup: d.config.S3BackupMode === 'AllEvents' ? d.config.S3Configuration : undefined };
    case 'Redshift':
      return { ...common, delivery: redshiftDelivery(d.config, ctx, errors), backup: d.config.S3BackupMode === 'Enabled' ? d.config.S3BackupConfiguration : undefined };
  }
}
