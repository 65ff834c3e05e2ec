// Data Streams on one engine: its stream cache and status transitions, the hooks its write and read paths call,
// its consumers, resources (tags, policies, channels), live controls (limits, faults, stats) and the hub of live
// SubscribeToShard subscriptions. One Kinesis per Engine, built by kinesisEngine.ts; actions reach it as
// ctx.kinesis. Nothing here lives in module scope, so two engines in one process never see each other.
import { ConsumerStore } from '../../storage/consumerStore';
import type { EngineStore, StreamRow } from '../../storage/engineStore';
import { HistoryStore } from '../../storage/historyStore';
import { ResourceStore } from '../../storage/resourceStore';
import { actionDefiner, type ActionContext } from '../core/action';
import type { ActionInterceptor } from '../core/actionService';
import type { EngineConfig } from '../core/config';
import type { Engine } from '../core/engine';
import { invalidArgument, inUse, notFound } from '../core/errors';
import type { RequestContext } from '../core/request';
import type { Service } from '../core/service';
import type { TokenSealer } from '../core/tokens';
import { SubscriptionHub } from './fanout/subscriptionHub';
import { FaultState, type FaultPlan } from './faults/faultState';
import { EngineEvents } from './history/engineEvents';
import { MinuteHistory } from './history/minuteHistory';
import { LimitsState } from './limits/limitsState';
import { ScalingState } from './limits/scalingState';
import type { RecordFailure, RecordToWrite } from './records/recordTypes';
import { StatsRegistry } from './stats/streamStats';
import type { StreamRef } from './streams/commonRules';
import { parseStreamArn, StreamCache, type ShardState, type StreamState } from './streams/streamModel';

/** How the write gates treat the records of one request, worked out at its first record. */
export interface WritePlan {
  /** The stream has realistic limits. */
  limited: boolean;
  /** Injected partial failures for this request. */
  partial: FaultPlan | undefined;
}

export interface KinesisContext extends ActionContext {
  kinesis: Kinesis;
  /** Set by the fault interceptor when this PutRecords request gets injected partial failures. */
  partialFailure: FaultPlan | undefined;
  /** The write gates' plan for this request: undefined until worked out, null when no gate has work. */
  writePlan: WritePlan | null | undefined;
}

/** defineAction for Kinesis and admin actions: handlers get a KinesisContext. */
export const defineAction = actionDefiner<KinesisContext>();

/** Decides per record whether it may be written; undefined lets it through. */
export type WriteGate = (ctx: KinesisContext, stream: StreamState, shard: ShardState, bytes: number) => RecordFailure | undefined;

/** Sees every committed write call (live stats, waking subscriptions); seqs[i] < 0 marks a record a gate refused. */
export type WriteObserver = (ctx: KinesisContext, stream: StreamState, shards: readonly ShardState[], records: readonly RecordToWrite[], seqs: readonly number[]) => void;

/** GetRecords' hook: `before` may refuse the call (read limits) by throwing; `after` sees what was served. */
export interface ReadHook {
  before(ctx: KinesisContext, stream: StreamState, shard: ShardState): void;
  /** bytes counts data plus partition keys; millisBehindLatest is the value the response carries. */
  after(ctx: KinesisContext, stream: StreamState, shard: ShardState, records: number, bytes: number, millisBehindLatest: number): void;
}

/** Sees every SubscribeToShardEvent with records (live stats: fan-out records, bytes, iterator age). */
export type FanoutObserver = (kinesis: Kinesis, stream: StreamState, shard: ShardState, records: number, bytes: number, millisBehind: number) => void;

/** The extension points of the Kinesis paths; kinesisEngine.ts fills them when it builds the engine. */
export interface KinesisHooks {
  readonly writeGates: WriteGate[];
  readonly writeObservers: WriteObserver[];
  readonly readHooks: ReadHook[];
  readonly fanoutObservers: FanoutObserver[];
  /** Run before every Kinesis action (not admin actions): injected faults, control-plane limits. */
  readonly interceptors: ActionInterceptor<KinesisContext>[];
  /** Run once streams or shards are gone from the store. SQLite hands a deleted row's id to the next new row, so
   *  state kept by id (stats, limit buckets) must be dropped at once, before a new shard can inherit it. */
  readonly removalObservers: ((kinesis: Kinesis) => void)[];
}

