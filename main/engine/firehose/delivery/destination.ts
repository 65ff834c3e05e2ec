// One destination's delivery of a flushed buffer. Each destination kind implements it in its own folder; the
// pipeline only knows this interface.
import type { FlushReason } from './buffering/bufferSet';
import type { PipelineRecord } from './records';

export interface DestinationBatch {
  records: PipelineRecord[];
  reason: FlushReason;
  oldestArrivalMs: number;
}

export interface DestinationDelivery {
  deliver(batch: DestinationBatch): Promise<void>;
}
