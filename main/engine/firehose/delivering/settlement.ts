// Deletes settled records from the store a slice at a time. A 5 MiB object settles some 50,000 records; deleting
// them in one transaction held the event loop for a quarter of a second, and every other stream's flush timer and
// every request waited behind it. Slices keep each pause to a few milliseconds. A crash before a slice is deleted
// only means those records are delivered again (at-least-once); a clean stop drains the queue first.
import type { FirehoseStore } from '../../../storage/firehoseStore';

/** Records deleted per transaction. */
export const SETTLE_SLICE = 2000;

export class SettlementQueue {
  private readonly queue: { streamId: number; recordIds: readonly string[] }[] = [];
  private scheduled = false;

  constructor(
    private readonly store: FirehoseStore,
    private readonly closed: () => boolean,
  ) {}

  add(streamId: number, recordIds: readonly string[]): void {
    if (!recordIds.length) return;
    this.queue.push({ streamId, recordIds });
    this.schedule();
  }

  /** Deletes everything queued now (the engine is stopping: a clean stop must not deliver these again). */
  drain(): void {
    for (const { streamId, recordIds } of this.queue.splice(0)) this.store.settleRecords(streamId, recordIds);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.step();
    });
  }

  private step(): void {
    if (this.closed()) {
      this.queue.length = 0;
      return;
    }
    const head = this.queue[0];
    if (!head) return;
    this.store.settleRecords(head.streamId, head.recordIds.slice(0, SETTLE_SLICE));
    if (head.recordIds.length > SETTLE_SLICE) this.queue[0] = { streamId: head.streamId, recordIds: head.recordIds.slice(SETTLE_SLICE) };
    else this.queue.shift();
    if (this.queue.length) this.schedule();
  }
}
