// Real delivery for an engine's delivery streams: each ACTIVE stream drives one delivery pipeline (the delivery
// core) whose sink writes S3 objects under `<dataDir>/s3/<bucket>/<key>` (or to an S3-compatible endpoint) and
// sends real HTTP requests; Lambda processors run local modules or call a Lambda endpoint (engineLambda.ts). Records Put
// accepted stay in SQLite until the pipeline's `settled` event names them; at start every unsettled record is put
// again, so delivery is at-least-once (as AWS promises): a record whose object was written just before a crash is
// delivered a second time, an acknowledged record is never lost.
import { S3Client } from '@aws-sdk/client-s3';
import type { DeliveryStreamRow, PendingRecordRow } from '../../../storage/firehoseStore';
import {
  combineSink,
  createDeliveryPipeline,
  DestinationConfiguration,
  fileObjectStore,
  nodeHttpTransport,
  removeInterruptedWrites,
  s3ClientObjectStore,
  type DeliveryEvent,
  type DeliveryPipeline,
  type DeliverySink,
  type IncomingRecord,
  type KinesisRecordMetadata,
  type ObjectStore,
  type StoredObject,
} from '../delivery';
import type { DeliveryStreamListener, Firehose } from '../firehose';
import { engineLambdaInvoker, type EngineLambda } from './engineLambda';
import { KinesisSourceReader } from './kinesisSource';
import { SettlementQueue } from './settlement';
import { storedConfig, streamIdentity } from '../streams/deliveryStream';

export interface StreamDeliveryOptions {
  /** Where S3 objects go (`<dataDir>/s3/…`); without it (an in-memory engine) objects are kept in memory. */
  dataDir?: string;
  /** Replaces the sink (tests, or an S3 connection). */
  sink?: DeliverySink;
  /** S3 objects go to this S3-compatible endpoint (path-style, credentials from the standard chain), not to files. */
  s3Endpoint?: string;
  /** Lambda functions without a local module are invoked through this endpoint (credentials from the standard chain). */
  lambdaEndpoint?: string;
  /** The OpenSearch/Elasticsearch cluster a destination's DomainARN stands for (a ClusterEndpoint is used as it is). */
  openSearchEndpoint?: string;
  /** Sees every delivery event of every stream. */
  onEvent?: (streamName: string, event: DeliveryEvent, streamId: number) => void;
}

interface Running {
  version: number;
  pipeline: DeliveryPipeline;
}

