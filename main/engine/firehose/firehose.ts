// Firehose on one engine: its delivery streams (rows in SQLite through FirehoseStore), their status transitions
// (CREATING → ACTIVE, DELETING → gone, after the engine's status delays) and the listeners delivery registers to
// follow them. One Firehose per Engine, built by firehoseEngine.ts; actions reach it as ctx.firehose. Nothing here
// lives in module scope, so two engines in one process never see each other.
import { FirehoseStore, type DeliveryStreamRow, type PendingRecordRow } from '../../storage/firehoseStore';
import { LambdaModuleStore } from '../../storage/lambdaModuleStore';
import { actionDefiner, type ActionContext } from '../core/action';
import type { EngineConfig } from '../core/config';
import type { Engine } from '../core/engine';
import { randomBytes } from 'node:crypto';
import { inUse, invalidArgument, notFound } from '../core/errors';
import type { RequestContext } from '../core/request';
import type { Service } from '../core/service';
import type { DeliveryHistory } from './metrics/deliveryHistory';
import { RecentRecords } from './recentRecords';

export interface FirehoseContext extends ActionContext {
  firehose: Firehose;
}

/** defineAction for Firehose actions: handlers get a FirehoseContext. */
export const defineAction = actionDefiner<FirehoseContext>();

/** Follows delivery streams as they change: delivery starts, restarts and stops its pipelines from here. */
export interface DeliveryStreamListener {
  /** The stream became ACTIVE, or its configuration changed while ACTIVE. */
  active(stream: DeliveryStreamRow): void;
  /** The stream is being deleted or is gone. */
  removed(streamId: number): void;
  /** Records Put accepted, already persisted until they settle. */
  accepted(streamId: number, records: readonly PendingRecordRow[]): void;
}

export class Firehose {
  readonly store: FirehoseStore;
  /** Function ARNs that stand for local JavaScript modules (LocalSetLambdaModule). */
  readonly lambdaModules: LambdaModuleStore;
  readonly config: EngineConfig;
  readonly clock: () => number;
  readonly listeners: DeliveryStreamListener[] = [];
  /** The Firehose API service; set once by firehoseEngine.ts. */
  api: Service | undefined;
  /** Local-only controls of delivery (flush now); set by firehoseEngine.ts. */
  flushNow: ((streamId: number) => Promise<void>) | undefined;
  /** Local only: an hour of per-second history per stream (LocalGetDeliveryMetrics); set by firehoseEngine.ts. */
  history: DeliveryHistory | undefined;
  /** Local only: the records each stream accepted recently (LocalReadDeliveryRecords). */
  readonly recent = new RecentRecords();

  constructor(readonly engine: Engine) {
    this.listeners.push(this.recent);
    this.store = new FirehoseStore(engine.store.db);
    this.lambdaModules = new LambdaModuleStore(engine.store.db);
    this.config = engine.config;
    this.clock = engine.clock;
  }

  context(request: RequestContext): FirehoseContext {
    return { ...request, engine: this.engine, firehose: this, store: this.engine.store, config: this.config, accountId: this.config.accountId, now: this.clock() };
  }

  /** Runs one Firehose action as the HTTP front would. */
  dispatch(action: string, body: unknown, request: RequestContext): Promise<unknown> {
    if (!this.api) throw new Error('the Firehose service is not installed');
    return this.api.dispatch(action, body, request);
  }

  arn(region: string, name: string): string {
    return `arn:aws:firehose:${region}:${this.config.accountId}:deliverystream/${name}`;
  }

  notFoundMessage(name: string): string {
    return `Firehose ${name} under account ${this.config.accountId} not found.`;
  }

  /** The delivery stream by name in a region, with a due transition applied; undefined when absent. */
  find(region: string, name: string): DeliveryStreamRow | undefined {
    const row = this.store.streamByName(region, name);
    return row && this.settle(row);
  }

