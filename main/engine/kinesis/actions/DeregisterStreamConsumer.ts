import { defineAction } from '../kinesis';
import { streamArn, streamIdRule } from '../streams/commonRules';
import { t } from '../../core/rules';
import { consumerArnRule, consumerName, consumersOf, resolveConsumer } from '../fanout/consumers';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArnRule, StreamId: streamIdRule });

export const DeregisterStreamConsumer = defineAction('DeregisterStreamConsumer', rules, (ctx, input) => {
  const { consumer } = resolveConsumer(ctx, input);
  if (consumer.status !== 'DELETING') {
    consumersOf(ctx.kinesis).setStatus(consumer.id, 'DELETING', ctx.now + ctx.config.deleteDelayMs);
    ctx.kinesis.subscriptions.endConsumer(consumer);
  }
  return NO_OUTPUT;
});
