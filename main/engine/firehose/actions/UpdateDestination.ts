import { invalidArgument, KinesisError } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';
import { asRowConfig, storedConfig, streamIdentity } from '../streams/deliveryStream';
import { checkDestination, DESTINATION_ID, mergeConfig, pickDestination, sameFamily, UNEMULATED_MEMBERS, UPDATE_MEMBERS } from '../streams/destinations';

const destinationMembers = Object.fromEntries([...Object.keys(UPDATE_MEMBERS), ...UNEMULATED_MEMBERS.filter((name) => name.endsWith('Update'))].map((name) => [name, t.document()]));

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  CurrentDeliveryStreamVersionId: t.string({ min: 1, max: 50, pattern: '[0-9]+', required: true }),
  DestinationId: t.string({ min: 1, max: 100, pattern: '[a-zA-Z0-9-]+', required: true }),
  ...destinationMembers,
});

/** One-way switches: a backup mode that was enabled stays enabled. */
function checkOneWay(before: Record<string, unknown>, after: Record<string, unknown>): void {
  if (before.S3BackupMode === 'Enabled' && after.S3BackupMode === 'Disabled') throw invalidArgument('S3BackupMode cannot be disabled once enabled.');
  if (before.S3BackupMode === 'AllEvents' && after.S3BackupMode === 'FailedEventsOnly') throw invalidArgument('S3BackupMode cannot be changed from AllEvents to FailedEventsOnly.');
  const wasDynamic = (before.DynamicPartitioningConfiguration as { Enabled?: boolean } | undefined)?.Enabled === true;
  const isDynamic = (after.DynamicPartitioningConfiguration as { Enabled?: boolean } | undefined)?.Enabled === true;
  if (wasDynamic !== isDynamic) throw invalidArgument('Dynamic partitioning can only be enabled when the delivery stream is created, and cannot be disabled.');
}

export const UpdateDestination = defineAction('UpdateDestination', rules, (ctx, input) => {
  const { firehose } = ctx;
  const row = firehose.require(ctx.region, input.DeliveryStreamName);
  firehose.requireActive(row);
  if (input.CurrentDeliveryStreamVersionId !== String(row.version)) {
    throw new KinesisError('ConcurrentModificationException', 'Another modification has already happened. Fetch VersionId again and use it to update the destination.');
  }
  if (input.DestinationId !== DESTINATION_ID) throw invalidArgument(`Destination ${input.DestinationId} not found for delivery stream ${row.name}.`);
  const update = pickDestination(input, UPDATE_MEMBERS);
  const config = storedConfig(row);
  const current = config.destination;
  const isSearch = (kind: string) => kind === 'Amazonopensearchservice' || kind === 'Elasticsearch';
  if (isSearch(current.kind) !== isSearch(update.kind)) throw invalidArgument('An OpenSearch destination can only be updated to another OpenSearch destination.');
  // The same destination type merges (S3 and Extended S3 count as one, kept Extended); another type replaces.
  const same = sameFamily(current.kind, update.kind);
  const kind = same && current.kind === 'ExtendedS3' ? 'ExtendedS3' : update.kind;
  const merged = same ? mergeConfig(current.config, update.config) : update.config;
  if (same) checkOneWay(current.config, merged);
  const destination = { kind, config: merged };
  const version = row.version + 1;
  checkDestination(update.member, destination, streamIdentity({ ...row, version }, { ...config, destination }));
  firehose.store.setConfig(row.id, asRowConfig({ ...config, destination }), version, ctx.now);
  firehose.changed(row.id);
  return {};
});
