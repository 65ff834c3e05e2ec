// Local only: an hour of per-second history per delivery stream, so the Metrics screen can chart a local delivery
// stream as CloudWatch's AWS/Firehose charts an AWS one. In memory (a restart starts it again), one bucket per
// second: records and bytes in (sampled from the pipeline's cumulative counters once a second), records and bytes
// delivered per destination and records failed (from the delivery events as they happen), and data freshness (the
// age of the oldest record not yet delivered, sampled once a second).
import type { DeliveryStreamRow } from '../../../storage/firehoseStore';
import type { DeliveryEvent } from '../delivery/events';
import type { PipelineState } from '../delivery/pipeline';

/** How long the history goes back. */
export const KEPT_SECONDS = 3600;

export interface SecondBucket {
  incomingRecords: number;
  incomingBytes: number;
  failedRecords: number;
  /** Maximum over the second; absent when nothing was waiting. */
  freshnessMs: number;
  delivered: Map<string, { records: number; bytes: number }>;
}

/** A destination flush not yet delivered: its records, bytes and oldest arrival (delivery runs in flush order). */
interface PendingFlush {
  records: number;
  left: number;
  bytes: number;
  oldestArrivalMs: number;
}

class StreamHistory {
  readonly seconds = new Map<number, SecondBucket>();
  readonly pending: PendingFlush[] = [];
  last = { incomingRecords: 0, incomingBytes: 0 };

  bucket(second: number): SecondBucket {
    let b = this.seconds.get(second);
    if (!b) {
      this.seconds.set(second, (b = { incomingRecords: 0, incomingBytes: 0, failedRecords: 0, freshnessMs: 0, delivered: new Map() }));
      for (const old of this.seconds.keys()) {
        if (old > second - KEPT_SECONDS) break;
        this.seconds.delete(old);
      }
    }
    return b;
  }

  /** Takes `records` off the oldest pending flushes; answers the bytes they stand for. */
  settle(records: number): number {
    let bytes = 0;
    let left = records;
    while (left > 0 && this.pending.length > 0) {
      const head = this.pending[0] as PendingFlush;
      const taken = Math.min(left, head.left);
      bytes += head.records === 0 ? 0 : (head.bytes * taken) / head.records;
      head.left -= taken;
      left -= taken;
      if (head.left <= 0) this.pending.shift();
    }
    return Math.round(bytes);
  }
}

/** A DeliveryStreamListener plus the delivery events' observer; firehoseEngine.ts wires both and the sampler. */
export class DeliveryHistory {
  // By the stream's row id, not its name: the same name in two regions is two delivery streams.
  private readonly byId = new Map<number, StreamHistory>();
  private readonly activeIds = new Set<number>();

  constructor(private readonly clock: () => number) {}

  active(row: DeliveryStreamRow): void {
    this.activeIds.add(row.id);
  }

  removed(streamId: number): void {
    this.activeIds.delete(streamId);
    this.byId.delete(streamId);
  }

  accepted(): void {}

  private history(streamId: number): StreamHistory {
    let h = this.byId.get(streamId);
    if (!h) this.byId.set(streamId, (h = new StreamHistory()));
    return h;
  }

  /** Every delivery event of every stream (StreamDelivery's onEvent). */
  observe(streamId: number, event: DeliveryEvent): void {
    const h = this.history(streamId);
    const second = Math.floor(event.atMs / 1000);
    if (event.type === 'flush' && event.lane === 'destination') h.pending.push({ records: event.records, left: event.records, bytes: event.bytes, oldestArrivalMs: event.oldestArrivalMs });
    else if (event.type === 'delivered') {
      const bytes = h.settle(event.records);
      const b = h.bucket(second);
      const d = b.delivered.get(event.destination) ?? { records: 0, bytes: 0 };
      b.delivered.set(event.destination, { records: d.records + event.records, bytes: d.bytes + bytes });
    } else if (event.type === 'failed') {
      h.settle(event.records);
      h.bucket(second).failedRecords += event.records;
    } else if (event.type === 'dropped') h.settle(event.records);
  }

  /** Once a second: what each running pipeline took in since the last sample, and how old its oldest record is. */
  sample(stateOf: (streamId: number) => PipelineState | undefined): void {
    const now = this.clock();
    for (const id of this.activeIds) {
      const state = stateOf(id);
      if (!state) continue;
      const h = this.history(id);
      const b = h.bucket(Math.floor(now / 1000));
      const { incomingRecords, incomingBytes } = state.counters;
      // A configuration change starts a new pipeline whose counters start at zero.
      const restarted = incomingRecords < h.last.incomingRecords;
      b.incomingRecords += restarted ? incomingRecords : incomingRecords - h.last.incomingRecords;
      b.incomingBytes += restarted ? incomingBytes : incomingBytes - h.last.incomingBytes;
      h.last = { incomingRecords, incomingBytes };
      const oldest = Math.min(...state.buffers.map((v) => v.oldestArrivalMs), ...h.pending.map((p) => p.oldestArrivalMs));
      if (Number.isFinite(oldest)) b.freshnessMs = Math.max(b.freshnessMs, now - oldest);
    }
  }

  /** The seconds kept for a stream by epoch second (absent seconds are quiet ones). */
  seconds(streamId: number): ReadonlyMap<number, SecondBucket> {
    return this.byId.get(streamId)?.seconds ?? new Map();
  }
}