  /** The delivery stream or AWS's ResourceNotFoundException. */
  require(region: string, name: string): DeliveryStreamRow {
    const row = this.find(region, name);
    if (!row) throw notFound(this.notFoundMessage(name));
    return row;
  }

  /** ResourceInUseException unless ACTIVE (configuration changes need an ACTIVE stream). */
  requireActive(row: DeliveryStreamRow): void {
    if (row.status !== 'ACTIVE') throw inUse(`Firehose ${row.name} under account ${this.config.accountId} is not in ACTIVE state, instead in ${row.status}.`);
  }

  /**
   * The stream Put may write to: Put on a KinesisStreamAsSource stream is AWS's InvalidArgumentException; a stream
   * still CREATING is not found yet (DELETING ones still take records, as AWS says).
   */
  requireWritable(region: string, name: string): DeliveryStreamRow {
    const row = this.require(region, name);
    if (row.type === 'KinesisStreamAsSource') throw invalidArgument('This operation is not permitted on KinesisStreamAsSource delivery stream type.');
    if (row.status !== 'ACTIVE' && row.status !== 'DELETING') throw notFound(`Firehose ${name} under account ${this.config.accountId} is not ACTIVE, instead in state ${row.status}.`);
    return row;
  }

  /** A new opaque RecordId; ids sort in the order Put accepted them (replay keeps that order). */
  nextRecordId(now: number): string {
    this.recordCounter = (this.recordCounter + 1) % 0x1000000;
    // 40 random bytes per id, taken from a pool: one randomBytes call per id cost more than the rest of Put.
    if (this.randomOffset + 40 > this.randomPool.length) {
      this.randomPool = randomBytes(40 * 1024);
      this.randomOffset = 0;
    }
    const random = this.randomPool.subarray(this.randomOffset, (this.randomOffset += 40));
    return `${now.toString(16).padStart(12, '0')}${this.recordCounter.toString(16).padStart(6, '0')}${random.toString('base64url')}`;
  }

  private recordCounter = 0;
  private randomPool = Buffer.alloc(0);
  private randomOffset = 0;

  /** Persists Put's records until delivery settles them, then hands them to delivery. */
  accept(row: DeliveryStreamRow, records: readonly PendingRecordRow[]): void {
    this.store.addRecords(row.id, records);
    for (const listener of this.listeners) listener.accepted(row.id, records);
  }

  /** Puts the stream in CREATING or DELETING until delayMs has passed (then ACTIVE, or removed). */
  beginTransition(id: number, status: 'CREATING' | 'DELETING', delayMs: number): void {
    const due = this.clock() + delayMs;
    this.store.setStatus(id, status, due);
    if (status === 'DELETING') for (const listener of this.listeners) listener.removed(id);
    if (delayMs > 0) this.engine.after(delayMs, () => this.settleDue());
    else this.settleDue();
  }

  /** Applies the row's transition if it is due; returns the current row (undefined once deleted). */
  settle(row: DeliveryStreamRow): DeliveryStreamRow | undefined {
    if (row.statusDueMs === null || row.statusDueMs > this.clock()) return row;
    this.complete(row);
    return this.store.streamById(row.id);
  }

  /** Settles every due transition; at start, every pending one (the delay has passed while stopped). */
  settleDue(all = false): void {
    const now = this.clock();
    for (const row of this.store.pendingStreams()) {
      if (all || (row.statusDueMs !== null && row.statusDueMs <= now)) this.complete(row);
    }
  }

  /** Tells the listeners about a configuration change of an ACTIVE stream. */
  changed(id: number): void {
    const row = this.store.streamById(id);
    if (row?.status === 'ACTIVE') for (const listener of this.listeners) listener.active(row);
  }

  private complete(row: DeliveryStreamRow): void {
    if (row.status === 'DELETING') {
      this.store.deleteStream(row.id);
      for (const listener of this.listeners) listener.removed(row.id);
      return;
    }
    this.store.setStatus(row.id, 'ACTIVE', null);
    this.changed(row.id);
  }
}
