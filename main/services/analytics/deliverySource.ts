// A local delivery stream as a query's source: the records it accepts (Direct PUT), read from the engine's ring of
// recent records with LocalReadDeliveryRecords after a cursor. A delivery stream has no shards or partition keys:
// its records read as one shard named after it, with the RecordId as SEQUENCE_NUMBER and an empty PARTITION_KEY.
import type { AnalyticsSource } from '../../../shared/contract/analytics';
import type { SourceRecord } from '../../analytics/streamingQuery';
import { abortableSleep } from '../streams/abortableSleep';
import { readDeliveryRecords, type LocalFirehoseTarget } from './localFirehose';
import type { RecordSource, SourceEnd, SourceHandler } from './streamSource';

type DeliverySourceSpec = Extract<AnalyticsSource, { kind: 'deliveryStream' }>;

const PAGE = 2000;
/** The engine stamps and keeps a record in one step, so a read that left at T has seen every record before T. */
const POLL_MS = 100;

export class DeliverySource implements RecordSource {
  private cursor: string | null = null;
  private readonly abort = new AbortController();
  /** Records the ring dropped before this source read them. */
  missed = 0;

  constructor(
    private readonly spec: DeliverySourceSpec,
    private readonly target: LocalFirehoseTarget,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.abort.abort(), { once: true });
  }

  get shardId(): string {
    return `deliverystream/${this.spec.name}`;
  }

  async open(): Promise<string[]> {
    // LATEST: ask for no records, just the cursor of the newest one (this also checks the stream exists).
    const first = await readDeliveryRecords(this.target, this.spec.name, null, 0, this.abort.signal);
    this.cursor = this.spec.start === 'LATEST' ? first.nextCursor : null;
    return [this.shardId];
  }

  async run(handler: SourceHandler): Promise<SourceEnd> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const startedAt = Date.now();
      let page;
      try {
        page = await readDeliveryRecords(this.target, this.spec.name, this.cursor, PAGE, signal);
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      this.cursor = page.nextCursor;
      if (page.missed > 0) {
        this.missed += page.missed;
        handler.missed?.(page.missed);
      }
      if (page.records.length > 0) {
        const batch: SourceRecord[] = page.records.map((r) => ({ data: r.data, partitionKey: '', sequenceNumber: r.recordId, shardId: this.shardId, arrivalMs: r.arrivalMs }));
        await handler.records(batch);
      }
      await handler.tick(page.records.length < PAGE ? startedAt - 1 : (page.records[page.records.length - 1]?.arrivalMs ?? startedAt) - 1);
      if (page.records.length < PAGE) await abortableSleep(POLL_MS, signal);
    }
    return 'stopped';
  }

  millisBehind(): number | null {
    return null;
  }

  stop(): void {
    this.abort.abort();
  }

  async close(): Promise<void> {}
}
