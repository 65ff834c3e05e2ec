// A delivery stream's delivery, engine-independent: records go in with put(), through the processing buffer (when a
// Lambda processor has one), the processors, the destination's buffers (one per partition), and out through the
// sink. All work runs one job at a time on an internal queue, so what happens is a function of the inputs and the
// timeline: the preview drives the same pipeline on a virtual timeline with a recording sink.
import { createRandom, type Random } from '../../../../shared/domain/random';
import { BufferSet, type Buffered, type BufferView, type Flush } from './buffering/bufferSet';
import { destinationHints, lambdaBufferDefaults, resolveHints, type ResolvedHints } from './buffering/hints';
import type { DeliveryPipelineConfig, S3DestinationConfiguration } from './config/schemas';
import { checkDeliveryConfig } from './configRules';
import type { DeliveryContext } from './context';
import type { DestinationDelivery } from './destination';
import type { DeliveryEvent, LaneName } from './events';
import { httpEndpointDelivery } from './http/httpDelivery';
import { openSearchDelivery } from './opensearch/openSearchDelivery';
import type { WeekRule } from './opensearch/indexRotation';
import { readProcessorChain, runProcessors, type ProcessorChain } from './processors/chain';
import type { LambdaInvoker } from './processors/lambdaInvokers';
import { toPipelineRecord, type FailedRecord, type IncomingRecord, type PipelineRecord } from './records';
import { redshiftDelivery } from './redshift/redshiftDelivery';
import { s3Delivery } from './s3/s3Delivery';
import { S3Writer } from './s3/s3Writer';
import { parsePrefix, type PrefixPart } from './s3/prefixExpressions';
import type { DeliverySink } from './sink';
import { splunkDelivery } from './splunk/splunkDelivery';
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
  busy: boolean;
}

export interface DeliveryPipeline {
  /** Accepts records (answering their ids at once); processing and delivery follow on the pipeline's queue. */
  put(records: readonly IncomingRecord[]): { recordIds: string[] };
  /** Local only: flushes every buffer now and resolves when the deliveries are done. */
  flushNow(): Promise<void>;
  /** Resolves when no work is queued or running. */
  settled(): Promise<void>;
  state(): PipelineState;
  /** Flushes (reason 'close'), waits, and stops the timers. */
  close(): Promise<void>;
  /** Stops the timers and forgets the buffers without delivering them. */
  dispose(): void;
}

interface LaneItem extends Buffered {
  record: PipelineRecord;
}

