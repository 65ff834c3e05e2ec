// Resources addressed by ARN (TagResource, PutResourcePolicy, ...): streams and enhanced fan-out consumers.
// Consumers belong to Engine II; it registers a resolver here, so these actions never import fan-out.
import { ResourceStore } from '../../../storage/resourceStore';
import type { ActionContext } from '../../core/action';
import type { Engine } from '../../core/engine';
import { invalidArgument, notFound } from '../../core/errors';
import { parseStreamArn, type StreamState } from '../streams/streamModel';

const stores = new WeakMap<Engine, ResourceStore>();

/** The engine's store for tags/policies of ARNs, channels and account settings (one per engine). */
export function resourcesOf(engine: Engine): ResourceStore {
  let store = stores.get(engine);
  if (!store) {
    store = new ResourceStore(engine.store.db);
    stores.set(engine, store);
  }
  return store;
}

/** A registered consumer as this module needs it. */
export interface ConsumerRef {
  arn: string;
  streamRowId: number;
}

/** Finds a consumer by ARN (Engine II registers one). */
export type ConsumerResolver = (engine: Engine, consumerArn: string) => ConsumerRef | undefined;

const consumerResolvers: ConsumerResolver[] = [];

export function registerConsumerResolver(resolver: ConsumerResolver): () => void {
  consumerResolvers.push(resolver);
  return () => {
    const index = consumerResolvers.indexOf(resolver);
    if (index >= 0) consumerResolvers.splice(index, 1);
  };
}

export type ResolvedResource = { kind: 'stream'; arn: string; stream: StreamState } | { kind: 'consumer'; arn: string; stream: StreamState };

const CONSUMER_ARN = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([a-zA-Z0-9_.-]+)\/consumer\/[a-zA-Z0-9_.-]+:\d+$/;

/**
 * The stream or consumer a ResourceARN names. A stream ARN resolves like StreamARN elsewhere; a consumer ARN
 * must name a registered consumer of an existing stream. Anything else is InvalidArgumentException.
 */
export function resolveResource(ctx: ActionContext, arn: string): ResolvedResource {
  if (parseStreamArn(arn)) return { kind: 'stream', arn, stream: ctx.engine.resolveStream(ctx, { StreamARN: arn }) };
  const match = CONSUMER_ARN.exec(arn);
  if (!match) throw invalidArgument(`Invalid ResourceARN: ${arn}. The ARN must name a Kinesis data stream or a registered consumer.`);
  const [, region = '', accountId = '', streamName = ''] = match;
  const stream = accountId === ctx.accountId ? ctx.engine.findStream(region, streamName) : undefined;
  const consumer = stream && consumerResolvers.map((resolve) => resolve(ctx.engine, arn)).find((c) => c !== undefined);
  if (!stream || !consumer || consumer.streamRowId !== stream.id) {
    throw notFound(`Consumer ${arn} under account ${accountId} not found.`);
  }
  return { kind: 'consumer', arn, stream };
}
