// Real delivery for an engine's delivery streams: each ACTIVE stream drives one delivery pipeline (the delivery
// core) whose sink writes S3 objects under `<dataDir>/s3/<bucket>/<key>` and sends real HTTP requests. Records Put
// accepted stay in SQLite until the pipeline's `settled` event names them; at start every unsettled record is put
// again, so delivery is at-least-once (as AWS promises): a record whose object was written just before a crash is
// delivered a second time, an acknowledged record is never lost.
import type { DeliveryStreamRow, PendingRecordRow } from '../../../storage/firehoseStore';
import {
  combineSink,
  createDeliveryPipeline,
  DestinationConfiguration,
  fileObjectStore,
  nodeHttpTransport,
  type DeliveryEvent,
  type DeliveryPipeline,
  type DeliverySink,
  type IncomingRecord,
  type KinesisRecordMetadata,
  type ObjectStore,
  type StoredObject,
} from '../delivery';
import type { DeliveryStreamListener, Firehose } from '../firehose';
import { KinesisSourceReader } from './kinesisSource';
import { storedConfig, streamIdentity } from '../streams/deliveryStream';

export interface StreamDeliveryOptions {
  /** Where S3 objects go (`<dataDir>/s3/…`); without it (an in-memory engine) objects are kept in memory. */
  dataDir?: string;
  /** Replaces the sink (tests, or an S3 connection). */
  sink?: DeliverySink;
  /** Sees every delivery event of every stream. */
  onEvent?: (streamName: string, event: DeliveryEvent) => void;
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
  readonly memoryObjects: MemoryObjectStore | undefined;

  constructor(
    private readonly firehose: Firehose,
    private readonly options: StreamDeliveryOptions = {},
  ) {
    this.memoryObjects = options.sink || options.dataDir ? undefined : new MemoryObjectStore();
    this.sink = options.sink ?? combineSink(options.dataDir ? fileObjectStore(options.dataDir) : (this.memoryObjects as MemoryObjectStore), nodeHttpTransport());
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
  }

  private run(row: DeliveryStreamRow): Running | undefined {
    const config = storedConfig(row);
    const destination = DestinationConfiguration.safeParse(config.destination);
    if (!destination.success) {
      console.error(`firehose: the destination of ${row.name} no longer parses; not delivering`, destination.error.message);
      return undefined;
    }
    const pipeline = createDeliveryPipeline(
      { stream: streamIdentity(row, config), destination: destination.data },
      {
        sink: this.sink,
        onEvent: (event) => {
          if (event.type === 'settled' && !this.firehose.engine.isClosed) this.firehose.store.settleRecords(row.id, event.recordIds);
          this.options.onEvent?.(row.name, event);
        },
      },
    );
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
