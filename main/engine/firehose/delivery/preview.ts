// The preview: the delivery pipeline itself, run on a virtual clock with a recording sink, so what it shows is what
// the destination would receive, byte for byte, and when. Nothing leaves the process (unless the caller hands in a
// Lambda invoker that does).
import { createRandom, type Random } from '../../../../shared/domain/random';
import type { DeliveryPipelineConfig } from './config/schemas';
import type { DeliveryEvent } from './events';
import type { PipelineState } from './pipeline';
import { createDeliveryPipeline } from './pipeline';
import type { LambdaInvoker } from './processors/lambdaInvokers';
import type { IncomingRecord } from './records';
import { RecordingSink, type RecordedExchange, type Responder } from './recordingSink';
import type { StoredObject } from './sink';
import { VirtualTimeline } from './timeline';

export interface PreviewRecord extends IncomingRecord {
  /** When the record is put, in ms after the preview's start (0 when absent). */
  atOffsetMs?: number;
}

export interface PreviewOptions {
  /** The preview clock's start (epoch ms): object names and timestamps are computed from it. */
  startMs: number;
  /** The Lambda to call; when absent, Lambda processors answer every record Ok, unchanged (`echoLambdaInvoker`). */
  lambda?: LambdaInvoker;
  /** Answers for HTTP requests; by default each destination's healthy answer. */
  respond?: Responder;
  random?: Random;
  openSearchEndpoint?: string;
  /** Stop waiting for time flushes after this long (virtual time); the rest is flushed with reason 'manual'. */
  horizonMs?: number;
}

export interface PreviewResult {
  objects: StoredObject[];
  exchanges: RecordedExchange[];
  /** Everything that happened, in order, with virtual timestamps. */
  events: DeliveryEvent[];
  /** The buffers right after the last record was put: what is waiting, and when each would flush. */
  afterPut: PipelineState;
  recordIds: string[];
}

/** Lambda stand-in for a preview that must not call the function: every record comes back Ok, unchanged. */
export const echoLambdaInvoker: LambdaInvoker = {
  invoke(_arn, payload) {
    const event = JSON.parse(new TextDecoder().decode(payload)) as { records: { recordId: string; data: string }[] };
    const records = event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: r.data }));
    return Promise.resolve({ payload: new TextEncoder().encode(JSON.stringify({ records })) });
  },
};

const DEFAULT_HORIZON_MS = 3_600_000;

export async function previewDelivery(config: DeliveryPipelineConfig, records: readonly PreviewRecord[], options: PreviewOptions): Promise<PreviewResult> {
  const timeline = new VirtualTimeline(options.startMs);
  const sink = new RecordingSink(options.respond);
  const events: DeliveryEvent[] = [];
  const pipeline = createDeliveryPipeline(config, {
    sink,
    timeline,
    random: options.random ?? createRandom(),
    lambda: options.lambda ?? echoLambdaInvoker,
    onEvent: (e) => events.push(e),
    recentEvents: 0,
    ...(options.openSearchEndpoint ? { openSearchEndpoint: options.openSearchEndpoint } : {}),
  });
  const recordIds: string[] = [];
  const ordered = [...records].sort((a, b) => (a.atOffsetMs ?? 0) - (b.atOffsetMs ?? 0));
  for (const record of ordered) {
    timeline.advanceTo(options.startMs + (record.atOffsetMs ?? 0));
    await pipeline.idle();
    const { atOffsetMs: _offset, ...incoming } = record;
    recordIds.push(...pipeline.put([{ arrivalMs: timeline.now(), ...incoming }]).recordIds);
    // Process the record at its own moment, before the clock moves on to the next one.
    await pipeline.idle();
  }
  const afterPut = pipeline.state();
  // Let time run: each buffer flushes when it is due (a Lambda buffer's records then open destination buffers).
  const horizon = timeline.now() + (options.horizonMs ?? DEFAULT_HORIZON_MS);
  for (let due = timeline.nextDue(); due !== undefined && due <= horizon; due = timeline.nextDue()) {
    timeline.advanceTo(due);
    await pipeline.idle();
  }
  await pipeline.close();
  return { objects: sink.objects, exchanges: sink.exchanges, events, afterPut, recordIds };
}
