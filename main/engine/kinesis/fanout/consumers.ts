// Enhanced fan-out consumers: the engine's ConsumerStore (kinesis.consumers), ARNs in AWS's form, the CREATING →
// ACTIVE and DELETING transitions (stored as due times and applied on access, so they survive restarts), and the
// lookups the consumer actions share.
import type { ConsumerRow, ConsumerStore } from '../../../storage/consumerStore';
import type { Kinesis, KinesisContext } from '../kinesis';
import { invalidArgument, notFound } from '../../core/errors';
import { t } from '../../core/rules';
import { RESOURCE_NAME_MAX_LENGTH, RESOURCE_NAME_PATTERN } from '../../../../shared/domain/resourceNames';
import type { StreamState } from '../streams/streamModel';

/** AWS's limit of registered consumers per stream (provisioned and on-demand standard streams). */
export const MAX_CONSUMERS_PER_STREAM = 20;
/** AWS allows at most 5 consumers in CREATING at once (per account). */
export const MAX_CREATING_CONSUMERS = 5;

export const consumerName = t.string({ min: 1, max: RESOURCE_NAME_MAX_LENGTH, pattern: RESOURCE_NAME_PATTERN });
export const consumerArnRule = t.string({
  min: 1,
  max: 2048,
  pattern: `^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/${RESOURCE_NAME_PATTERN}\\/consumer\\/${RESOURCE_NAME_PATTERN}:[0-9]+`,
});

/** The engine's consumer store, with every due transition applied. */
export function consumersOf(kinesis: Kinesis): ConsumerStore {
  kinesis.consumers.settle(kinesis.clock());
  return kinesis.consumers;
}

export function consumerArnOf(stream: StreamState, name: string, createdMs: number): string {
  return `${stream.arn}/consumer/${name}:${Math.floor(createdMs / 1000)}`;
}

const CONSUMER_ARN = new RegExp(`^(arn:aws[^:]*:kinesis:[^:]*:\\d{12}:stream/${RESOURCE_NAME_PATTERN})/consumer/(${RESOURCE_NAME_PATTERN}):(\\d+)$`);

export interface ParsedConsumerArn {
  streamArn: string;
  name: string;
}

export function parseConsumerArn(arn: string): ParsedConsumerArn | undefined {
  const match = CONSUMER_ARN.exec(arn);
  if (!match?.[1] || !match[2]) return undefined;
  return { streamArn: match[1], name: match[2] };
}

/** The status the API shows: a consumer of a stream being deleted is being deleted too. */
export function shownStatus(stream: StreamState, consumer: ConsumerRow): string {
  return stream.status === 'DELETING' ? 'DELETING' : consumer.status;
}

/** A consumer as RegisterStreamConsumer and ListStreamConsumers return it. */
export function consumerOut(ctx: KinesisContext, stream: StreamState, consumer: ConsumerRow) {
  return {
    ConsumerName: consumer.name,
    ConsumerARN: consumer.arn,
    ConsumerStatus: shownStatus(stream, consumer),
    ConsumerCreationTimestamp: ctx.wire.time(consumer.createdMs),
  };
}

export function consumerNotFound(ctx: KinesisContext, name: string, streamArn: string): never {
  throw notFound(`Consumer ${name}, account ${ctx.accountId} not found for stream ${streamArn}.`);
}

export interface ConsumerSelector {
  StreamARN?: string;
  StreamId?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
}

const EITHER = 'Either ConsumerARN or both ConsumerName and StreamARN must be provided.';

/**
 * The consumer named by ConsumerARN, or by StreamARN + ConsumerName (Describe/DeregisterStreamConsumer). Both
 * forms given must agree; the stream must exist (ResourceNotFoundException otherwise).
 */
export function resolveConsumer(ctx: KinesisContext, input: ConsumerSelector): { stream: StreamState; consumer: ConsumerRow } {
  const { ConsumerARN: arn, ConsumerName: name, StreamARN: streamArn } = input;
  if (arn === undefined && (name === undefined || streamArn === undefined)) throw invalidArgument(EITHER);
  if (arn !== undefined) {
    const parsed = parseConsumerArn(arn);
    if (!parsed) throw invalidArgument(`ConsumerARN ${arn} is not a valid consumer ARN.`);
    if ((streamArn !== undefined && streamArn !== parsed.streamArn) || (name !== undefined && name !== parsed.name)) {
      throw invalidArgument(`ConsumerARN ${arn} does not match the given StreamARN and ConsumerName.`);
    }
    const stream = ctx.kinesis.resolveStream(ctx, { StreamARN: parsed.streamArn, StreamId: input.StreamId });
    const consumer = consumersOf(ctx.kinesis).byArn(arn);
    if (!consumer || consumer.streamRowId !== stream.id) consumerNotFound(ctx, parsed.name, stream.arn);
    return { stream, consumer };
  }
  const stream = ctx.kinesis.resolveStream(ctx, { StreamARN: streamArn, StreamId: input.StreamId });
  const consumer = consumersOf(ctx.kinesis).byName(stream.id, name ?? '');
  if (!consumer) consumerNotFound(ctx, name ?? '', stream.arn);
  return { stream, consumer };
}
