import { defineAction } from '../action';
import { streamArn, streamIdRule } from '../commonRules';
import { t } from '../rules';
import { consumerArnRule, consumerName, consumerOut, resolveConsumer } from '../streamConsumers';

export const rules = t.struct({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArnRule, StreamId: streamIdRule });

export const DescribeStreamConsumer = defineAction('DescribeStreamConsumer', rules, (ctx, input) => {
  const { stream, consumer } = resolveConsumer(ctx, input);
  return { ConsumerDescription: { ...consumerOut(ctx, stream, consumer), StreamARN: stream.arn } };
});
