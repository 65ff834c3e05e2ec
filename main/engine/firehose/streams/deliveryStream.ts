// What a delivery stream row holds in its config column, the identity delivery needs, and the
// DeliveryStreamDescription Describe returns.
import type { DeliveryStreamRow } from '../../../storage/firehoseStore';
import type { WireEncoder } from '../../core/wire';
import type { DeliveryStreamIdentity } from '../delivery';
import { describeDestination, type StoredDestination } from './destinations';

export interface StoredSource {
  KinesisStreamARN: string;
  RoleARN: string;
  /** When delivery from the source started (DeliveryStartTimestamp), epoch ms. */
  startMs: number;
}

export interface StoredEncryption {
  KeyType: 'AWS_OWNED_CMK' | 'CUSTOMER_MANAGED_CMK';
  KeyARN?: string;
}

export interface StoredConfig {
  destination: StoredDestination;
  source?: StoredSource;
  directPut?: { ThroughputHintInMBs: number };
  encryption?: StoredEncryption;
}

export function storedConfig(row: DeliveryStreamRow): StoredConfig {
  return row.config as unknown as StoredConfig;
}

export function asRowConfig(config: StoredConfig): Record<string, unknown> {
  return config as unknown as Record<string, unknown>;
}

/** What a delivery pipeline knows of its stream. */
export function streamIdentity(row: Pick<DeliveryStreamRow, 'name' | 'arn' | 'version' | 'region'>, config: StoredConfig): DeliveryStreamIdentity {
  return {
    DeliveryStreamName: row.name,
    DeliveryStreamARN: row.arn,
    version: row.version,
    region: row.region,
    ...(config.source ? { sourceKinesisStreamArn: config.source.KinesisStreamARN } : {}),
  };
}

function encryptionDescription(encryption: StoredEncryption | undefined): Record<string, unknown> {
  if (!encryption) return { Status: 'DISABLED' };
  return { ...(encryption.KeyARN ? { KeyARN: encryption.KeyARN } : {}), KeyType: encryption.KeyType, Status: 'ENABLED' };
}

export function describeDeliveryStream(row: DeliveryStreamRow, wire: WireEncoder): Record<string, unknown> {
  const config = storedConfig(row);
  const source = config.source
    ? { Source: { KinesisStreamSourceDescription: { KinesisStreamARN: config.source.KinesisStreamARN, RoleARN: config.source.RoleARN, DeliveryStartTimestamp: wire.time(config.source.startMs) } } }
    : config.directPut
      ? { Source: { DirectPutSourceDescription: config.directPut } }
      : {};
  return {
    DeliveryStreamName: row.name,
    DeliveryStreamARN: row.arn,
    DeliveryStreamStatus: row.status,
    DeliveryStreamEncryptionConfiguration: encryptionDescription(config.encryption),
    DeliveryStreamType: row.type,
    VersionId: String(row.version),
    CreateTimestamp: wire.time(row.createdMs),
    ...(row.updatedMs !== null ? { LastUpdateTimestamp: wire.time(row.updatedMs) } : {}),
    ...source,
    Destinations: [describeDestination(config.destination)],
    HasMoreDestinations: false,
  };
}
