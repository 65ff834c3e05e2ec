// One analytics.run: a compiled query fed by a source (a stream's shards or a local delivery stream), its clock
// advanced by how far every shard has been read so quiet windows still close, result rows batched to the client
// (at most every batchMs), the error stream and late records alongside, stats every statsIntervalMs with the
// state bound, and rows copied to an output when one is given. The query's own work is synchronous and small per
// batch (about a microsecond a record); the run yields to the event loop after every batch.
import { randomUUID } from 'node:crypto';
import type { PlanColumn, RunItem, RunParams, RunRecordError, RunStopReason, LateRecord, ResultRow } from '../../../shared/contract/analytics';
import { ErrorCode, RpcError, toRpcError } from '../../../shared/contract/errors';
import { payloadText } from '../../analytics/inputSchema';
import { startQuery, type QueryRun, type SourceRecord } from '../../analytics/streamingQuery';
import type { QueryPlan } from '../../analytics/queryPlan';
import { DeliverySource } from './deliverySource';
import type { LocalFirehoseTarget } from './localFirehose';
import { compileInput, windowSummary } from './queryCheck';
import { openOutput, type ResultOutput } from './resultOutput';
import { StreamSource, type RecordSource, type SourceEnd } from './streamSource';
import type { SessionConnection } from '../tail/tailSession';

export interface RunOutput {
  push(item: RunItem): void;
  /** Room in the client's queue; 0 once the subscription is over. */
  ready(): Promise<number>;
  readonly signal: AbortSignal;
}

export interface RunDeps {
  connection: SessionConnection;
  /** The local engine's endpoint and credentials, for a delivery stream source (local connection only). */
  localFirehose(): LocalFirehoseTarget;
}

const ROWS_PER_ITEM = 1000;
/** Per batch sent: rejected records and late records listed (all are counted). */
const LISTED_PER_BATCH = 100;
const ERROR_TEXT_CHARS = 1024;

