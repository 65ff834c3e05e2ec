// A delivery stream's delivery, engine-independent: records go in with put(), through the processing buffer (when a
// Lambda processor has one), the processors, the destination's buffers (one per partition), and out through the
// sink. All work runs one job at a time on an internal queue, so what happens is a function of the inputs and the
// timeline: the preview drives the same pipeline on a virtual timeline with a recording sink.
import { createRandom, type Random } from '../../../../shared/domain/random';
import { BufferSet, type BufferView, type Flush } from './buffering/bufferSet';
import { destinationHints, lambdaBufferDefaults, resolveHints, type ResolvedHints } from './buffering/hints';
import type { DeliveryPipelineConfig } from './config/schemas';
import { checkDeliveryConfig } from './configRules';
import type { DeliveryContext } from './context';
import { buildDestination } from './destinations';
import type { DeliveryEvent, LaneName } from './events';
import type { WeekRule } from './opensearch/indexRotation';
import { runProcessors, type ProcessorChain } from './processors/chain';
import type { LambdaInvoker } from './processors/lambdaInvokers';
import type { FailedRecord, IncomingRecord, PipelineRecord } from './records';
import { S3Writer } from './s3/s3Writer';
import type { DeliverySink } from './sink';
import { systemTimeline, type Timeline } from './timeline';

/** Firehose's default limit of active partitions per delivery stream; records beyond it fail as activePartitionExceeded. */
export const MAX_ACTIVE_PARTITIONS = 500;

export interface PipelineDeps {
  sink: DeliverySink;
  timeline?: Timeline;
  random?: Random;
  /** How Lambda processors reach their function. */
  lambda?: LambdaInvoker;
  /** The endpoint an OpenSearch DomainARN stands for (a ClusterEndpoint is used as it is). */
  openSearchEndpoint?: string;
  /** OneWeek index rotation numbering: ISO (default, matches the guide's example) or US weeks. */
  weekRule?: WeekRule;
  onEvent?: (event: DeliveryEvent) => void;
  /** How many recent events state() keeps. */
  recentEvents?: number;
}

export interface PipelineCounters {
  incomingRecords: number;
  incomingBytes: number;
  deliveredRecords: number;
  failedRecords: number;
  droppedRecords: number;
}

export interface LaneBufferView extends BufferView {
  lane: LaneName;
}

export interface PipelineState {
  buffers: LaneBufferView[];
  /** When the next buffer is due by time, if any is open. */
  nextFlushAtMs?: number;
  counters: PipelineCounters;
  recent: DeliveryEvent[];
  /** Put records not yet settled (see the 'settled' event). */
  unsettledRecords: number;
  busy: boolean;
}

export interface DeliveryPipeline {
  /** Accepts records (answering their ids at once); processing and delivery follow on the pipeline's queue. */
  put(records: readonly IncomingRecord[]): { recordIds: string[] };
  /** Local only: flushes every buffer now and resolves when the deliveries are done. */
  flushNow(): Promise<void>;
  /** Resolves when no work is queued or running. */
  idle(): Promise<void>;
  state(): PipelineState;
  /** Flushes (reason 'close'), waits, and stops the timers; put() is refused from then on. */
  close(): Promise<void>;
  /** Stops the timers and forgets the buffers without delivering them. */
  dispose(): void;
}

