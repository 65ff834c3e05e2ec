import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { consumersOf } from '../fanout/consumers';
import { t } from '../../core/rules';
import { summaryExtras } from '../streams/streamSettings';
import { encryptionFields, enhancedMonitoring, modeDetails } from '../streams/streamViews';

export const rules = t.struct({ ...streamRef });

export const DescribeStreamSummary = defineAction('DescribeStreamSummary', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const warm = stream.settings.warmThroughputMiBps;
  return {
    StreamDescriptionSummary: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamId: stream.streamId,
      StreamStatus: stream.status,
      StreamModeDetails: modeDetails(stream),
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: ctx.wire.time(stream.createdMs),
      EnhancedMonitoring: enhancedMonitoring(stream),
      ...encryptionFields(stream),
      OpenShardCount: stream.status === 'CREATING' ? 0 : stream.openShards.length,
      ConsumerCount: consumersOf(ctx.kinesis).countOfStream(stream.id),
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
      ...(typeof warm === 'number' ? { WarmThroughput: { TargetMiBps: warm, CurrentMiBps: warm } } : {}),
      ...summaryExtras(ctx, stream),
    },
  };
});