/** The run-time controls of one engine: limits, faults, live stats, their minute history and on-demand scaling. */
export interface KinesisControls {
  readonly limits: LimitsState;
  readonly faults: FaultState;
  readonly stats: StatsRegistry;
  readonly history: MinuteHistory;
  readonly scaling: ScalingState;
}

/** Runs when an UPDATING (or other) transition completes; registered by name so it survives restarts. */
export type TransitionHook = (kinesis: Kinesis, stream: StreamRow) => void;

const PENDING_HOOK = 'pendingTransitionHook';

export class Kinesis {
  readonly store: EngineStore;
  readonly config: EngineConfig;
  readonly clock: () => number;
  readonly tokens: TokenSealer;
  readonly streams: StreamCache;
  readonly hooks: KinesisHooks = { writeGates: [], writeObservers: [], readHooks: [], fanoutObservers: [], interceptors: [], removalObservers: [] };
  readonly consumers: ConsumerStore;
  readonly resources: ResourceStore;
  /** Reshards, capacity-mode switches, fault changes: what explains a change on the metrics charts. */
  readonly events: EngineEvents;
  readonly controls: KinesisControls;
  readonly subscriptions: SubscriptionHub;
  /** The Kinesis API service; set once by kinesisEngine.ts. */
  api: Service | undefined;
  private readonly transitionHooks = new Map<string, TransitionHook>();

  constructor(
    readonly engine: Engine,
    faultSeed?: number,
  ) {
    this.store = engine.store;
    this.config = engine.config;
    this.clock = engine.clock;
    this.tokens = engine.tokens;
    this.streams = new StreamCache(this.store);
    this.consumers = new ConsumerStore(this.store.db);
    this.resources = new ResourceStore(this.store.db);
    const history = new HistoryStore(this.store.db);
    this.events = new EngineEvents(history);
    const stats = new StatsRegistry();
    this.controls = {
      limits: new LimitsState(),
      faults: new FaultState(faultSeed),
      stats,
      history: new MinuteHistory(history, stats, (id) => this.streams.byId(id) !== undefined),
      scaling: new ScalingState(),
    };
    this.subscriptions = new SubscriptionHub(this.store.generation, this.config.subscriptionTakeoverMs);
  }

  context(request: RequestContext): KinesisContext {
    return { ...request, engine: this.engine, kinesis: this, store: this.store, config: this.config, accountId: this.config.accountId, now: this.clock(), partialFailure: undefined, writePlan: undefined };
  }

  /** Runs one Kinesis action as the HTTP front would (interceptors included). */
  dispatch(action: string, body: unknown, request: RequestContext): Promise<unknown> {
    if (!this.api) throw new Error('the Kinesis service is not installed');
    return this.api.dispatch(action, body, request);
  }

  // ---- streams -------------------------------------------------------------------------------------------

  notFoundMessage(name: string): string {
    return `Stream ${name} under account ${this.config.accountId} not found.`;
  }

  /** The stream by name in a region, with any due status transition applied; undefined when absent. */
  findStream(region: string, name: string): StreamState | undefined {
    const stream = this.streams.byNameIn(region, name);
    return stream && this.settle(stream);
  }

  findStreamById(rowId: number): StreamState | undefined {
    const stream = this.streams.byId(rowId);
    return stream && this.settle(stream);
  }

