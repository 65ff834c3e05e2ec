import { defineAction } from '../action';
import { streamArn, streamIdRule } from '../commonRules';
import { t } from '../rules';
import { endConsumerSubscriptions } from '../fanout';
import { consumerArnRule, consumerName, consumersOf, resolveConsumer } from '../streamConsumers';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArnRule, StreamId: streamIdRule });

export const DeregisterStreamConsumer = defineAction('DeregisterStreamConsumer', rules, (ctx, input) => {
  const { consumer } = resolveConsumer(ctx, input);
  if (consumer.status !== 'DELETING') {
    consumersOf(ctx.engine).setStatus(consumer.id, 'DELETING', ctx.now + ctx.config.deleteDelayMs);
    endConsumerSubscriptions(ctx.engine, consumer);
  }
  return NO_OUTPUT;
});
