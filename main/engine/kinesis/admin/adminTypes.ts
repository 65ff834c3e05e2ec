// Response shapes of the admin API, shared by the actions (which build them) and the typed client
// (main/services/engineAdmin.ts).
import type { FaultRule } from '../faults/faultRules';
import type { EngineEvent, EngineEventKind } from '../history/engineEvents';
import type { LimitsMode } from '../limits/limitSettings';
import type { ScalingEvent } from '../limits/scalingState';
import type { MetricName } from '../stats/streamStats';
import type { KeyTraffic } from '../stats/topKeys';

export type { EngineEvent, EngineEventKind, FaultRule, KeyTraffic, LimitsMode, MetricName, ScalingEvent };

export interface StreamLimitsView {
  StreamName: string;
  Region: string;
  /** The stream's own setting; 'engine' when it follows the engine-wide mode. */
  Mode: LimitsMode | 'engine';
  EffectiveMode: LimitsMode;
  StreamMode?: string;
  /** Accepted UpdateShardCount calls in the rolling 24 hours (AWS allows 10). */
  ShardCountUpdatesLast24h?: number;
  OnDemandWriteCapacity?: { BytesPerSecond: number; RecordsPerSecond: number };
  ScalingEvents?: ScalingEvent[];
}

export interface LimitsView {
  Mode: LimitsMode;
  BurstSeconds: number;
  OnDemandScaleAfterSeconds: number;
  Rates: Record<string, number>;
  StreamOverrides: { Region: string; StreamName: string; Mode: LimitsMode }[];
  Stream?: StreamLimitsView;
}

export interface FaultsView {
  Seed: number;
  Rules: FaultRule[];
}

export type Metrics = Record<MetricName, number>;
export type MetricSeries = Record<MetricName, number[]>;

export interface ShardStatsView {
  ShardId: string;
  Open: boolean;
  Series: MetricSeries;
  /** Sums over the requested seconds (IteratorAgeMs: maximum). */
  Window: Metrics;
  /** Since the engine started (IteratorAgeMs: maximum). */
  Totals: Metrics;
  TopPartitionKeys: KeyTraffic[];
}

export interface StreamStatsView {
  StreamName: string;
  StreamARN: string;
  ResolutionSeconds: 1;
  /** Epoch ms of the first and last second of the series. */
  StartTime: number;
  EndTime: number;
  Seconds: number;
  TopKeysWindowSeconds: number;
  Stream: { Series: MetricSeries; Window: Metrics; Totals: Metrics };
  Shards: ShardStatsView[];
  ScalingEvents: ScalingEvent[];
}

/** GetStreamMetrics: the per-minute history; counts and bytes are sums over each minute, IteratorAgeMs its maximum. */
export interface StreamMetricsView {
  StreamName: string;
  StreamARN: string;
  ResolutionSeconds: 60;
  /** Epoch ms: the first minute's start, and the end of the last (exclusive). */
  StartTime: number;
  EndTime: number;
  Minutes: number;
  /** false when the engine was started without the history (its minutes then stay empty). */
  HistoryEnabled: boolean;
  Stream: { Series: MetricSeries };
  Shards: { ShardId: string; Open: boolean; Series: MetricSeries }[];
}

export interface StreamEventsView {
  StreamName: string;
  StartTime: number;
  EndTime: number;
  Events: EngineEvent[];
}

export interface ResetStreamResult {
  StreamName: string;
  RecordsDeleted: number;
}

export interface SnapshotStreamResult {
  StreamName: string;
  Path: string;
  Records: number;
  FileBytes: number;
  Shards: number;
}

export interface RestoreStreamResult {
  StreamName: string;
  Path: string;
  Records: number;
  SequenceNumbersPreserved: boolean;
}
