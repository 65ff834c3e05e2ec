import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';
import { asRowConfig, storedConfig } from '../streams/deliveryStream';

export const rules = t.struct({ DeliveryStreamName: deliveryStreamName });

export const StopDeliveryStreamEncryption = defineAction('StopDeliveryStreamEncryption', rules, (ctx, input) => {
  const { firehose } = ctx;
  const row = firehose.require(ctx.region, input.DeliveryStreamName);
  firehose.requireActive(row);
  if (row.type !== 'DirectPut') throw invalidArgument(`Encryption is not supported for delivery streams of type ${row.type}.`);
  const { encryption: _off, ...rest } = storedConfig(row);
  firehose.store.setConfig(row.id, asRowConfig(rest), row.version, row.updatedMs ?? row.createdMs);
  return {};
});
