// Shard iterators: sealed tokens naming the stream incarnation, the shard and the next sequence integer to
// read. They expire after config.iteratorTtlMs and cannot be forged or pointed at another stream or shard.
import type { KinesisContext } from '../kinesis';
import { invalidArgument, KinesisError } from '../../core/errors';

const PURPOSE = 'shard-iterator';

export interface IteratorPosition {
  /** Stream row id. */
  s: number;
  /** The stream's identity: a recreated stream of the same name does not accept old iterators. */
  i: string;
  /** Shard index. */
  h: number;
  /** Next seq to read (records with seq >= q). */
  q: number;
  /** Created at, epoch ms. */
  t: number;
  /** The stream's name, for messages once the stream is gone (absent from iterators sealed before it was added). */
  n?: string;
}

export function issueIterator(ctx: KinesisContext, position: Omit<IteratorPosition, 't'>): string {
  return ctx.engine.tokens.seal(PURPOSE, { ...position, t: ctx.now });
}

/** Java's Date.toString in UTC, as AWS writes times in iterator messages: "Sat Nov 28 02:50:12 UTC 2026". */
function amzUtc(ms: number): string {
  const match = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString());
  if (!match) return new Date(ms).toISOString();
  return `${match[1]} ${match[3]} ${match[2]} ${match[5]} UTC ${match[4]}`;
}

export function readIterator(ctx: KinesisContext, token: string): IteratorPosition {
  const position = ctx.engine.tokens.open(PURPOSE, token) as IteratorPosition | undefined;
  if (!position || typeof position.q !== 'number' || typeof position.t !== 'number') throw invalidArgument('Invalid ShardIterator.');
  if (ctx.now - position.t > ctx.config.iteratorTtlMs) throw expiredIterator(position.t, ctx.now, ctx.config.iteratorTtlMs);
  return position;
}

/** AWS's ExpiredIteratorException; also raised by the compressed-expiry fault with its own lifetime. */
export function expiredIterator(createdMs: number, nowMs: number, ttlMs: number): KinesisError {
  return new KinesisError(
    'ExpiredIteratorException',
    `Iterator expired. The iterator was created at time ${amzUtc(createdMs)} while right now it is ${amzUtc(nowMs)} ` +
      `which is further in the future than the tolerated delay of ${ttlMs} milliseconds.`,
  );
}

/** The position an iterator names without checking its age (undefined when it is not a valid iterator). */
export function peekIterator(ctx: KinesisContext, token: string): IteratorPosition | undefined {
  const position = ctx.engine.tokens.open(PURPOSE, token) as IteratorPosition | undefined;
  return position && typeof position.q === 'number' && typeof position.t === 'number' ? position : undefined;
}
