import { defineAction } from '../kinesis';
import { nextTokenRule, streamArn } from '../streams/commonRules';
import { channelSummary, configOf, liveChannels } from '../resources/channels';
import { issueNextToken, readNextToken } from '../../core/nextToken';
import { t } from '../../core/rules';

export const rules = t.struct({
  StreamFilter: t.list(t.struct({ StreamARN: { ...streamArn, required: true as const }, StreamCreationTimestamp: t.timestamp() })),
  MaxResults: t.integer({ min: 1 }),
  NextToken: nextTokenRule,
});

interface Cursor {
  after: string;
}

/** Channels by name; MaxResults above 100 returns at most 100, as AWS documents. */
export const ListChannels = defineAction('ListChannels', rules, (ctx, input) => {
  const after = input.NextToken !== undefined ? readNextToken<Cursor>(ctx, 'ListChannels', input.NextToken).after : undefined;
  const filters = input.StreamFilter ?? [];
  const matching = liveChannels(ctx, ctx.kinesis.resources.channelsIn(ctx.region)).filter(
    (row) =>
      (after === undefined || row.name > after) &&
      (filters.length === 0 ||
        configOf(row).Streams.some((s) => filters.some((f) => f.StreamARN === s.StreamARN && (f.StreamCreationTimestamp === undefined || Math.floor(f.StreamCreationTimestamp / 1000) === Math.floor(s.StreamCreatedMs / 1000))))),
  );
  const page = matching.slice(0, Math.min(input.MaxResults ?? 100, 100));
  const out: Record<string, unknown> = { ChannelSummaries: page.map((row) => channelSummary(ctx, row)) };
  const last = page[page.length - 1];
  if (matching.length > page.length && last) out.NextToken = issueNextToken<Cursor>(ctx, 'ListChannels', { after: last.name });
  return out;
});