const partitionRefs = (parts: PrefixPart[]) =>
  parts.flatMap((p) => ('namespace' in p && (p.namespace === 'partitionKeyFromQuery' || p.namespace === 'partitionKeyFromLambda') ? [{ namespace: p.namespace, key: p.value }] : []));

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
      else if (event.type === 'failed' && event.errorOutputType !== undefined) counters.failedRecords += event.records;
      else if (event.type === 'dropped') counters.droppedRecords += event.records;
      recent.push(event);
      if (recent.length > recentLimit) recent.splice(0, recent.length - recentLimit);
      deps.onEvent?.(event);
    },
  };

  // --- the destination, its S3 configurations and its processors
  const d = config.destination;
  let chain: ProcessorChain = { appendDelimiter: false };
  let delivery: DestinationDelivery;
  let errors: S3Writer;
  let backupS3: S3DestinationConfiguration | undefined;
  let partitionParts: ReturnType<typeof partitionRefs> = [];
  switch (d.kind) {
    case 'ExtendedS3':
    case 'S3': {
      const ext = d.kind === 'ExtendedS3' ? d.config : undefined;
      errors = new S3Writer({ config: d.config, fileExtension: ext?.FileExtension, timeZone: ext?.CustomTimeZone }, ctx);
      delivery = s3Delivery(errors, ctx);
      chain = readProcessorChain(ext?.ProcessingConfiguration);
      if (ext?.S3BackupMode === 'Enabled') backupS3 = ext.S3BackupConfiguration;
      if (ext?.DynamicPartitioningConfiguration?.Enabled) partitionParts = partitionRefs(parsePrefix(d.config.Prefix ?? ''));
      break;
    }
    case 'HttpEndpoint':
      errors = new S3Writer({ config: d.config.S3Configuration }, ctx);
      delivery = httpEndpointDelivery(d.config, ctx, errors);
      chain = readProcessorChain(d.config.ProcessingConfiguration);
      if (d.config.S3BackupMode === 'AllData') backupS3 = d.config.S3Configuration;
      break;
    case 'Amazonopensearchservice':
    case 'Elasticsearch': {
      errors = new S3Writer({ config: d.config.S3Configuration }, ctx);
      const endpoint = d.config.ClusterEndpoint ?? deps.openSearchEndpoint;
      if (!endpoint) throw new Error(`The ${d.kind} destination names a DomainARN; give the pipeline the endpoint it stands for.`);
      delivery = openSearchDelivery(d.config, { kind: d.kind, endpoint, weekRule: deps.weekRule ?? 'iso' }, ctx, errors);
      chain = readProcessorChain(d.config.ProcessingConfiguration);
      if (d.config.S3BackupMode === 'AllDocuments') backupS3 = d.config.S3Configuration;
      break;
    }
    case 'Splunk':
      errors = new S3Writer({ config: d.config.S3Configuration }, ctx);
      delivery = splunkDelivery(d.config, ctx, errors);
      chain = readProcessorChain(d.config.ProcessingConfiguration);
      if (d.config.S3BackupMode === 'AllEvents') backupS3 = d.config.S3Configuration;
      break;
    case 'Redshift':
      errors = new S3Writer({ config: d.config.S3Configuration }, ctx);
      delivery = redshiftDelivery(d.config, ctx, errors);
      chain = readProcessorChain(d.config.ProcessingConfiguration);
      if (d.config.S3BackupMode === 'Enabled') backupS3 = d.config.S3BackupConfiguration;
      break;
  }
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
  async function settled(): Promise<void> {
    for (;;) {
      const seen = tail;
      await seen;
      if (seen === tail && running === 0) return;
    }
  }

  // --- the lanes
  const onFlush = (lane: LaneName, deliver: (flush: Flush<LaneItem>) => Promise<void>) => (flush: Flush<LaneItem>) => {
    ctx.emit({ type: 'flush', lane, key: flush.key, reason: flush.reason, records: flush.items.length, bytes: flush.bytes, openedAtMs: flush.openedAtMs, dueAtMs: flush.dueAtMs, oldestArrivalMs: flush.oldestArrivalMs, atMs: flush.flushedAtMs });
    enqueue(() => deliver(flush));
  };
  const destinationLane = new BufferSet<LaneItem>(destinationHints(d), timeline, onFlush('destination', (flush) =>
    delivery.deliver({ records: flush.items.map((i) => i.record), reason: flush.reason, oldestArrivalMs: flush.oldestArrivalMs })));
  const backupLane = backupS3 && backupWriter
    ? new BufferSet<LaneItem>(resolveHints(backupS3.BufferingHints, { SizeInMBs: 5, IntervalInSeconds: 300 }), timeline, onFlush('backup', async (flush) => {
      await backupWriter.writeRecords('backup', flush.items.map((i) => i.record.raw), flush.oldestArrivalMs);
    }))
    : undefined;
  const processingLane = chain.lambda ? new BufferSet<LaneItem>(lambdaHints(chain, d.kind), timeline, onFlush('processing', (flush) => processAndRoute(flush.items.map((i) => i.record), timeline.now()))) : undefined;

  /** `enteredMs`: when records that went through the processing buffer reach the destination's buffers. */
  async function processAndRoute(records: PipelineRecord[], enteredMs?: number): Promise<void> {
    const out = await runProcessors(records, chain, ctx, deps.lambda);
    if (out.dropped) ctx.emit({ type: 'dropped', records: out.dropped, atMs: timeline.now() });
    const failed: FailedRecord[] = [...out.failed];
    const overLimit: FailedRecord[] = [];
    for (const record of out.records) {
      const key = partitionKey(record);
      if (typeof key !== 'string') {
        failed.push({ record, errorCode: 'DynamicPartitioning.MissingPartitionKey', errorMessage: key.missing, attemptsMade: 1, attemptEndingMs: timeline.now() });
        continue;
      }
      if (partitionParts.length && destinationLane.views().length >= MAX_ACTIVE_PARTITIONS && !destinationLane.views().some((v) => v.key === key)) {
        overLimit.push({ record, errorCode: 'DynamicPartitioning.ActivePartitionsLimitExceeded', errorMessage: `The number of active partitions exceeds the limit of ${MAX_ACTIVE_PARTITIONS}.`, attemptsMade: 1, attemptEndingMs: timeline.now() });
        continue;
      }
      destinationLane.add(key, { record, bytes: record.data.length, arrivalMs: record.arrivalMs, receivedMs: enteredMs ?? record.receivedMs });
    }
    destinationLane.endBatch();
    await errors.writeFailures(failed, 'processing-failed');
    await errors.writeFailures(overLimit, 'activePartitionExceeded');
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

  const lanes = (): [LaneName, BufferSet<LaneItem>][] => [
    ...(processingLane ? [['processing', processingLane] as [LaneName, BufferSet<LaneItem>]] : []),
    ['destination', destinationLane],
    ...(backupLane ? [['backup', backupLane] as [LaneName, BufferSet<LaneItem>]] : []),
  ];

  return {
    put(input) {
      const now = timeline.now();
      const records = input.map((r) => {
        const arrivalMs = r.arrivalMs ?? now;
        return toPipelineRecord({ ...r, arrivalMs, recordId: r.recordId ?? mintId(arrivalMs) }, now);
      });
      counters.incomingRecords += records.length;
      for (const r of records) counters.incomingBytes += r.data.length;
      enqueue(async () => {
        if (backupLane) {
          for (const record of records) backupLane.add('', { record, bytes: record.raw.length, arrivalMs: record.arrivalMs, receivedMs: record.receivedMs });
          backupLane.endBatch();
        }
        if (processingLane) {
          for (const record of records) processingLane.add('', { record, bytes: record.data.length, arrivalMs: record.arrivalMs, receivedMs: record.receivedMs });
          processingLane.endBatch();
        } else {
          await processAndRoute(records);
        }
      });
      return { recordIds: records.map((r) => r.recordId) };
    },
    async flushNow() {
      if (processingLane) enqueue(() => processingLane.flushAll('manual'));
      enqueue(() => {
        destinationLane.flushAll('manual');
        backupLane?.flushAll('manual');
      });
      await settled();
    },
    settled,
    state() {
      const buffers = lanes().flatMap(([lane, set]) => set.views().map((v) => ({ ...v, lane })));
      const due = buffers.filter((b) => b.intervalMs > 0).map((b) => b.dueAtMs);
      return { buffers, ...(due.length ? { nextFlushAtMs: Math.min(...due) } : {}), counters: { ...counters }, recent: [...recent], busy: running > 0 };
    },
    async close() {
      if (processingLane) enqueue(() => processingLane.flushAll('close'));
      enqueue(() => {
        destinationLane.flushAll('close');
        backupLane?.flushAll('close');
      });
      await settled();
      for (const [, set] of lanes()) set.dispose();
    },
    dispose() {
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
