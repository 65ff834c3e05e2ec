// What an incoming request is about — its stream, shard and iterator — read from the raw body before the action
// validates it, so interceptors (faults, control-plane limits) can decide early. Anything unreadable is left to
// the action, which answers with its own validation error.
import type { KinesisContext } from '../kinesis';
import { peekIterator, type IteratorPosition } from '../records/iterators';
import { shardIdOf } from '../records/sequence';
import { parseStreamArn, type StreamState } from '../streams/streamModel';

export interface RequestTarget {
  name?: string;
  stream?: StreamState;
  shardId?: string;
  /** GetRecords: the position its iterator names. */
  iterator?: IteratorPosition;
}

const CONSUMER_ARN = /^arn:aws[^:]*:kinesis:([^:]*):\d{12}:stream\/([^/]+)\/consumer\//;

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

export function requestTarget(ctx: KinesisContext, action: string, raw: unknown): RequestTarget {
  if (typeof raw !== 'object' || raw === null) return {};
  const body = raw as Record<string, unknown>;
  const engine = ctx.kinesis;
  if (action === 'GetRecords') {
    const token = text(body, 'ShardIterator');
    const iterator = token === undefined ? undefined : peekIterator(ctx, token);
    if (!iterator) return {};
    const stream = engine.findStreamById(iterator.s);
    return stream ? { name: stream.name, stream, shardId: shardIdOf(iterator.h), iterator } : { iterator };
  }
  let name = text(body, 'StreamName');
  let region = ctx.region;
  const arn = text(body, 'StreamARN');
  const consumerArn = text(body, 'ConsumerARN');
  if (arn !== undefined) {
    const parsed = parseStreamArn(arn);
    if (parsed) {
      name ??= parsed.name;
      region = parsed.region;
    }
  } else if (consumerArn !== undefined) {
    const match = CONSUMER_ARN.exec(consumerArn);
    if (match?.[2]) {
      name ??= match[2];
      region = match[1] ?? region;
    }
  }
  const shardId = text(body, 'ShardId');
  if (name === undefined) return { shardId };
  return { name, stream: engine.findStream(region, name), shardId };
}
