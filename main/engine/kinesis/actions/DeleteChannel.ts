import { defineAction } from '../kinesis';
import { beginChannelTransition, findChannel } from '../resources/channels';
import { t } from '../../core/rules';
import { channelArnRule } from './CreateChannel';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ChannelARN: channelArnRule });

/** The channel goes DELETING and disappears after the engine's delete delay; deleting it again succeeds. */
export const DeleteChannel = defineAction('DeleteChannel', rules, (ctx, input) => {
  const channel = findChannel(ctx, input.ChannelARN);
  if (channel.status !== 'DELETING') beginChannelTransition(ctx, channel, 'DELETING', ctx.config.deleteDelayMs);
  return NO_OUTPUT;
});
