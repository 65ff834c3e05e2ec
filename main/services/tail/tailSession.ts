// One tail session (the tail.records subscription): a MergedReader over the chosen shards, every record
// decoded and filtered in main, matching rows pushed to the client as compact items with status items
// interleaved every statusIntervalMs (one ordered channel, so counters describe exactly the rows before them).
// A source that can wait: each push waits for room in the subscription's queue, so a slow client slows the
// reads instead of growing memory. Rows sent are kept (RowStore) for tail.record and export.
import { randomUUID } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ConnectionKind } from '../../../shared/contract/connections';
import type { TailItem, TailRecordsParams, TailStatus } from '../../../shared/contract/tail';
import { readSummary } from '../streams/streamReaders';
import { confirmAccount } from './accountGuard';
import { deregisterConsumer, registerConsumer } from './fanoutConsumer';
import { compileFilter, type CompiledFilter } from './filters';
import { MergedReader } from './mergedReader';
import { scanNewestFirst } from './newestFirst';
import { RowStore } from './rowStore';
import { visibilityMarginFor } from './shardReader';
import { compileColumns, matchRows, type RowCounters } from './tailRows';
import type { PathSegment } from '../../../shared/domain/jsonPath';

export interface SessionConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  /** The connection's clients, fetched per call; throws once the session's connection is no longer usable. */
  kinesis(): KinesisClient;
  sts(): STSClient | undefined;
  /** Clients that still work after the active connection changed (to deregister a fan-out consumer). */
  detached?(): { kinesis: KinesisClient; dispose(): void };
}

export interface TailOutput {
  push(item: TailItem): void;
  /** Room in the client's queue; 0 once the subscription is over. */
  ready(): Promise<number>;
  readonly signal: AbortSignal;
}

class Stopped extends Error {}

export class TailSession {
  readonly id = randomUUID();
  readonly rows: RowStore;
  readonly counters: RowCounters = { scanned: 0, matched: 0 };
  readonly filter: CompiledFilter;
  readonly columns: PathSegment[][];
  private room = 0;

  constructor(
    readonly params: TailRecordsParams,
    readonly connection: SessionConnection,
  ) {
    // Both throw ValidationException with the position before anything is read.
    this.filter = compileFilter(params.filter);
    this.columns = compileColumns(params.columns);
    this.rows = new RowStore(params.bufferSize);
  }

  get stream(): string {
    return this.params.stream;
  }

  async run(out: TailOutput): Promise<void> {
    try {
      if (this.params.order === 'newest-first') {
        await this.send(out, this.startedItem([], null));
        const reason = await scanNewestFirst(this, (record) => this.emitRecord(out, record), () => this.status([], 0), (item) => this.send(out, item), out.signal);
        await this.send(out, { type: 'end', reason, ...this.counters });
        return;
      }
      await this.runMerged(out);
    } catch (error) {
      if (error instanceof Stopped) return;
      throw error;
    }
  }

  private async runMerged(out: TailOutput): Promise<void> {
    const p = this.params;
    let consumerArn: string | null = null;
    try {
      if (p.mode.type === 'fanout') {
        await confirmAccount(this.connection, this.connection.sts(), p.mode.confirmAccountId, 'register an enhanced fan-out consumer');
        const summary = await readSummary(this.connection.kinesis(), p.stream);
        consumerArn = await registerConsumer(this.connection.kinesis(), summary.arn, p.mode.consumerName ?? `shardscope-tail-${this.id.slice(0, 8)}`, out.signal);
      }
      const mode = p.mode.type === 'polling' ? { type: 'polling' as const, options: p.mode } : { type: 'fanout' as const, consumerArn: consumerArn ?? '' };
      const merged = new MergedReader({ stream: p.stream, shards: p.shards, start: p.start, end: p.end, mode, mergeWindowMs: p.mergeWindowMs, visibilityMarginMs: visibilityMarginFor(this.connection.kind), kinesis: () => this.connection.kinesis() }, out.signal);
      await merged.prepare();
      await this.send(out, this.startedItem(merged.initialShards, consumerArn));
      let nextStatus = Date.now() + p.statusIntervalMs;
      const reason = await merged.run(
        (record) => this.emitRecord(out, record),
        async () => {
          if (Date.now() < nextStatus) return;
          nextStatus = Date.now() + p.statusIntervalMs;
          await this.send(out, this.status(merged.statuses(), merged.held));
        },
      );
      if (reason === 'stopped') return;
      await this.send(out, this.status(merged.statuses(), merged.held));
      await this.send(out, { type: 'end', reason, ...this.counters });
    } finally {
      if (consumerArn) await this.deregister(consumerArn);
    }
  }

  private deregister(consumerArn: string): Promise<void> {
    return deregisterOn(this.connection, consumerArn);
  }

  private startedItem(shards: string[], consumerArn: string | null): TailItem {
    return { type: 'started', sessionId: this.id, stream: this.params.stream, connectionId: this.connection.id, mode: this.params.mode.type, consumerArn, shards };
  }

  status(shards: TailStatus['shards'], held: number): TailStatus {
    return { type: 'status', at: Date.now(), scanned: this.counters.scanned, matched: this.counters.matched, held, shards };
  }

  async emitRecord(out: TailOutput, record: Parameters<typeof matchRows>[0]): Promise<void> {
    for (const { row, kept } of await matchRows(record, this.filter, this.columns, this.counters)) {
      await this.send(out, row);
      this.rows.add(kept);
    }
  }

  private async send(out: TailOutput, item: TailItem): Promise<void> {
    if (this.room <= 0) this.room = await out.ready();
    if (this.room <= 0) throw new Stopped();
    this.room--;
    out.push(item);
  }
}

/** A consumer costs money while it exists: deregister it even when its reader ended by a connection switch. */
export async function deregisterOn(connection: SessionConnection, consumerArn: string): Promise<void> {
  let kinesis: KinesisClient;
  let dispose = (): void => undefined;
  try {
    kinesis = connection.kinesis();
  } catch (error) {
    const detached = connection.detached?.();
    if (!detached) throw error;
    kinesis = detached.kinesis;
    dispose = detached.dispose;
  }
  try {
    await deregisterConsumer(kinesis, consumerArn);
  } finally {
    dispose();
  }
}
