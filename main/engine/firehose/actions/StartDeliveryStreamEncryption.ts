import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { checkEncryptionInput, deliveryStreamName, encryptionInput } from '../streams/commonRules';
import { asRowConfig, storedConfig } from '../streams/deliveryStream';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  DeliveryStreamEncryptionConfigurationInput: encryptionInput,
});

// Encryption takes effect at once locally (AWS passes through ENABLING for a few seconds); nothing is encrypted on
// disk, the status only tells clients what AWS would report.
export const StartDeliveryStreamEncryption = defineAction('StartDeliveryStreamEncryption', rules, (ctx, input) => {
  const { firehose } = ctx;
  const row = firehose.require(ctx.region, input.DeliveryStreamName);
  firehose.requireActive(row);
  if (row.type !== 'DirectPut') throw invalidArgument(`Encryption is not supported for delivery streams of type ${row.type}.`);
  const encryption = input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: 'AWS_OWNED_CMK' as const };
  checkEncryptionInput(encryption);
  const config = storedConfig(row);
  firehose.store.setConfig(row.id, asRowConfig({ ...config, encryption }), row.version, row.updatedMs ?? row.createdMs);
  return {};
});
