import { defineAction } from '../action';
import { channelDescription, findChannel } from '../channels';
import { t } from '../rules';
import { channelArnRule } from './CreateChannel';

export const rules = t.struct({ ChannelARN: channelArnRule });

export const DescribeChannel = defineAction('DescribeChannel', rules, (ctx, input) => ({
  ChannelDescription: channelDescription(ctx, findChannel(ctx, input.ChannelARN)),
}));
