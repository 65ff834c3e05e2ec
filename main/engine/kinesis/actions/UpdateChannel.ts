import { defineAction } from '../kinesis';
import { beginChannelTransition, channelDescription, configOf, findChannel } from '../resources/channels';
import { invalidArgument, inUse } from '../../core/errors';
import { t } from '../../core/rules';
import { channelArnRule, checkFreshness, cloudWatchLogsRule, freshnessRule, loggingOut } from './CreateChannel';

const freshness = t.struct({ DataFreshnessInSeconds: { ...freshnessRule, required: true as const } });

export const rules = t.struct({
  ChannelARN: channelArnRule,
  S3DestinationConfiguration: freshness,
  S3TablesDestinationConfiguration: freshness,
  LoggingConfiguration: t.struct({ CloudWatchLogs: cloudWatchLogsRule }),
});

/** Only DataFreshnessInSeconds (of the channel's own destination type) and logging can change. */
export const UpdateChannel = defineAction('UpdateChannel', rules, (ctx, input) => {
  const channel = findChannel(ctx, input.ChannelARN);
  if (channel.status !== 'ACTIVE') {
    throw inUse(`Channel ${channel.arn} under account ${ctx.accountId} not ACTIVE, instead in state ${channel.status}`);
  }
  const config = configOf(channel);
  const updated = { ...config };
  if (input.S3DestinationConfiguration) {
    if (!config.S3DestinationConfiguration) throw invalidArgument('S3DestinationConfiguration can only be updated for a channel with a general purpose Amazon S3 destination.');
    checkFreshness(input.S3DestinationConfiguration.DataFreshnessInSeconds);
    updated.S3DestinationConfiguration = { ...config.S3DestinationConfiguration, ...input.S3DestinationConfiguration };
  }
  if (input.S3TablesDestinationConfiguration) {
    if (!config.S3TablesDestinationConfiguration) throw invalidArgument('S3TablesDestinationConfiguration can only be updated for a channel with a streaming table destination.');
    checkFreshness(input.S3TablesDestinationConfiguration.DataFreshnessInSeconds);
    updated.S3TablesDestinationConfiguration = { ...config.S3TablesDestinationConfiguration, ...input.S3TablesDestinationConfiguration };
  }
  if (input.LoggingConfiguration) updated.LoggingConfiguration = loggingOut(input.LoggingConfiguration.CloudWatchLogs, channel.name, channel.channelId);
  const row = beginChannelTransition(ctx, channel, 'UPDATING', ctx.config.updateDelayMs, updated as unknown as Record<string, unknown>);
  return { ChannelDescription: channelDescription(ctx, row) };
});
