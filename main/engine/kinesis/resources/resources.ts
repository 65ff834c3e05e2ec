// Resources addressed by ARN (TagResource, PutResourcePolicy, ...): streams and enhanced fan-out consumers.
// Their tags, policies, channels and account settings live in kinesis.resources (storage/resourceStore.ts).
import { RESOURCE_NAME_PATTERN } from '../../../../shared/domain/resourceNames';
import { consumersOf } from '../fanout/consumers';
import type { KinesisContext } from '../kinesis';
import { invalidArgument, notFound } from '../../core/errors';
import { parseStreamArn, type StreamState } from '../streams/streamModel';

export type ResolvedResource = { kind: 'stream'; arn: string; stream: StreamState } | { kind: 'consumer'; arn: string; stream: StreamState };

const CONSUMER_ARN = new RegExp(`^arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/(${RESOURCE_NAME_PATTERN})/consumer/${RESOURCE_NAME_PATTERN}:\\d+$`);

/**
 * The stream or consumer a ResourceARN names. A stream ARN resolves like StreamARN elsewhere; a consumer ARN
 * must name a registered consumer of an existing stream. Anything else is InvalidArgumentException.
 */
export function resolveResource(ctx: KinesisContext, arn: string): ResolvedResource {
  if (parseStreamArn(arn)) return { kind: 'stream', arn, stream: ctx.kinesis.resolveStream(ctx, { StreamARN: arn }) };
  const match = CONSUMER_ARN.exec(arn);
  if (!match) throw invalidArgument(`Invalid ResourceARN: ${arn}. The ARN must name a Kinesis data stream or a registered consumer.`);
  const [, region = '', accountId = '', streamName = ''] = match;
  const stream = accountId === ctx.accountId ? ctx.kinesis.findStream(region, streamName) : undefined;
  const consumer = stream && consumersOf(ctx.kinesis).byArn(arn);
  if (!stream || !consumer || consumer.streamRowId !== stream.id) {
    throw notFound(`Consumer ${arn} under account ${accountId} not found.`);
  }
  return { kind: 'consumer', arn, stream };
}
