import { defineAction } from '../../core/action';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { t } from '../../core/rules';
import { endConsumerSubscriptions } from '../fanout/subscriptionHub';
import { consumerArnRule, consumerName, consumersOf, resolveConsumer } from '../fanout/consumers';

export const rules = t.struct({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArnRule, StreamId: streamIdRule });

export const DeregisterStreamConsumer = defineAction('DeregisterStreamConsumer', rules, (ctx, input) => {
  const { consumer } = resolveConsumer(ctx, input);
  if (consumer.status !== 'DELETING') {
    consumersOf(ctx.engine).setStatus(consumer.id, 'DELETING', ctx.now + ctx.config.deleteDelayMs);
    endConsumerSubscriptions(ctx.engine, consumer);
  }
  return {};
});
