import { defineAction } from '../kinesis';
import { channelDescription, findChannel } from '../resources/channels';
import { t } from '../../core/rules';
import { channelArnRule } from './CreateChannel';

export const rules = t.struct({ ChannelARN: channelArnRule });

export const DescribeChannel = defineAction('DescribeChannel', rules, (ctx, input) => ({
  ChannelDescription: channelDescription(ctx, findChannel(ctx, input.ChannelARN)),
}));
