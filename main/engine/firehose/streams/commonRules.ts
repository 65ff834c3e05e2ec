// Members several Firehose actions share, with the service model's constraints.
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