class Stopped extends Error {}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Compiles and runs; resolves when the client unsubscribes or the run stops by itself (after its stopped item). */
export async function runQuery(params: RunParams, deps: RunDeps, out: RunOutput): Promise<void> {
  const sourceName = params.source.kind === 'stream' ? params.source.streamName : params.source.name;
  const checked = compileInput(params, sourceName);
  if (!checked.ok) {
    const { message, span } = checked.error;
    throw new RpcError(ErrorCode.ValidationException, `The query does not compile (line ${span.line}, column ${span.column}): ${message}`);
  }
  const plan = checked.plan;
  const columns = plan.output.map((o): PlanColumn => ({ name: o.name, type: o.type }));
  const source: RecordSource = params.source.kind === 'stream' ? new StreamSource(params.source, deps.connection, out.signal, 'query') : new DeliverySource(params.source, deps.localFirehose(), out.signal);
  let output: ResultOutput | null = null;
  try {
    if (params.output) output = await openOutput(params.output, columns, deps.connection, out.signal);
    const shards = await source.open();
    const session = new QueryRunSession(params, plan, columns, source, output, out);
    try {
      await session.run(shards, deps.connection.id);
    } finally {
      session.dispose();
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  } finally {
    source.stop();
    await source.close();
    await output?.close();
  }
}

class QueryRunSession {
  readonly runId = randomUUID();
  private readonly query: QueryRun;
  private room = 0;
  private rows: ResultRow[] = [];
  private errors: RunRecordError[] = [];
  private errorsTotal = 0;
  private late: LateRecord[] = [];
  private lateTotal = 0;
  private lastFlush = 0;
  private nextStats: number;
  private statsFrom = { at: Date.now(), records: 0 };
  private readThrough = -Infinity;
  private batch: readonly SourceRecord[] = [];
  private batchIndex: Map<string, SourceRecord> | null = null;
  private stop: { reason: RunStopReason; message: string } | null = null;
  /** Sends are serialised: a timer flush (rows waiting for the batch interval) and the source's own never interleave. */
  private sending: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly params: RunParams,
    private readonly plan: QueryPlan,
    private readonly columns: PlanColumn[],
    private readonly source: RecordSource,
    private readonly output: ResultOutput | null,
    private readonly out: RunOutput,
  ) {
    this.nextStats = Date.now() + params.statsIntervalMs;
    this.query = startQuery(
      plan,
      params.schema,
      {
        rows: (rows) => {
          for (const row of rows) this.rows.push(row);
          output?.write(rows);
        },
        recordError: (error) => {
          this.errorsTotal++;
          if (this.errors.length >= LISTED_PER_BATCH) return;
          const record = this.recordOf(error.shardId, error.sequenceNumber);
          const text = record ? payloadText(record.data) : '';
          this.errors.push({ ...error, partitionKey: record?.partitionKey ?? '', text: text.length > ERROR_TEXT_CHARS ? text.slice(0, ERROR_TEXT_CHARS) : text });
        },
        lateRecord: (late) => {
          this.lateTotal++;
          if (this.late.length < LISTED_PER_BATCH) this.late.push(late);
        },
        stopped: (message) => {
          this.stop ??= { reason: 'memory-bound', message };
        },
      },
      { maxStateBytes: params.maxStateBytes },
    );
  }

  async run(shards: string[], connectionId: string): Promise<void> {
    const p = this.plan;
    this.query.expectShards(shards);
    await this.send({ type: 'started', runId: this.runId, connectionId, columns: this.columns, shards: this.params.source.kind === 'stream' ? shards : [], maxStateBytes: this.params.maxStateBytes, time: { column: p.time.column, eventTime: p.time.eventTime }, window: windowSummary(p) });
    let end: SourceEnd;
    try {
      end = await this.source.run({
        records: async (batch) => {
          this.batch = batch;
          this.batchIndex = null;
          this.query.pushBatch(batch);
          this.batch = [];
          await this.afterWork(false);
          await yieldToLoop();
        },
        tick: async (through) => {
          if (Number.isFinite(through)) {
            this.readThrough = Math.max(this.readThrough, through);
            this.query.advanceTo(through);
          }
          await this.afterWork(false);
        },
        shardsStarted: (ids) => this.query.expectShards(ids),
        shardEnded: (id) => this.query.endShard(id),
        missed: (count) => {
          this.errorsTotal += count;
          this.errors.push({ reason: `${count} record${count === 1 ? ' was' : 's were'} dropped from the delivery stream's recent records before the query read them.`, shardId: '', sequenceNumber: '', arrivalMs: Date.now(), partitionKey: '', text: '' });
        },
      });
    } catch (error) {
      if (error instanceof Stopped || this.out.signal.aborted) throw new Stopped();
      const { code, message } = toRpcError(error);
      this.stop ??= { reason: 'source-failed', message: `Reading the source failed (${code}): ${message}` };
      end = 'stopped';
    }
    if (this.out.signal.aborted) return;
    if (!this.stop && end === 'ended') {
      this.query.finish();
      this.stop = { reason: 'source-ended', message: 'Every shard of the stream was closed and read to its end; the last windows were emitted.' };
    }
    await this.afterWork(true);
  }

  /** Sends what is due: rows (at most every batchMs, or now), errors, late records, stats; then a stop if one came. */
  private async afterWork(final: boolean): Promise<void> {
    const now = Date.now();
    if (this.output?.fatal) this.stop ??= { reason: 'output-failed', message: this.output.fatal };
    const stopping = final || this.stop !== null;
    if (stopping || now - this.lastFlush >= this.params.batchMs) await this.serialised(() => this.flush(now));
    else this.flushLater(now);
    if (stopping || now >= this.nextStats) await this.serialised(() => this.sendStats(now));
    if (!this.stop) return;
    this.source.stop();
    const stop = this.stop;
    this.stop = null;
    await this.send({ type: 'stopped', ...stop });
    throw new Stopped();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** Rows that closed inside the batch interval leave when it ends, not at the source's next tick. */
  private flushLater(now: number): void {
    if (this.flushTimer || this.rows.length === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.serialised(() => this.flush(Date.now())).catch(() => undefined);
    }, Math.max(0, this.lastFlush + this.params.batchMs - now));
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.sending.then(work);
    this.sending = next.catch(() => undefined);
    return next;
  }

  private async flush(now: number): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.rows.length > 0) {
      // The interval counts from the last rows sent: a window closing after a quiet spell leaves at once.
      this.lastFlush = now;
      const rows = this.rows;
      this.rows = [];
      const watermark = this.query.stats().watermark;
      for (let i = 0; i < rows.length; i += ROWS_PER_ITEM) await this.send({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_ITEM), watermark, at: now });
    }
    if (this.errors.length > 0) {
      const errors = this.errors;
      this.errors = [];
      await this.send({ type: 'errors', errors, total: this.errorsTotal });
    }
    if (this.late.length > 0) {
      const records = this.late;
      this.late = [];
      await this.send({ type: 'late', records, total: this.lateTotal });
    }
  }

  private async sendStats(now: number): Promise<void> {
    this.nextStats = now + this.params.statsIntervalMs;
    const stats = this.query.stats();
    const seconds = Math.max(0.001, (now - this.statsFrom.at) / 1000);
    const recordsPerSecond = (stats.recordsIn - this.statsFrom.records) / seconds;
    this.statsFrom = { at: now, records: stats.recordsIn };
    const lagMs = Number.isFinite(this.readThrough) ? Math.max(0, now - this.readThrough) : null;
    await this.send({ type: 'stats', at: now, stats, recordsPerSecond, lagMs, output: this.output?.status() ?? null });
  }

  private recordOf(shardId: string, sequenceNumber: string): SourceRecord | undefined {
    this.batchIndex ??= new Map(this.batch.map((r) => [`${r.shardId}/${r.sequenceNumber}`, r]));
    return this.batchIndex.get(`${shardId}/${sequenceNumber}`);
  }

  private async send(item: RunItem): Promise<void> {
    if (this.room <= 0) this.room = await this.out.ready();
    if (this.room <= 0) throw new Stopped();
    this.room--;
    this.out.push(item);
  }
}
