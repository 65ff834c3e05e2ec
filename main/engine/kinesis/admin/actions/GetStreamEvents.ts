import { defineAction } from '../../kinesis';
import { streamArn, streamName } from '../../streams/commonRules';
import { invalidArgument } from '../../../core/errors';
import { t } from '../../../core/rules';
import type { StreamEventsView } from '../adminTypes';

export const rules = t.struct({
  StreamName: streamName,
  StreamARN: streamArn,
  /** Epoch ms; default EndTime minus 24 hours. */
  StartTime: t.long({ min: 0 }),
  /** Epoch ms, exclusive; default now (plus a second, so an event of this instant is in). */
  EndTime: t.long({ min: 0 }),
});

/** The stream's events (reshards, capacity-mode switches, on-demand scaling) and the engine-wide ones (fault rules). */
export const GetStreamEvents = defineAction('GetStreamEvents', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const end = input.EndTime ?? ctx.now + 1000;
  const start = input.StartTime ?? end - 24 * 3_600_000;
  if (start >= end) throw invalidArgument('StartTime must be before EndTime.');
  const view: StreamEventsView = { StreamName: stream.name, StartTime: start, EndTime: end, Events: ctx.kinesis.events.of(stream.region, stream.name, start, end) };
  return view;
});