export function createDeliveryPipeline(config: DeliveryPipelineConfig, deps: PipelineDeps): DeliveryPipeline {
  checkDeliveryConfig(config);
  const timeline = deps.timeline ?? systemTimeline;
  const random = deps.random ?? createRandom();
  const recentLimit = deps.recentEvents ?? 100;
  const recent: DeliveryEvent[] = [];
  const counters: PipelineCounters = { incomingRecords: 0, incomingBytes: 0, deliveredRecords: 0, failedRecords: 0, droppedRecords: 0 };
  const ctx: DeliveryContext = {
    identity: config.stream,
    timeline,
    random,
    sink: deps.sink,
    emit(event) {
      if (event.type === 'delivered') counters.deliveredRecords += event.records;
      else if (event.type === 'failed') counters.failedRecords += event.records;
      else if (event.type === 'dropped') counters.droppedRecords += event.records;
      recent.push(event);
      if (recent.length > recentLimit) recent.splice(0, recent.length - recentLimit);
      deps.onEvent?.(event);
    },
  };

  // --- the destination, its S3 configurations and its processors
  const d = config.destination;
  const { delivery, errors, chain, backup: backupS3, partitionRefs: partitionParts } = buildDestination(d, ctx, deps);
  const backupWriter = backupS3 ? new S3Writer({ config: backupS3 }, ctx) : undefined;

  // --- the work queue: one job at a time, in order
  let tail: Promise<void> = Promise.resolve();
  let running = 0;
  function enqueue(job: () => Promise<void> | void): void {
    running++;
    tail = tail
      .then(job)
      .catch((error: unknown) => ctx.emit({ type: 'error', message: error instanceof Error ? error.message : String(error), atMs: timeline.now() }))
      .finally(() => {
        running--;
      });
  }
  async function idle(): Promise<void> {
    for (;;) {
      const seen = tail;
      await seen;
      if (seen === tail && running === 0) return;
    }
  }

  // --- the lanes
  const onFlush = (lane: LaneName, deliver: (flush: Flush<PipelineRecord>) => Promise<void>) => (flush: Flush<PipelineRecord>) => {
    ctx.emit({ type: 'flush', lane, key: flush.key, reason: flush.reason, records: flush.items.length, bytes: flush.bytes, openedAtMs: flush.openedAtMs, dueAtMs: flush.dueAtMs, oldestArrivalMs: flush.oldestArrivalMs, atMs: flush.flushedAtMs });
    enqueue(() => deliver(flush));
  };
  const dataSize = (r: PipelineRecord) => r.data.length;
  const destinationLane = new BufferSet<PipelineRecord>(destinationHints(d), timeline, onFlush('destination', async (flush) => {
    await delivery.deliver({ records: flush.items, reason: flush.reason, oldestArrivalMs: flush.oldestArrivalMs });
    release(flush.items);
  }), dataSize);
  const backupLane = backupS3 && backupWriter
    ? new BufferSet<PipelineRecord>(resolveHints(backupS3.BufferingHints, { SizeInMBs: 5, IntervalInSeconds: 300 }), timeline, onFlush('backup', async (flush) => {
      await backupWriter.writeRecords('backup', flush.items.map((r) => r.raw), flush.oldestArrivalMs);
      release(flush.items);
    }), (r) => r.raw.length)
    : undefined;

  // --- settlement: a put record is settled once everything made of it has been delivered, written to the error
  // output, dropped, or given up. A source of records (the engine's store) can then forget it: at-least-once.
  let unsettled = 0;
  function hold(record: PipelineRecord, units: number): void {
    if (record.ticket) record.ticket.left += units;
  }
  function release(records: readonly PipelineRecord[]): void {
    const done: string[] = [];
    for (const r of records) {
      if (r.ticket && --r.ticket.left === 0) done.push(r.ticket.id);
    }
    unsettled -= done.length;
    if (done.length) ctx.emit({ type: 'settled', recordIds: done, atMs: timeline.now() });
  }
  const processingLane = chain.lambda ? new BufferSet<PipelineRecord>(lambdaHints(chain, d.kind), timeline, onFlush('processing', (flush) => processAndRoute(flush.items, timeline.now())), dataSize) : undefined;

  /** `enteredMs`: when records that went through the processing buffer reach the destination's buffers. */
  async function processAndRoute(records: PipelineRecord[], enteredMs?: number): Promise<void> {
    const out = await runProcessors(records, chain, ctx, deps.lambda);
    if (out.dropped) ctx.emit({ type: 'dropped', records: out.dropped, atMs: timeline.now() });
    const failed: FailedRecord[] = [...out.failed];
    const overLimit: FailedRecord[] = [];
    for (const record of out.records) hold(record, 1);
    for (const record of out.records) {
      const key = partitionKey(record);
      if (typeof key !== 'string') {
        failed.push({ record, errorCode: 'DynamicPartitioning.MissingPartitionKey', errorMessage: key.missing, attemptsMade: 1, attemptEndingMs: timeline.now() });
        release([record]);
        continue;
      }
      if (partitionParts.length && destinationLane.openCount >= MAX_ACTIVE_PARTITIONS && !destinationLane.isOpen(key)) {
        overLimit.push({ record, errorCode: 'DynamicPartitioning.ActivePartitionsLimitExceeded', errorMessage: `The number of active partitions exceeds the limit of ${MAX_ACTIVE_PARTITIONS}.`, attemptsMade: 1, attemptEndingMs: timeline.now() });
        release([record]);
        continue;
      }
      if (enteredMs !== undefined) record.receivedMs = enteredMs;
      destinationLane.add(key, record);
    }
    destinationLane.endBatch();
    await errors.writeFailures(failed, 'processing-failed');
    await errors.writeFailures(overLimit, 'activePartitionExceeded');
    release(records);
  }

  function partitionKey(record: PipelineRecord): string | { missing: string } {
    if (!partitionParts.length) return '';
    const values: string[] = [];
    for (const ref of partitionParts) {
      const value = (ref.namespace === 'partitionKeyFromQuery' ? record.queryKeys : record.lambdaKeys)?.[ref.key];
      if (value === undefined) return { missing: `The partition key '${ref.key}' (${ref.namespace}) is missing from the record.` };
      values.push(`${ref.key}=${value}`);
    }
    return values.join('/');
  }

  // --- record ids: sequence-number-like decimal strings, ordered by arrival
  let sequence = 0;
  const mintId = (arrivalMs: number) => `49${String(arrivalMs).padStart(16, '0')}${String(sequence++).padStart(38, '0')}`;

  const lanes = (): [LaneName, BufferSet<PipelineRecord>][] => [
    ...(processingLane ? [['processing', processingLane] as [LaneName, BufferSet<PipelineRecord>]] : []),
    ['destination', destinationLane],
    ...(backupLane ? [['backup', backupLane] as [LaneName, BufferSet<PipelineRecord>]] : []),
  ];

  // The processing buffer first, and only once its records have been processed and routed, the destination's.
  async function flushEverything(reason: 'manual' | 'close'): Promise<void> {
    if (processingLane) {
      enqueue(() => processingLane.flushAll(reason));
      await idle();
    }
    enqueue(() => {
      destinationLane.flushAll(reason);
      backupLane?.flushAll(reason);
    });
    await idle();
  }

  let closed = false;

  return {
    put(input) {
      if (closed) throw new Error('This delivery pipeline is closed.');
      const now = timeline.now();
      const records = input.map((r): PipelineRecord => {
        const arrivalMs = r.arrivalMs ?? now;
        const recordId = r.recordId ?? mintId(arrivalMs);
        // One unit for processing and routing, one for the backup copy when there is one.
        const ticket = { id: recordId, left: backupLane ? 2 : 1 };
        const record: PipelineRecord = { recordId, sourceId: recordId, data: r.data, raw: r.data, arrivalMs, receivedMs: now, subsequence: 0, ticket };
        if (r.kinesis) record.kinesis = r.kinesis;
        return record;
      });
      // One unit for processing and routing, one for the backup copy when there is one.
      unsettled += records.length;
      counters.incomingRecords += records.length;
      for (const r of records) counters.incomingBytes += r.data.length;
      enqueue(async () => {
        if (backupLane) {
          for (const record of records) backupLane.add('', record);
          backupLane.endBatch();
        }
        if (processingLane) {
          for (const record of records) processingLane.add('', record);
          processingLane.endBatch();
        } else {
          await processAndRoute(records);
        }
      });
      return { recordIds: records.map((r) => r.recordId) };
    },
    flushNow: () => flushEverything('manual'),
    idle,
    state() {
      const buffers = lanes().flatMap(([lane, set]) => set.views().map((v) => ({ ...v, lane })));
      const due = buffers.filter((b) => b.intervalMs > 0).map((b) => b.dueAtMs);
      return { buffers, ...(due.length ? { nextFlushAtMs: Math.min(...due) } : {}), counters: { ...counters }, recent: [...recent], unsettledRecords: unsettled, busy: running > 0 };
    },
    async close() {
      closed = true;
      await flushEverything('close');
      for (const [, set] of lanes()) set.dispose();
    },
    dispose() {
      closed = true;
      for (const [, set] of lanes()) set.dispose();
    },
  };
}

function lambdaHints(chain: ProcessorChain, kind: DeliveryPipelineConfig['destination']['kind']): ResolvedHints {
  const defaults = lambdaBufferDefaults(kind);
  return resolveHints(
    { SizeInMBs: chain.lambda?.bufferSizeMB ?? defaults.sizeMB, IntervalInSeconds: chain.lambda?.bufferIntervalSeconds ?? defaults.intervalSeconds },
    { SizeInMBs: defaults.sizeMB, IntervalInSeconds: defaults.intervalSeconds },
  );
}
