// One running data generator. A token bucket turns the target rate into PutRecords batches: every tick adds
// rate × elapsed records of credit (capped at one second's worth, so a stall never turns into a burst), and
// credit is spent in batches of up to 500 records / 5 MiB while fewer than MAX_CALLS calls are in flight. A
// backend slower than the target simply lowers the achieved rate. Counts: `sent` when a call leaves,
// `acknowledged` / `failed` per record when it returns (a whole-call error fails all its records), so once
// stopped (stop() waits for calls in flight) acknowledged + failed = sent.
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { toRpcError, type RpcErrorShape } from '../../../shared/contract/errors';
import type { GeneratorStatus } from '../../../shared/contract/producers';
import type { RecordSource } from '../../../shared/domain/generatedRecords';
import type { GeneratedRecord } from '../../../shared/domain/recordShapes';

const TICK_MS = 50;
const MAX_CALLS = 4;
const MAX_BATCH_RECORDS = 500;
/** PutRecords takes 5 MiB per call, partition keys included; stay a little under. */
const MAX_BATCH_BYTES = 5 * 1024 * 1024 - 64 * 1024;
/** Whole calls failing in a row (no record acknowledged in between) before the generator gives up. */
const MAX_FAILED_CALLS = 10;
/** The achieved rate is measured over this window. */
const RATE_WINDOW_MS = 3000;

export interface GeneratorPlan {
  id: string;
  stream: string;
  connectionId: string;
  shape: GeneratorStatus['shape'];
  ratePerSecond: number;
  maxRecords?: number | undefined;
  durationMs?: number | undefined;
}

type StopReason = NonNullable<GeneratorStatus['stopReason']>;

export class GeneratorRun {
  private readonly startedAt = Date.now();
  private stoppedAt: number | null = null;
  private state: GeneratorStatus['state'] = 'running';
  private stopReason: StopReason | null = null;
  private sent = 0;
  private acknowledged = 0;
  private failed = 0;
  private credit = 0;
  private lastTick = this.startedAt;
  private failedCallsInRow = 0;
  private lastError: RpcErrorShape | null = null;
  private readonly calls = new Set<Promise<void>>();
  private readonly samples: { at: number; acknowledged: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A record that did not fit the previous batch's byte budget. */
  private carry: GeneratedRecord | null = null;
  private stopping: Promise<void> | null = null;
  /** Resolves once the run is over and every call has returned. */
  readonly done: Promise<void>;
  private finish!: () => void;

  constructor(
    readonly plan: GeneratorPlan,
    private readonly records: RecordSource,
    /** The active connection's client, fetched per call; throws once the connection is no longer the one started on. */
    private readonly kinesis: () => KinesisClient,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.schedule();
  }

  status(): GeneratorStatus {
    const now = this.stoppedAt ?? Date.now();
    return {
      id: this.plan.id,
      stream: this.plan.stream,
      connectionId: this.plan.connectionId,
      shape: this.plan.shape,
      ratePerSecond: this.plan.ratePerSecond,
      state: this.state,
      stopReason: this.stopReason,
      startedAt: this.startedAt,
      elapsedMs: now - this.startedAt,
      sent: this.sent,
      acknowledged: this.acknowledged,
      failed: this.failed,
      inFlight: this.sent - this.acknowledged - this.failed,
      achievedRate: this.achievedRate(now),
      lastError: this.lastError,
    };
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Stops sending, waits for the calls in flight, and resolves with the final status. */
  async stop(reason: StopReason = 'requested'): Promise<GeneratorStatus> {
    this.stopping ??= this.wind(reason);
    await this.stopping;
    return this.status();
  }

  private async wind(reason: StopReason): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopReason = reason;
    this.state = 'stopping';
    while (this.calls.size > 0) await Promise.allSettled([...this.calls]);
    this.stoppedAt = Date.now();
    this.state = reason === 'error' ? 'failed' : 'stopped';
    this.finish();
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.timer = null;
    if (this.state !== 'running') return;
    const now = Date.now();
    this.sample(now);
    if (this.plan.durationMs !== undefined && now - this.startedAt >= this.plan.durationMs) return void this.stop('completed');
    if (this.left() <= 0) return void this.stop('completed');
    this.credit = Math.min(this.plan.ratePerSecond, this.credit + (this.plan.ratePerSecond * (now - this.lastTick)) / 1000);
    this.lastTick = now;
    while (this.credit >= 1 && this.calls.size < MAX_CALLS) {
      const wanted = Math.min(Math.floor(this.credit), MAX_BATCH_RECORDS, this.left());
      if (wanted <= 0) break;
      const batch = this.batch(wanted, now);
      this.credit -= batch.length;
      this.send(batch);
    }
    this.schedule();
  }

  private left(): number {
    return this.plan.maxRecords === undefined ? Infinity : this.plan.maxRecords - this.sent;
  }

  private batch(wanted: number, now: number): PutRecordsRequestEntry[] {
    const entries: PutRecordsRequestEntry[] = [];
    let bytes = 0;
    while (entries.length < wanted) {
      const record = this.carry ?? this.records(now);
      this.carry = null;
      const data = Buffer.from(record.text, 'utf8');
      const size = data.length + Buffer.byteLength(record.partitionKey);
      if (entries.length > 0 && bytes + size > MAX_BATCH_BYTES) {
        this.carry = record; // first in the next batch
        break;
      }
      entries.push({ Data: data, PartitionKey: record.partitionKey });
      bytes += size;
    }
    return entries;
  }

  private send(entries: PutRecordsRequestEntry[]): void {
    this.sent += entries.length;
    const call = this.call(entries).finally(() => this.calls.delete(call));
    this.calls.add(call);
  }

  private async call(entries: PutRecordsRequestEntry[]): Promise<void> {
    try {
      const out = await this.kinesis().send(new PutRecordsCommand({ StreamName: this.plan.stream, Records: entries }));
      let ok = 0;
      for (const record of out.Records ?? []) {
        if (record.ErrorCode) this.lastError = { code: record.ErrorCode, message: record.ErrorMessage ?? record.ErrorCode };
        else ok++;
      }
      this.acknowledged += ok;
      this.failed += entries.length - ok;
      if (ok > 0) this.failedCallsInRow = 0;
    } catch (error) {
      this.failed += entries.length;
      this.lastError = toRpcError(error);
      if (++this.failedCallsInRow >= MAX_FAILED_CALLS && this.state === 'running') void this.stop('error');
    }
  }

  private sample(now: number): void {
    this.samples.push({ at: now, acknowledged: this.acknowledged });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - RATE_WINDOW_MS) this.samples.shift();
  }

  private achievedRate(now: number): number {
    if (this.stoppedAt !== null) {
      const seconds = (this.stoppedAt - this.startedAt) / 1000;
      return seconds > 0 ? round(this.acknowledged / seconds) : 0;
    }
    const first = this.samples[0];
    if (!first || now - first.at <= 0) return 0;
    return round(((this.acknowledged - first.acknowledged) * 1000) / (now - first.at));
  }
}

function round(rate: number): number {
  return Math.round(rate * 10) / 10;
}
