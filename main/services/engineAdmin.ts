// A typed HTTP client for the local engine's admin API (docs/engine-admin.md): used by the console's local
// connection (limits and faults switches, live stats) and by tests. Plain JSON over the engine's own port.
import type {
  FaultRule,
  FaultsView,
  KeyTraffic,
  LimitsMode,
  LimitsView,
  Metrics,
  ResetStreamResult,
  RestoreStreamResult,
  SnapshotStreamResult,
  StreamEventsView,
  StreamMetricsView,
  StreamStatsView,
} from '../engine/kinesis/admin/adminTypes';

export type * from '../engine/kinesis/admin/adminTypes';

export const ADMIN_TARGET_PREFIX = 'Shardscope_20261128';

/** An admin call the engine refused, with its AWS-style error type. */
export class EngineAdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}

export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

/** One complete second of a stream's stats: what a live-stats subscription delivers. */
export interface StatsSample {
  StreamName: string;
  /** Epoch ms of the second. */
  Second: number;
  Stream: Metrics;
  Shards: { ShardId: string; Open: boolean; Metrics: Metrics; TopPartitionKeys: KeyTraffic[] }[];
}

function metricsAt(series: Record<string, number[]>, index: number): Metrics {
  return Object.fromEntries(Object.entries(series).map(([name, values]) => [name, values[index] ?? 0])) as Metrics;
}

export interface EngineAdminOptions {
  /** The engine endpoint, e.g. http://127.0.0.1:4567. */
  endpoint: string;
  /** Sent as the SigV4 scope region, which picks the region StreamName is looked up in. Default: engine's. */
  region?: string;
  fetch?: typeof fetch;
}

export class EngineAdmin {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: EngineAdminOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async call<T>(action: string, input: object = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${ADMIN_TARGET_PREFIX}.${action}` };
    if (this.options.region) headers.authorization = `AWS4-HMAC-SHA256 Credential=shardscope/20261128/${this.options.region}/kinesis/aws4_request`;
    const response = await this.fetch(this.options.endpoint, { method: 'POST', headers, body: JSON.stringify(input) });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (!response.ok) {
      const code = typeof body.__type === 'string' ? body.__type : `HTTP${response.status}`;
      const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : code;
      throw new EngineAdminError(code, message, response.status);
    }
    return body as T;
  }

  getLimits(stream?: StreamRef): Promise<LimitsView> {
    return this.call('GetLimits', stream ?? {});
  }

  /** Engine-wide settings. */
  setEngineLimits(settings: { Mode?: LimitsMode; BurstSeconds?: number; OnDemandScaleAfterSeconds?: number }): Promise<LimitsView> {
    return this.call('SetLimits', settings);
  }

  /** A stream's own mode; 'engine' makes it follow the engine-wide mode again. */
  setStreamLimits(stream: StreamRef, mode: LimitsMode | 'engine'): Promise<LimitsView> {
    return this.call('SetLimits', { ...stream, Mode: mode });
  }

  getFaults(streamName?: string): Promise<FaultsView> {
    return this.call('GetFaults', streamName === undefined ? {} : { StreamName: streamName });
  }

  /** Replaces every rule, or with streamName only that stream's. */
  setFaults(rules: FaultRule[], options: { streamName?: string; seed?: number } = {}): Promise<FaultsView> {
    return this.call('SetFaults', { Rules: rules, ...(options.streamName !== undefined ? { StreamName: options.streamName } : {}), ...(options.seed !== undefined ? { Seed: options.seed } : {}) });
  }

  getStreamStats(stream: StreamRef, options: { seconds?: number; topKeys?: number; shardId?: string } = {}): Promise<StreamStatsView> {
    return this.call('GetStreamStats', {
      ...stream,
      ...(options.seconds !== undefined ? { Seconds: options.seconds } : {}),
      ...(options.topKeys !== undefined ? { TopKeys: options.topKeys } : {}),
      ...(options.shardId !== undefined ? { ShardId: options.shardId } : {}),
    });
  }

  /** The per-minute history for [startMs, endMs) within the last 24 hours. */
  getStreamMetrics(stream: StreamRef, range: { startMs?: number; endMs?: number; shardId?: string } = {}): Promise<StreamMetricsView> {
    return this.call('GetStreamMetrics', {
      ...stream,
      ...(range.startMs !== undefined ? { StartTime: range.startMs } : {}),
      ...(range.endMs !== undefined ? { EndTime: range.endMs } : {}),
      ...(range.shardId !== undefined ? { ShardId: range.shardId } : {}),
    });
  }

  /** Reshards, capacity-mode switches, on-demand scaling and fault changes of the stream, oldest first. */
  getStreamEvents(stream: StreamRef, range: { startMs?: number; endMs?: number } = {}): Promise<StreamEventsView> {
    return this.call('GetStreamEvents', { ...stream, ...(range.startMs !== undefined ? { StartTime: range.startMs } : {}), ...(range.endMs !== undefined ? { EndTime: range.endMs } : {}) });
  }

  resetStream(stream: StreamRef): Promise<ResetStreamResult> {
    return this.call('ResetStream', stream);
  }

  snapshotStream(stream: StreamRef, path: string): Promise<SnapshotStreamResult> {
    return this.call('SnapshotStream', { ...stream, Path: path });
  }

  restoreStream(stream: StreamRef, path: string): Promise<RestoreStreamResult> {
    return this.call('RestoreStream', { ...stream, Path: path });
  }

  /**
   * Polls GetStreamStats and calls onSample once per complete second, in order, catching up on seconds a slow
   * poll missed (up to the hour the engine keeps). The shape a live-stats subscription sends to the console.
   */
  watchStreamStats(
    stream: StreamRef,
    onSample: (sample: StatsSample) => void,
    options: { intervalMs?: number; topKeys?: number; onError?: (error: unknown) => void } = {},
  ): { stop(): void } {
    let last: number | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const seconds = last === undefined ? 2 : Math.min(3600, Math.max(2, Math.ceil((Date.now() - last) / 1000) + 1));
        const view = await this.getStreamStats(stream, { seconds, topKeys: options.topKeys ?? 5 });
        // The series' last second is still filling: emit up to the one before it.
        for (let i = 0; i < view.Seconds - 1; i++) {
          const second = view.StartTime + i * 1000;
          if (last !== undefined && second <= last) continue;
          if (stopped) return;
          last = second;
          const latest = i === view.Seconds - 2;
          onSample({
            StreamName: view.StreamName,
            Second: second,
            Stream: metricsAt(view.Stream.Series, i),
            Shards: view.Shards.map((s) => ({ ShardId: s.ShardId, Open: s.Open, Metrics: metricsAt(s.Series, i), TopPartitionKeys: latest ? s.TopPartitionKeys : [] })),
          });
        }
      } catch (error) {
        options.onError?.(error);
      } finally {
        if (!stopped) timer = setTimeout(() => void poll(), options.intervalMs ?? 1000);
      }
    };
    void poll();
    return {
      stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
      },
    };
  }
}
