import { defineAction } from '../kinesis';
import { nextTokenRule, streamArn, streamIdRule } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { issueNextToken, readNextToken } from '../../core/nextToken';
import { t } from '../../core/rules';
import { consumerOut, consumersOf } from '../fanout/consumers';

export const rules = t.struct({
  StreamARN: { ...streamArn, required: true as const },
  NextToken: nextTokenRule,
  MaxResults: t.integer({ min: 1, max: 10000 }),
  StreamCreationTimestamp: t.timestamp(),
  StreamId: streamIdRule,
});

interface Cursor {
  /** The stream incarnation the listing started on. */
  stream: string;
  /** How many consumers earlier pages returned. */
  offset: number;
}

export const ListStreamConsumers = defineAction('ListStreamConsumers', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  // StreamCreationTimestamp tells apart streams recreated under the same name (AWS compares whole seconds).
  if (input.StreamCreationTimestamp !== undefined && Math.floor(input.StreamCreationTimestamp / 1000) !== Math.floor(stream.createdMs / 1000)) {
    throw invalidArgument(`StreamCreationTimestamp ${Math.floor(input.StreamCreationTimestamp / 1000)} does not match the creation time of stream ${stream.arn}.`);
  }
  let offset = 0;
  if (input.NextToken !== undefined) {
    const cursor = readNextToken<Cursor>(ctx, 'ListStreamConsumers', input.NextToken);
    if (cursor.stream !== stream.identity) throw invalidArgument('Invalid NextToken.');
    offset = cursor.offset;
  }
  const limit = input.MaxResults ?? 100;
  const all = consumersOf(ctx.kinesis).ofStream(stream.id);
  const page = all.slice(offset, offset + limit);
  const out: Record<string, unknown> = { Consumers: page.map((c) => consumerOut(ctx, stream, c)) };
  if (offset + page.length < all.length) {
    out.NextToken = issueNextToken<Cursor>(ctx, 'ListStreamConsumers', { stream: stream.identity, offset: offset + page.length });
  }
  return out;
});
