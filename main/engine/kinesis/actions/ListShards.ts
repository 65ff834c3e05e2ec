import { defineAction } from '../kinesis';
import { nextTokenRule, shardIdRule, streamRef } from '../streams/commonRules';
import { invalidArgument, inUse, notFound } from '../../core/errors';
import { issueNextToken, readNextToken } from '../../core/nextToken';
import { t } from '../../core/rules';
import { shardIndexOf } from '../records/sequence';
import type { ShardState, StreamState } from '../streams/streamModel';
import { shardsOut } from '../streams/streamViews';

const FILTERS = ['AFTER_SHARD_ID', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AT_LATEST', 'AT_TIMESTAMP', 'FROM_TIMESTAMP'] as const;
type FilterType = (typeof FILTERS)[number];

export const rules = t.struct({
  ...streamRef,
  NextToken: nextTokenRule,
  ExclusiveStartShardId: shardIdRule,
  MaxResults: t.integer({ min: 1, max: 10000 }),
  StreamCreationTimestamp: t.timestamp(),
  ShardFilter: t.struct({ Type: t.enum(FILTERS, { required: true }), ShardId: shardIdRule, Timestamp: t.timestamp() }),
});

interface Listing {
  /** Stream row id and identity: a token outlives neither a deleted nor a recreated stream. */
  s: number;
  i: string;
  /** Shard index the next page starts after (-1: from the first). */
  a: number;
  f?: { type: FilterType; shardIndex?: number; ms?: number };
}

function shardFilter(stream: StreamState, now: number, filter: Listing['f']): (shard: ShardState) => boolean {
  if (!filter) return () => true;
  const horizon = now - stream.retentionHours * 3_600_000;
  const openAt = (ms: number) => (shard: ShardState) => shard.createdMs <= ms && (shard.closedMs === null || shard.closedMs > ms);
  switch (filter.type) {
    case 'AFTER_SHARD_ID':
      return (shard) => shard.shardIndex > (filter.shardIndex ?? -1);
    case 'AT_TRIM_HORIZON':
      return openAt(Math.max(horizon, stream.createdMs));
    case 'FROM_TRIM_HORIZON':
      return (shard) => shard.closedMs === null || shard.closedMs >= horizon;
    case 'AT_LATEST':
      return (shard) => shard.endingSeq === null;
    case 'AT_TIMESTAMP':
      return openAt(Math.max(filter.ms ?? now, stream.createdMs));
    case 'FROM_TIMESTAMP': {
      const from = Math.max(filter.ms ?? now, horizon);
      return (shard) => shard.closedMs === null || shard.closedMs >= from;
    }
  }
}

export const ListShards = defineAction('ListShards', rules, (ctx, input) => {
  const named = input.StreamName !== undefined || input.StreamARN !== undefined || input.StreamId !== undefined;
  let listing: Listing;
  let stream: StreamState | undefined;
  if (input.NextToken !== undefined) {
    if (named) throw invalidArgument('NextToken and StreamName cannot be provided together.');
    if (input.ExclusiveStartShardId !== undefined) throw invalidArgument('NextToken and ExclusiveStartShardId cannot be provided together.');
    if (input.ShardFilter !== undefined) throw invalidArgument('NextToken and ShardFilter cannot be provided together.');
    if (input.StreamCreationTimestamp !== undefined) throw invalidArgument('NextToken and StreamCreationTimestamp cannot be provided together.');
    listing = readNextToken<Listing>(ctx, 'ListShards', input.NextToken);
    stream = ctx.kinesis.findStreamById(listing.s);
    if (!stream || stream.identity !== listing.i) throw invalidArgument('Invalid NextToken.');
  } else {
    if (!named) throw invalidArgument('Either NextToken or StreamName should be provided.');
    stream = ctx.kinesis.resolveStream(ctx, input);
    if (input.StreamCreationTimestamp !== undefined && Math.abs(input.StreamCreationTimestamp - stream.createdMs) >= 1000) {
      throw notFound(ctx.kinesis.notFoundMessage(stream.name));
    }
    const filter = input.ShardFilter;
    if (filter && input.ExclusiveStartShardId !== undefined) {
      throw invalidArgument('ExclusiveStartShardId and ShardFilter cannot be provided together.');
    }
    let f: Listing['f'];
    if (filter) {
      const { Type: type, ShardId: shardId, Timestamp: ms } = filter;
      if (type === 'AFTER_SHARD_ID') {
        if (shardId === undefined) throw invalidArgument('ShardId must be specified in ShardFilter of type AFTER_SHARD_ID.');
        f = { type, shardIndex: shardIndexOf(shardId) ?? -1 };
      } else if (type === 'AT_TIMESTAMP' || type === 'FROM_TIMESTAMP') {
        if (ms === undefined) throw invalidArgument(`Timestamp must be specified in ShardFilter of type ${type}.`);
        if (shardId !== undefined) throw invalidArgument(`ShardId must not be specified in ShardFilter of type ${type}.`);
        f = { type, ms };
      } else {
        if (shardId !== undefined) throw invalidArgument(`ShardId must not be specified in ShardFilter of type ${type}.`);
        if (ms !== undefined) throw invalidArgument(`Timestamp must not be specified in ShardFilter of type ${type}.`);
        f = { type };
      }
    }
    const after = input.ExclusiveStartShardId === undefined ? -1 : (shardIndexOf(input.ExclusiveStartShardId) ?? -1);
    listing = { s: stream.id, i: stream.identity, a: after, f };
  }
  if (stream.status === 'CREATING') ctx.kinesis.requireActive(stream);
  if (stream.status === 'DELETING') throw inUse(`Stream ${stream.name} under account ${ctx.accountId} not ACTIVE, instead in state DELETING`);
  const keep = shardFilter(stream, ctx.now, listing.f);
  const matching = stream.shards.filter((shard) => shard.shardIndex > listing.a && keep(shard));
  const limit = input.MaxResults ?? 1000;
  const page = matching.slice(0, limit);
  const out: Record<string, unknown> = { Shards: shardsOut(stream, page) };
  const last = page[page.length - 1];
  if (matching.length > page.length && last) out.NextToken = issueNextToken<Listing>(ctx, 'ListShards', { ...listing, a: last.shardIndex });
  return out;
});
