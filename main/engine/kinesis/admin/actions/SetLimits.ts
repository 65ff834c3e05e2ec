import { defineAction } from '../../kinesis';
import { invalidArgument } from '../../../core/errors';
import { t } from '../../../core/rules';
import { adminStreamRef, namedStream } from '../adminStreams';
import { limitsView } from '../limitsView';

export const rules = t.struct({
  ...adminStreamRef,
  /** Engine-wide: realistic | off. For a stream: realistic | off, or engine to follow the engine again. */
  Mode: t.enum(['realistic', 'off', 'engine'] as const),
  BurstSeconds: t.double({ min: 0.1, max: 60 }),
  OnDemandScaleAfterSeconds: t.integer({ min: 1, max: 3600 }),
});

export const SetLimits = defineAction('SetLimits', rules, (ctx, input) => {
  const limits = ctx.kinesis.controls.limits;
  const named = namedStream(ctx, input);
  if (named) {
    if (input.BurstSeconds !== undefined || input.OnDemandScaleAfterSeconds !== undefined) {
      throw invalidArgument('BurstSeconds and OnDemandScaleAfterSeconds are engine-wide; set them without StreamName or StreamARN.');
    }
    if (input.Mode === undefined) throw invalidArgument('Mode is required when a stream is named.');
    limits.setStreamMode(named.region, named.name, input.Mode === 'engine' ? undefined : input.Mode);
    return limitsView(ctx, named.region, named.name, named.stream);
  }
  if (input.Mode === 'engine') throw invalidArgument("Mode 'engine' applies to a stream only.");
  limits.configure({
    ...(input.Mode !== undefined ? { mode: input.Mode } : {}),
    ...(input.BurstSeconds !== undefined ? { burstSeconds: input.BurstSeconds } : {}),
    ...(input.OnDemandScaleAfterSeconds !== undefined ? { onDemandScaleAfterSeconds: input.OnDemandScaleAfterSeconds } : {}),
  });
  return limitsView(ctx, ctx.region, undefined, undefined);
});
