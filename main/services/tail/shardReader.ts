// The interface between a tail session and one shard's reader (polling or enhanced fan-out).
import type { ConnectionKind } from '../../../shared/contract/connections';
import type { RpcErrorShape } from '../../../shared/contract/errors';
import type { ChildShardInfo, ShardRecord } from './shardRecords';

export interface ReaderEvents {
  /** Records in shard order. Resolves once the session has room (backpressure); false stops the reader. */
  records(reader: ShardReader, records: ShardRecord[]): Promise<boolean>;
  /** The watermark moved without records (an empty read while caught up). */
  progressed(reader: ShardReader): void;
  /** The shard is closed and every record read: its children may start. */
  drained(reader: ShardReader, children: ChildShardInfo[]): void;
  failed(reader: ShardReader, error: unknown): void;
}

export type ReaderState = 'reading' | 'backing-off' | 'drained' | 'stopped' | 'failed';

export interface ShardReader {
  readonly shardId: string;
  readonly state: ReaderState;
  /** Every record of this shard that arrived at or before this time has been handed over (epoch ms). */
  readonly watermark: number;
  readonly millisBehindLatest: number | null;
  /** When the reader last heard from Kinesis (an answer or an event): a reader quiet for longer is stalled. */
  readonly lastProgressAt: number;
  readonly throttles: number;
  readonly lastError: RpcErrorShape | null;
  /** The tailer's own reads over the last second; calls is null in fan-out mode (no calls to count). */
  usage(): { callsPerSecond: number | null; bytesPerSecond: number };
  run(): Promise<void>;
  stop(): void;
}

/**
 * Records may become readable a little after their arrival timestamp (AWS stamps a record on receipt and serves it
 * once stored; another endpoint's clock may be off from ours): watermarks stay this far behind.
 */
export const VISIBILITY_SKEW_MS = 100;

/**
 * The margin a polling reader keeps on a connection. The local engine stamps a record's arrival and stores it in
 * one synchronous step of its thread, on this machine's clock, so a GetRecords that left at time T has seen every
 * record stamped before T: no margin, and a quiet shard no longer holds the others' newest 100 ms back for a
 * poll. (Injected write latency is the exception: the engine stamps before the delay, so such a record can come
 * after records of other shards stamped later.) Fan-out keeps VISIBILITY_SKEW_MS: its events are timed on
 * receipt, after the engine read them.
 */
export function visibilityMarginFor(kind: ConnectionKind): number {
  return kind === 'local' ? 0 : VISIBILITY_SKEW_MS;
}

/** What both read modes share: state, watermark, and stopping (from the session or from inside). */
export abstract class ReaderBase {
  state: ReaderState = 'reading';
  watermark = -Infinity;
  millisBehindLatest: number | null = null;
  lastProgressAt = Date.now();
  lastError: RpcErrorShape | null = null;
  protected readonly abort = new AbortController();

  constructor(parentSignal: AbortSignal) {
    parentSignal.addEventListener('abort', () => this.stop(), { once: true });
  }

  stop(): void {
    if (this.state === 'reading' || this.state === 'backing-off') this.state = 'stopped';
    this.abort.abort();
  }

  protected get live(): boolean {
    return !this.abort.signal.aborted && (this.state === 'reading' || this.state === 'backing-off');
  }
}
