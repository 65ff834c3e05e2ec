import { invalidArgument, inUse, limitExceeded } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { asRowConfig, streamIdentity, type StoredConfig } from '../streams/deliveryStream';
import { checkDestination, CREATE_MEMBERS, pickDestination, UNEMULATED_MEMBERS } from '../streams/destinations';
import { checkEncryptionInput, deliveryStreamName, encryptionInput, tagList } from '../streams/commonRules';

const destinationMembers = Object.fromEntries([...Object.keys(CREATE_MEMBERS), ...UNEMULATED_MEMBERS.filter((name) => name.endsWith('Configuration'))].map((name) => [name, t.document()]));

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  DeliveryStreamType: t.enum(['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource']),
  DirectPutSourceConfiguration: t.struct({ ThroughputHintInMBs: t.integer({ min: 1, max: 100, required: true }) }),
  KinesisStreamSourceConfiguration: t.struct({
    KinesisStreamARN: t.string({ min: 1, max: 512, pattern: 'arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+', required: true }),
    RoleARN: t.string({ min: 1, max: 512, pattern: 'arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+', required: true }),
  }),
  DeliveryStreamEncryptionConfigurationInput: encryptionInput,
  Tags: tagList,
  ...destinationMembers,
});

/** AWS's default quota of delivery streams per region. */
export const MAX_DELIVERY_STREAMS = 5000;

export const CreateDeliveryStream = defineAction('CreateDeliveryStream', rules, (ctx, input) => {
  const { firehose } = ctx;
  const type = input.DeliveryStreamType ?? 'DirectPut';
  const name = input.DeliveryStreamName;
  if (type === 'MSKAsSource' || type === 'DatabaseAsSource') throw invalidArgument(`DeliveryStreamType ${type} is not emulated by the local engine.`);
  if (type === 'KinesisStreamAsSource' && !input.KinesisStreamSourceConfiguration) {
    throw invalidArgument('KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
  }
  if (type === 'DirectPut' && input.KinesisStreamSourceConfiguration) {
    throw invalidArgument('KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is KinesisStreamAsSource.');
  }
  if (type !== 'DirectPut' && input.DeliveryStreamEncryptionConfigurationInput) {
    throw invalidArgument('Encryption is only supported for DirectPut delivery streams.');
  }
  const encryption = input.DeliveryStreamEncryptionConfigurationInput;
  if (encryption) checkEncryptionInput(encryption);
  for (const tag of input.Tags ?? []) if (tag.Key.startsWith('aws:')) throw invalidArgument(`Tag key ${tag.Key} must not start with aws:.`);

  const picked = pickDestination(input, CREATE_MEMBERS);
  const destination = { kind: picked.kind, config: picked.config };
  const arn = firehose.arn(ctx.region, name);
  checkDestination(picked.member, destination, streamIdentity({ name, arn, version: 1, region: ctx.region }, {
    destination,
    ...(input.KinesisStreamSourceConfiguration ? { source: { ...input.KinesisStreamSourceConfiguration, startMs: ctx.now } } : {}),
  }));

  if (firehose.find(ctx.region, name)) throw inUse(`Firehose ${name} under account ${ctx.accountId} already exists.`);
  if (firehose.store.streamsIn(ctx.region).length >= MAX_DELIVERY_STREAMS) {
    throw limitExceeded(`You have already consumed your limit of ${MAX_DELIVERY_STREAMS} delivery streams in this region.`);
  }
  const config: StoredConfig = {
    destination,
    ...(input.KinesisStreamSourceConfiguration ? { source: { ...input.KinesisStreamSourceConfiguration, startMs: ctx.now } } : {}),
    ...(input.DirectPutSourceConfiguration ? { directPut: input.DirectPutSourceConfiguration } : {}),
    ...(encryption ? { encryption } : {}),
  };
  const id = firehose.store.transaction(() => {
    const rowId = firehose.store.insertStream({
      region: ctx.region, name, arn, type, status: 'CREATING', statusDueMs: null, createdMs: ctx.now, updatedMs: null, version: 1, config: asRowConfig(config),
    });
    if (input.Tags) firehose.store.setTags(rowId, input.Tags);
    return rowId;
  });
  firehose.beginTransition(id, 'CREATING', ctx.config.createDelayMs);
  return { DeliveryStreamARN: arn };
});
