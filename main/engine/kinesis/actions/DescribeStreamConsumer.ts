import { defineAction } from '../kinesis';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { t } from '../../core/rules';
import { consumerArnRule, consumerName, consumerOut, resolveConsumer } from '../fanout/consumers';

export const rules = t.struct({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArnRule, StreamId: streamIdRule });

export const DescribeStreamConsumer = defineAction('DescribeStreamConsumer', rules, (ctx, input) => {
  const { stream, consumer } = resolveConsumer(ctx, input);
  return { ConsumerDescription: { ...consumerOut(ctx, stream, consumer), StreamARN: stream.arn } };
});
