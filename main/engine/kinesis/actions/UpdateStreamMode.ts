import { defineAction } from '../kinesis';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { invalidArgument, limitExceeded } from '../../core/errors';
import { t } from '../../core/rules';
import { commitmentEnabled, ON_DEMAND_STREAM_LIMIT, updateWithTransition, withSettings } from '../streams/streamSettings';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  StreamARN: { ...streamArn, required: true as const },
  StreamId: streamIdRule,
  StreamModeDetails: t.struct({ StreamMode: t.enum(['PROVISIONED', 'ON_DEMAND'], { required: true }) }, { required: true }),
  WarmThroughputMiBps: t.integer({ min: 0 }),
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** AWS allows two capacity-mode switches per stream in a rolling 24 hours. */
const SWITCHES_PER_DAY = 2;

export const UpdateStreamMode = defineAction('UpdateStreamMode', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  const mode = input.StreamModeDetails.StreamMode;
  const who = `Stream ${stream.name} under account ${ctx.accountId}`;
  if (stream.mode === mode) throw invalidArgument(`${who} is already in ${mode} mode.`);
  if (input.WarmThroughputMiBps !== undefined) {
    if (mode !== 'ON_DEMAND') throw invalidArgument('WarmThroughputMiBps can only be specified when updating the stream mode to ON_DEMAND.');
    if (!commitmentEnabled(ctx)) throw invalidArgument('WarmThroughputMiBps requires MinimumThroughputBillingCommitment to be enabled for the account.');
  }
  const recent = (Array.isArray(stream.settings.modeSwitchesMs) ? (stream.settings.modeSwitchesMs as number[]) : []).filter((ms) => ms > ctx.now - DAY_MS);
  if (recent.length >= SWITCHES_PER_DAY) {
    throw limitExceeded(`${who} has already switched capacity mode ${SWITCHES_PER_DAY} times in the last 24 hours.`);
  }
  if (mode === 'ON_DEMAND') {
    const onDemand = ctx.store.allStreams().filter((s) => s.region === stream.region && s.mode === 'ON_DEMAND').length;
    if (onDemand >= ON_DEMAND_STREAM_LIMIT) {
      throw limitExceeded(`This request would exceed the limit of ${ON_DEMAND_STREAM_LIMIT} ON_DEMAND streams for the account ${ctx.accountId} in ${stream.region}.`);
    }
  }
  // On-demand-only settings go with the mode; the shards stay as they are, as on AWS.
  const settings =
    mode === 'ON_DEMAND'
      ? withSettings(stream, { modeSwitchesMs: [...recent, ctx.now], ...(input.WarmThroughputMiBps !== undefined ? { warmThroughputMiBps: input.WarmThroughputMiBps } : {}) })
      : withSettings(stream, { modeSwitchesMs: [...recent, ctx.now] }, ['warmThroughputMiBps', 'recordDistributionStrategy']);
  updateWithTransition(ctx, stream, { mode, settings });
  ctx.kinesis.events.record(ctx.now, stream, 'capacity-mode', `Capacity mode ${stream.mode} → ${mode}`);
  return NO_OUTPUT;
});
