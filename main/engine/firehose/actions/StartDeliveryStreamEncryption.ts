import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';
import { asRowConfig, storedConfig } from '../streams/deliveryStream';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  DeliveryStreamEncryptionConfigurationInput: t.struct({
    KeyARN: t.string({ min: 1, max: 512, pattern: 'arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+' }),
    KeyType: t.enum(['AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'], { required: true }),
  }),
});

// Encryption takes effect at once locally (AWS passes through ENABLING for a few seconds); nothing is encrypted on
// disk, the status only tells clients what AWS would report.
export const StartDeliveryStreamEncryption = defineAction('StartDeliveryStreamEncryption', rules, (ctx, input) => {
  const { firehose } = ctx;
  const row = firehose.require(ctx.region, input.DeliveryStreamName);
  firehose.requireActive(row);
  if (row.type !== 'DirectPut') throw invalidArgument(`Encryption is not supported for delivery streams of type ${row.type}.`);
  const encryption = input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: 'AWS_OWNED_CMK' as const };
  if (encryption.KeyType === 'CUSTOMER_MANAGED_CMK' && !encryption.KeyARN) throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
  if (encryption.KeyType === 'AWS_OWNED_CMK' && encryption.KeyARN) throw invalidArgument('KeyARN must not be given when KeyType is AWS_OWNED_CMK.');
  const config = storedConfig(row);
  firehose.store.setConfig(row.id, asRowConfig({ ...config, encryption }), row.version, row.updatedMs ?? row.createdMs);
  return {};
});
