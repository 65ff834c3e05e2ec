// Members several Firehose actions share, with the service model's constraints.
import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';

export const DELIVERY_STREAM_NAME = { min: 1, max: 64, pattern: '[a-zA-Z0-9_.-]+' } as const;

export const deliveryStreamName = t.string({ ...DELIVERY_STREAM_NAME, required: true });

export const tagRule = t.struct({
  Key: t.string({ min: 1, max: 128, required: true }),
  Value: t.string({ max: 256 }),
});

export const tagList = t.list(tagRule, { min: 1, max: 50 });

export const MAX_TAGS = 50;

/** A Record: Data is 0–1,024,000 bytes before base64. */
export const recordRule = t.struct({ Data: t.blob({ max: 1_024_000, required: true }) });

/** DeliveryStreamEncryptionConfigurationInput (CreateDeliveryStream, StartDeliveryStreamEncryption). */
export const encryptionInput = t.struct({
  KeyARN: t.string({ min: 1, max: 512, pattern: 'arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+' }),
  KeyType: t.enum(['AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'], { required: true }),
});

/** A customer-managed key needs its ARN; an AWS-owned key takes none. */
export function checkEncryptionInput(input: { KeyType: string; KeyARN?: string }): void {
  if (input.KeyType === 'CUSTOMER_MANAGED_CMK' && !input.KeyARN) throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
  if (input.KeyType === 'AWS_OWNED_CMK' && input.KeyARN) throw invalidArgument('KeyARN must not be given when KeyType is AWS_OWNED_CMK.');
}
