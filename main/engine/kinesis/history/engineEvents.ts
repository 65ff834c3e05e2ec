// Timestamped events that explain a change on the metrics charts: reshards when they take effect (split, merge,
// UpdateShardCount, on-demand scaling), capacity-mode switches and fault-rule changes. Persisted in the engine's
// SQLite beside the minute history and bounded with it (24 hours, at most MAX_EVENTS rows).
import type { MetricAnnotation } from '../../../../shared/contract/metrics';
import type { HistoryStore } from '../../../storage/historyStore';

/** The kinds the metrics charts draw (the contract's annotation kinds). */
export type EngineEventKind = MetricAnnotation['kind'];

export interface EngineEvent {
  AtMs: number;
  Kind: EngineEventKind;
  /** Absent for engine-wide events (fault rules for every stream). */
  StreamName?: string;
  /** One line for a chart's annotation. */
  Label: string;
  /** The shards involved: parents first, then children. */
  ShardIds: string[];
}

export class EngineEvents {
  constructor(private readonly store: HistoryStore) {}

  record(atMs: number, stream: { region: string; name: string } | null, kind: EngineEventKind, label: string, shardIds: string[] = []): void {
    this.store.addEvent({ atMs, region: stream?.region ?? null, streamName: stream?.name ?? null, kind, detail: { label, shardIds } });
  }

  /** The stream's events and the engine-wide ones with fromMs <= AtMs < toMs, oldest first. */
  of(region: string, streamName: string, fromMs: number, toMs: number): EngineEvent[] {
    return this.store.eventsOf(region, streamName, fromMs, toMs).map((row) => ({
      AtMs: row.atMs,
      Kind: row.kind as EngineEventKind,
      ...(row.streamName !== null ? { StreamName: row.streamName } : {}),
      Label: typeof row.detail.label === 'string' ? row.detail.label : row.kind,
      ShardIds: Array.isArray(row.detail.shardIds) ? row.detail.shardIds.filter((s): s is string => typeof s === 'string') : [],
    }));
  }
}
