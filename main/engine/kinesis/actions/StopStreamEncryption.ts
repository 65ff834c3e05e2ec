import { defineAction } from '../kinesis';
import { updateWithTransition } from '../streams/streamSettings';
import { checkKeyId, encryptionRules, requireKms } from './StartStreamEncryption';
import { NO_OUTPUT } from '../../core/wire';

export const rules = encryptionRules;

export const StopStreamEncryption = defineAction('StopStreamEncryption', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  requireKms(input.EncryptionType);
  checkKeyId(input.KeyId);
  updateWithTransition(ctx, stream, { encryptionType: 'NONE', keyId: null });
  return NO_OUTPUT;
});
