// The Engine: store, config, clock, timers, the stream cache and the action registry. dispatch() is the one
// way in for the HTTP front (and tests); everything else here is a helper action modules share.
import { randomBytes } from 'node:crypto';
import { EngineStore, type StreamRow } from '../../storage/engineStore';
import type { ActionContext, ActionModule, RequestContext } from './action';
import { engineConfig, type EngineConfig } from './config';
import { invalidArgument, inUse, KinesisError, notFound } from './errors';
import { engineExtensions } from '../extensions';
import { actionModules } from '../kinesis/kinesisActions';
import { trimExpiredRecords } from '../kinesis/streams/retention';
import type { StreamRef } from '../kinesis/streams/commonRules';
import { parseStreamArn, StreamCache, type StreamState } from '../kinesis/streams/streamModel';
import { TokenSealer } from './tokens';

export interface EngineOptions extends Partial<EngineConfig> {
  dataDir?: string;
  inMemory?: boolean;
  /** Applies to create, update and delete delays unless those are given. */
  statusDelayMs?: number;
  /** Injected clock (epoch ms); defaults to Date.now. */
  clock?: () => number;
}

/** Runs when an UPDATING (or other) transition completes; registered by name so it survives restarts. */
export type TransitionHook = (engine: Engine, stream: StreamRow) => void;

/** Runs before every action; may throw a KinesisError (Engine II: limits, injected faults) or delay it (a promise). */
export type ActionInterceptor = (action: string, ctx: ActionContext, body: unknown) => void | Promise<void>;

const PENDING_HOOK = 'pendingTransitionHook';

export class Engine {
  readonly store: EngineStore;
  readonly config: EngineConfig;
  readonly clock: () => number;
  readonly streams: StreamCache;
  readonly tokens: TokenSealer;
  readonly actions = new Map<string, ActionModule>();
  readonly interceptors: ActionInterceptor[] = [];
  private readonly transitionHooks = new Map<string, TransitionHook>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(options: EngineOptions = {}) {
    this.config = engineConfig(options);
    this.clock = options.clock ?? Date.now;
    this.store = new EngineStore({ dataDir: options.dataDir, inMemory: options.inMemory });
    this.streams = new StreamCache(this.store);
    this.tokens = new TokenSealer(this.secret());
    for (const module of actionModules) this.actions.set(module.name, module);
    for (const install of engineExtensions) install(this);
    // A restart finishes the transitions that were pending when the engine stopped.
    for (const stream of this.store.pendingStreams()) this.completeTransition(stream);
    this.every(this.config.retentionSweepMs, () => trimExpiredRecords(this));
  }

  private secret(): Buffer {
    let key = this.store.getMeta('token-secret');
    if (!key) {
      key = randomBytes(32);
      this.store.setMeta('token-secret', key);
    }
    return key;
  }

  /** Runs one API action. Errors are KinesisErrors; anything else is a bug and becomes InternalFailure upstream. */
  async dispatch(action: string, body: unknown, request: RequestContext): Promise<unknown> {
    const module = this.actions.get(action);
    if (!module) throw new KinesisError('UnknownOperationException');
    const ctx = this.context(request);
    for (const interceptor of this.interceptors) {
      const pending = interceptor(action, ctx, body);
      if (pending) {
        await pending;
        // A delayed request (injected latency) reaches the action when the wait ends, and is stamped then: a
        // record never reads as arrived before it could be read (the tailer's merge relies on that).
        ctx.now = this.clock();
      }
    }
    return module.run(ctx, body);
  }

  context(request: RequestContext): ActionContext {
    return { ...request, engine: this, store: this.store, config: this.config, accountId: this.config.accountId, now: this.clock() };
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
  resolveStream(ctx: ActionContext, ref: StreamRef): StreamState {
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

  private completeTransition(stream: StreamRow): void {
    this.store.transaction(() => {
      if (stream.status === 'DELETING') {
        this.store.deleteStream(stream.id);
        return;
      }
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
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      try {
        this.settleDue();
      } catch (error) {
        console.error('engine: settling stream status failed', error);
      }
    }, Math.max(0, dueMs - this.clock()));
    this.timers.add(timer);
  }

  /** A periodic job (retention, stats) that stops with the engine. */
  every(intervalMs: number, job: () => void): void {
    const timer = setInterval(() => {
      if (this.closed) return;
      try {
        job();
      } catch (error) {
        console.error('engine: periodic job failed', error);
      }
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.store.close();
  }
}
