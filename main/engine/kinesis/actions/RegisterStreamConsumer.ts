import { defineAction } from '../kinesis';
import { streamArn, streamIdRule, tagKey, tagValue } from '../streams/commonRules';
import { inUse, limitExceeded } from '../../core/errors';
import { t } from '../../core/rules';
import { consumerArnOf, consumerName, consumerOut, consumersOf, MAX_CONSUMERS_PER_STREAM, MAX_CREATING_CONSUMERS } from '../fanout/consumers';
import { addTags } from '../resources/tagging';

export const rules = t.struct({
  StreamARN: { ...streamArn, required: true as const },
  ConsumerName: { ...consumerName, required: true as const },
  StreamId: streamIdRule,
  Tags: t.map(tagKey, tagValue, { min: 1, max: 200 }),
});

export const RegisterStreamConsumer = defineAction('RegisterStreamConsumer', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  const consumers = consumersOf(ctx.kinesis);
  const name = input.ConsumerName;
  if (consumers.byName(stream.id, name)) {
    throw inUse(`Consumer ${name} under stream ${stream.name} already exists for account ${ctx.accountId}.`);
  }
  if (consumers.countOfStream(stream.id) >= MAX_CONSUMERS_PER_STREAM) {
    throw limitExceeded(`Stream ${stream.arn} under account ${ctx.accountId} has reached the limit of ${MAX_CONSUMERS_PER_STREAM} registered consumers.`);
  }
  if (consumers.creatingIn(stream.region) >= MAX_CREATING_CONSUMERS) {
    throw limitExceeded(`Account ${ctx.accountId} already has ${MAX_CREATING_CONSUMERS} consumers in CREATING status. Wait until one is ACTIVE.`);
  }
  const row = {
    streamRowId: stream.id,
    name,
    arn: consumerArnOf(stream, name, ctx.now),
    status: 'CREATING' as const,
    statusDueMs: ctx.now + ctx.config.createDelayMs,
    createdMs: ctx.now,
  };
  ctx.store.transaction(() => {
    consumers.insert(row);
    if (input.Tags) addTags(ctx, { kind: 'consumer', arn: row.arn, stream }, input.Tags);
  });
  return { Consumer: consumerOut(ctx, stream, { id: 0, ...row }) };
});