/** Objects of an engine without a data folder. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects: StoredObject[] = [];

  putObject(object: StoredObject): Promise<void> {
    this.objects.push(object);
    return Promise.resolve();
  }
}

export class StreamDelivery implements DeliveryStreamListener {
  private readonly running = new Map<number, Running>();
  /** KinesisStreamAsSource readers; they outlive a configuration change (the checkpoints do not depend on it). */
  private readonly readers = new Map<number, KinesisSourceReader>();
  private readonly sink: DeliverySink;
  private readonly lambda: EngineLambda;
  private readonly settlement: SettlementQueue;
  private readonly s3Client: S3Client | undefined;
  readonly memoryObjects: MemoryObjectStore | undefined;

  constructor(
    private readonly firehose: Firehose,
    private readonly options: StreamDeliveryOptions = {},
  ) {
    this.memoryObjects = options.sink || options.dataDir || options.s3Endpoint ? undefined : new MemoryObjectStore();
    // Path-style: S3-compatible servers (LocalStack, MinIO) rarely resolve bucket subdomains of their host.
    this.s3Client = options.s3Endpoint && !options.sink ? new S3Client({ endpoint: options.s3Endpoint, forcePathStyle: true, region: firehose.config.defaultRegion }) : undefined;
    let objects: ObjectStore;
    if (this.s3Client) objects = s3ClientObjectStore(this.s3Client);
    else if (options.dataDir) {
      // A write a SIGKILL interrupted left a temporary file; its records were not settled and are delivered again.
      removeInterruptedWrites(options.dataDir);
      objects = fileObjectStore(options.dataDir);
    } else objects = this.memoryObjects as MemoryObjectStore;
    this.sink = options.sink ?? combineSink(objects, nodeHttpTransport());
    this.settlement = new SettlementQueue(firehose.store, () => firehose.engine.isClosed);
    this.lambda = engineLambdaInvoker(firehose.lambdaModules, options.lambdaEndpoint, firehose.config.defaultRegion);
  }

  /** Starts the pipelines of the ACTIVE streams and puts their unsettled records again (after a restart). */
  start(): void {
    for (const row of this.firehose.store.allStreams()) {
      if (row.status !== 'ACTIVE') continue;
      const running = this.run(row);
      const pending = this.firehose.store.pendingRecords(row.id);
      if (running && pending.length) running.pipeline.put(pending.map(incoming));
    }
  }

  active(row: DeliveryStreamRow): void {
    const current = this.running.get(row.id);
    if (current?.version === row.version) return;
    if (current) {
      // The old configuration delivers what it holds; new records go to the new one.
      this.running.delete(row.id);
      void current.pipeline.close().catch((error: unknown) => console.error(`firehose: closing the delivery of ${row.name} failed`, error));
    }
    this.run(row);
  }

  removed(streamId: number): void {
    this.running.get(streamId)?.pipeline.dispose();
    this.running.delete(streamId);
    this.readers.get(streamId)?.stop();
    this.readers.delete(streamId);
  }

  accepted(streamId: number, records: readonly PendingRecordRow[]): void {
    this.running.get(streamId)?.pipeline.put(records.map(incoming));
  }

  /** Local only (AWS has no such control): flushes every buffer of the stream and waits for the deliveries. */
  async flushNow(streamId: number): Promise<void> {
    const running = this.running.get(streamId);
    if (!running) return;
    await running.pipeline.flushNow();
    await running.pipeline.idle();
  }

  pipeline(streamId: number): DeliveryPipeline | undefined {
    return this.running.get(streamId)?.pipeline;
  }

  /** The source reader of a KinesisStreamAsSource stream (tests read a pass at a time). */
  reader(streamId: number): KinesisSourceReader | undefined {
    return this.readers.get(streamId);
  }

  /** Stops every pipeline without delivering its buffers: their records stay stored and are put again at start. */
  close(): void {
    for (const reader of this.readers.values()) reader.stop();
    this.readers.clear();
    for (const running of this.running.values()) running.pipeline.dispose();
    this.running.clear();
    this.settlement.drain();
    this.lambda.close();
    this.s3Client?.destroy();
  }

  private run(row: DeliveryStreamRow): Running | undefined {
    const config = storedConfig(row);
    const destination = DestinationConfiguration.safeParse(config.destination);
    if (!destination.success) {
      console.error(`firehose: the destination of ${row.name} no longer parses; not delivering`, destination.error.message);
      return undefined;
    }
    let pipeline: DeliveryPipeline;
    try {
      pipeline = createDeliveryPipeline(
        { stream: streamIdentity(row, config), destination: destination.data },
        {
          sink: this.sink,
          lambda: this.lambda,
          ...(this.options.openSearchEndpoint ? { openSearchEndpoint: this.options.openSearchEndpoint } : {}),
          onEvent: (event) => {
            if (event.type === 'settled') this.settlement.add(row.id, event.recordIds);
            this.options.onEvent?.(row.name, event, row.id);
          },
        },
      );
    } catch (error) {
      // A DomainARN without --opensearch-endpoint: the records stay stored until the engine can deliver them.
      console.error(`firehose: not delivering ${row.name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const running = { version: row.version, pipeline };
    this.running.set(row.id, running);
    if (config.source && !this.readers.has(row.id)) {
      const reader = new KinesisSourceReader(this.firehose, row.id, config.source, (records) => this.accepted(row.id, records));
      this.readers.set(row.id, reader);
      reader.start();
    }
    return running;
  }
}

function incoming(record: PendingRecordRow): IncomingRecord {
  const base = { data: Buffer.from(record.data, 'base64'), arrivalMs: record.arrivalMs, recordId: record.recordId };
  return record.kinesis ? { ...base, kinesis: JSON.parse(record.kinesis) as KinesisRecordMetadata } : base;
}
