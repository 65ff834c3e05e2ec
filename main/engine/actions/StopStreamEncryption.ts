import { defineAction } from '../action';
import { updateWithTransition } from '../streamSettings';
import { checkKeyId, encryptionRules, requireKms } from './StartStreamEncryption';
import { NO_OUTPUT } from '../wire';

export const rules = encryptionRules;

export const StopStreamEncryption = defineAction('StopStreamEncryption', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  ctx.engine.requireActive(stream);
  requireKms(input.EncryptionType);
  checkKeyId(input.KeyId);
  updateWithTransition(ctx, stream, { encryptionType: 'NONE', keyId: null });
  return NO_OUTPUT;
});