  /**
   * The stream a request names by StreamName, StreamARN and/or StreamId. Neither given:
   * InvalidArgumentException; given ones that disagree: InvalidArgumentException; not found:
   * ResourceNotFoundException.
   */
  resolveStream(ctx: KinesisContext, ref: StreamRef): StreamState {
    const { StreamName: name, StreamARN: arn, StreamId: streamId } = ref;
    if (name === undefined && arn === undefined && streamId === undefined) {
      throw invalidArgument('Either StreamName or StreamARN must be provided.');
    }
    let region = ctx.region;
    let byName = name;
    if (arn !== undefined) {
      const parsed = parseStreamArn(arn);
      if (!parsed) throw invalidArgument(`StreamARN ${arn} is not a valid stream ARN.`);
      if (name !== undefined && parsed.name !== name) {
        throw invalidArgument(`StreamARN ${arn} and StreamName ${name} do not refer to the same stream.`);
      }
      if (parsed.accountId !== ctx.accountId) throw notFound(`Stream ${parsed.name} under account ${parsed.accountId} not found.`);
      region = parsed.region;
      byName = parsed.name;
    }
    let stream: StreamState | undefined;
    if (byName !== undefined) {
      stream = this.findStream(region, byName);
      if (stream && streamId !== undefined && stream.streamId !== streamId) {
        throw invalidArgument(`StreamId ${streamId} does not match the stream named ${byName}.`);
      }
    } else {
      stream = this.findByStreamId(region, streamId ?? '');
    }
    if (!stream) throw notFound(this.notFoundMessage(byName ?? streamId ?? ''));
    return stream;
  }

  private findByStreamId(region: string, streamId: string): StreamState | undefined {
    const row = this.store.allStreams().find((s) => s.region === region && s.streamId === streamId);
    return row && this.findStreamById(row.id);
  }

  /** ResourceInUseException unless the stream is ACTIVE, with AWS's message. */
  requireActive(stream: StreamState): void {
    if (stream.status !== 'ACTIVE') {
      throw inUse(`Stream ${stream.name} under account ${this.config.accountId} not ACTIVE, instead in state ${stream.status}`);
    }
  }

  registerTransitionHook(name: string, hook: TransitionHook): void {
    this.transitionHooks.set(name, hook);
  }

  /**
   * Puts the stream in a transitional status (CREATING, UPDATING, DELETING) that settles after delayMs:
   * CREATING/UPDATING become ACTIVE (running the named hook first), DELETING removes the stream.
   */
  beginTransition(streamRowId: number, status: 'CREATING' | 'UPDATING' | 'DELETING', delayMs: number, hookName?: string): void {
    const row = this.store.streamById(streamRowId);
    if (!row) return;
    const due = this.clock() + delayMs;
    const settings = { ...row.settings };
    if (hookName) settings[PENDING_HOOK] = hookName;
    else delete settings[PENDING_HOOK];
    this.store.updateStream(streamRowId, { status, statusDueMs: due, settings });
    if (delayMs > 0) this.scheduleSettle(due);
  }

  /** Applies the stream's pending transition if it is due; returns the current state (undefined once deleted). */
  settle(stream: StreamState): StreamState | undefined {
    if (stream.statusDueMs === null || stream.statusDueMs > this.clock()) return stream;
    this.completeTransition(stream);
    return this.streams.byId(stream.id);
  }

  /** Completes the transitions left pending when the engine stopped (after the transition hooks are registered). */
  finishPendingTransitions(): void {
    for (const stream of this.store.pendingStreams()) this.completeTransition(stream);
  }

  /** Tells the removal observers that streams or shards were deleted (after the deleting transaction). */
  removed(): void {
    for (const observe of this.hooks.removalObservers) observe(this);
  }

  private completeTransition(stream: StreamRow): void {
    if (stream.status === 'DELETING') {
      this.store.deleteStream(stream.id);
      this.removed();
      return;
    }
    this.store.transaction(() => {
      const hookName = stream.settings[PENDING_HOOK];
      if (typeof hookName === 'string') this.transitionHooks.get(hookName)?.(this, stream);
      const settings = { ...(this.store.streamById(stream.id)?.settings ?? stream.settings) };
      delete settings[PENDING_HOOK];
      this.store.updateStream(stream.id, { status: 'ACTIVE', statusDueMs: null, settings });
    });
  }

  /** Settles every stream whose transition is due. */
  settleDue(): void {
    const now = this.clock();
    for (const row of this.store.pendingStreams()) {
      if (row.statusDueMs !== null && row.statusDueMs <= now) this.completeTransition(row);
    }
  }

  private scheduleSettle(dueMs: number): void {
    this.engine.after(dueMs - this.clock(), () => {
      try {
        this.settleDue();
      } catch (error) {
        console.error('engine: settling stream status failed', error);
      }
    });
  }

  /** A periodic job that stops with the engine. */
  every(intervalMs: number, job: () => void): void {
    this.engine.every(intervalMs, job);
  }
}
