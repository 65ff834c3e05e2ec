import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { invalidArgument, KinesisError } from '../../core/errors';
import { t } from '../../core/rules';
import { updateWithTransition } from '../streams/streamSettings';
import { NO_OUTPUT } from '../../core/wire';

export const encryptionRules = t.struct({
  ...streamRef,
  EncryptionType: t.enum(['NONE', 'KMS'], { required: true }),
  KeyId: t.string({ min: 1, max: 2048, required: true }),
});

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const KEY = `(?:${UUID}|mrk-[0-9a-fA-F]{32})`;
const ALIAS = 'alias/[a-zA-Z0-9/_-]+';
const KMS_KEY_ID = new RegExp(`^(?:${KEY}|${ALIAS}|arn:aws[^:]*:kms:[a-z0-9-]+:\\d{12}:(?:key/${KEY}|${ALIAS}))$`);

/**
 * The KMS key forms AWS accepts: key id, multi-Region key id, alias name, key ARN, alias ARN. There is no KMS
 * here, so any well-formed identifier counts as an existing key; a malformed one is what KMS would not find.
 */
export function checkKeyId(keyId: string): void {
  if (!KMS_KEY_ID.test(keyId)) throw new KinesisError('KMSNotFoundException', `Invalid keyId ${keyId}`);
}

export function requireKms(encryptionType: string): void {
  if (encryptionType !== 'KMS') throw invalidArgument(`Encryption type ${encryptionType} is not valid for this operation. The only valid value is KMS.`);
}

export const StartStreamEncryption = defineAction('StartStreamEncryption', encryptionRules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  requireKms(input.EncryptionType);
  checkKeyId(input.KeyId);
  updateWithTransition(ctx, stream, { encryptionType: 'KMS', keyId: input.KeyId });
  return NO_OUTPUT;
});
