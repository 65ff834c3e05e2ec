import { defineAction } from '../action';
import { streamArn, streamIdRule } from '../commonRules';
import { t } from '../rules';
import { updateWithTransition } from '../streamSettings';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({
  StreamARN: streamArn,
  StreamId: streamIdRule,
  MaxRecordSizeInKiB: t.integer({ min: 1024, max: 10240, required: true }),
});

/** PutRecord/PutRecords check records against the stream's maxRecordSizeKiB, so the new maximum applies at once. */
export const UpdateMaxRecordSize = defineAction('UpdateMaxRecordSize', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  ctx.engine.requireActive(stream);
  updateWithTransition(ctx, stream, { maxRecordSizeKiB: input.MaxRecordSizeInKiB });
  return NO_OUTPUT;
});
