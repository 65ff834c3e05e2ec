import { defineAction } from '../kinesis';
import { nextTokenRule, streamName } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { issueNextToken, readNextToken } from '../../core/nextToken';
import { t } from '../../core/rules';
import { streamSummaryOut } from '../streams/streamViews';
import type { StreamState } from '../streams/streamModel';

export const rules = t.struct({
  Limit: t.integer({ min: 1, max: 10000 }),
  ExclusiveStartStreamName: streamName,
  NextToken: nextTokenRule,
});

interface Cursor {
  after: string;
}

export const ListStreams = defineAction('ListStreams', rules, (ctx, input) => {
  if (input.NextToken !== undefined && input.ExclusiveStartStreamName !== undefined) {
    throw invalidArgument('NextToken and ExclusiveStartStreamName cannot be provided together.');
  }
  const after = input.NextToken !== undefined ? readNextToken<Cursor>(ctx, 'ListStreams', input.NextToken).after : input.ExclusiveStartStreamName;
  const limit = input.Limit ?? 100;
  const names = ctx.store
    .allStreams()
    .filter((row) => row.region === ctx.region && (after === undefined || row.name > after))
    .map((row) => row.name)
    .sort();
  const page: StreamState[] = [];
  for (const name of names) {
    if (page.length >= limit) break;
    const stream = ctx.kinesis.findStream(ctx.region, name);
    if (stream) page.push(stream);
  }
  const hasMore = names.length > page.length && page.length >= limit;
  const out: Record<string, unknown> = {
    StreamNames: page.map((s) => s.name),
    HasMoreStreams: hasMore,
    StreamSummaries: page.map((s) => streamSummaryOut(ctx, s)),
  };
  const last = page[page.length - 1];
  if (hasMore && last) out.NextToken = issueNextToken<Cursor>(ctx, 'ListStreams', { after: last.name });
  return out;
});
