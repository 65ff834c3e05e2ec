// The typed client the renderer uses to talk to main, over whichever Port it is given.
// Command names, params, results, subscription items and event payloads are all typed from shared/contract.
import {
  ErrorCode,
  lookup,
  PROTOCOL_VERSION,
  RpcError,
  serverFrameSchema,
  type CommandName,
  type ContractDef,
  type EventName,
  type ItemOf,
  type ParamsIn,
  type PayloadOf,
  type Port,
  type ResultOf,
  type RpcErrorShape,
  type ServerFrame,
  type SubParamsIn,
  type SubscriptionName,
} from '../../shared/contract/index';

export type ClientState = 'connecting' | 'open' | 'closed';

export interface BatchInfo {
  seq: number;
  /** Items main discarded before this batch because this client fell behind (see main/rpc/subscription.ts). */
  dropped: number;
}

export interface SubscriptionHandlers<Item> {
  /** Return a promise to hold back further batches until it settles (the client's flow control). */
  onBatch(items: Item[], info: BatchInfo): void | Promise<void>;
  onEnd?(error?: RpcErrorShape): void;
}

export interface SubscriptionHandle {
  readonly id: string;
  unsubscribe(): void;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: RpcError): void;
  parse(value: unknown): unknown;
}

interface OpenSubscription {
  handlers: SubscriptionHandlers<unknown>;
  parse(value: unknown): unknown;
  /** Batches are handed over strictly in order, each acknowledged once its handler is done. */
  chain: Promise<void>;
}

export class RpcClient<C extends ContractDef> {
  private nextId = 1;
  private stateValue: ClientState = 'connecting';
  private readonly calls = new Map<string, PendingCall>();
  private readonly subs = new Map<string, OpenSubscription>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ClientState) => void>();
  private readonly errorListeners = new Set<(error: RpcErrorShape) => void>();
  private readonly unlisten: (() => void)[];
  /** Resolves with main's version once the handshake is done. */
  readonly ready: Promise<{ name: string; version: string }>;
  private settleReady!: { resolve(server: { name: string; version: string }): void; reject(error: RpcError): void };

  constructor(
    private readonly port: Port,
    private readonly contract: C,
    clientName = 'shardscope-renderer',
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    // Nobody may be awaiting ready; a failed handshake still surfaces through calls and state.
    this.ready.catch(() => {});
    this.unlisten = [port.onFrame((frame) => this.receive(frame)), port.onClose((reason) => this.closed(reason))];
    port.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: clientName }));
  }

  get state(): ClientState {
    return this.stateValue;
  }

  onState(listener: (state: ClientState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Errors main sent that belong to no call or subscription (e.g. a frame it could not read). */
  onError(listener: (error: RpcErrorShape) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  call<K extends CommandName<C>>(command: K, ...[params]: OptionalIfEmpty<ParamsIn<C, K>>): Promise<ResultOf<C, K>> {
    if (this.stateValue === 'closed') return Promise.reject(new RpcError(ErrorCode.Disconnected, 'Not connected to Shardscope.'));
    const spec = lookup(this.contract.commands, command);
    const id = `c${this.nextId++}`;
    return new Promise<ResultOf<C, K>>((resolve, reject) => {
      this.calls.set(id, {
        resolve: (value) => resolve(value as ResultOf<C, K>),
        reject,
        parse: (value) => (spec ? spec.result.parse(value) : value),
      });
      this.port.send(JSON.stringify({ type: 'call', id, command, params: params ?? {} }));
    });
  }

  subscribe<K extends SubscriptionName<C>>(topic: K, params: SubParamsIn<C, K>, handlers: SubscriptionHandlers<ItemOf<C, K>>): SubscriptionHandle {
    const id = `s${this.nextId++}`;
    const spec = lookup(this.contract.subscriptions, topic);
    const sub: OpenSubscription = {
      handlers: handlers as SubscriptionHandlers<unknown>,
      parse: (value) => (spec ? spec.item.parse(value) : value),
      chain: Promise.resolve(),
    };
    if (this.stateValue === 'closed') {
      queueMicrotask(() => handlers.onEnd?.({ code: ErrorCode.Disconnected, message: 'Not connected to Shardscope.' }));
    } else {
      this.subs.set(id, sub);
      this.port.send(JSON.stringify({ type: 'subscribe', id, topic, params }));
    }
    return {
      id,
      unsubscribe: () => {
        if (!this.subs.delete(id)) return;
        this.port.send(JSON.stringify({ type: 'unsubscribe', id }));
        handlers.onEnd?.();
      },
    };
  }

  on<K extends EventName<C>>(event: K, listener: (payload: PayloadOf<C, K>) => void): () => void {
    let set = this.eventListeners.get(event);
    if (!set) this.eventListeners.set(event, (set = new Set()));
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  close(): void {
    this.port.close();
    this.closed('closed by the client');
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = serverFrameSchema.parse(JSON.parse(text));
    } catch {
      this.reportError({ code: ErrorCode.BadFrame, message: 'Main sent a frame this client cannot read.' });
      return;
    }
    switch (frame.type) {
      case 'welcome':
        this.setState('open');
        return this.settleReady.resolve(frame.server);
      case 'result':
        return this.settleCall(frame.id, frame.result);
      case 'error':
        return this.routeError(frame.id, frame.error);
      case 'batch':
        return this.deliver(frame.id, frame.seq, frame.items, frame.dropped);
      case 'end':
        return this.ended(frame.id, frame.error);
      case 'event':
        return this.dispatchEvent(frame.event, frame.payload);
    }
  }

  private settleCall(id: string, result: unknown): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    try {
      call.resolve(call.parse(result));
    } catch {
      call.reject(new RpcError(ErrorCode.InternalFailure, 'Main answered with a result that does not match the contract.'));
    }
  }

  private routeError(id: string | null, error: RpcErrorShape): void {
    if (id !== null && this.calls.has(id)) {
      const call = this.calls.get(id);
      this.calls.delete(id);
      call?.reject(new RpcError(error.code, error.message));
      return;
    }
    if (id !== null && this.subs.has(id)) return this.ended(id, error);
    if (error.code === ErrorCode.ProtocolMismatch) this.settleReady.reject(new RpcError(error.code, error.message));
    this.reportError(error);
  }

  private deliver(id: string, seq: number, rawItems: unknown[], dropped: number): void {
    const sub = this.subs.get(id);
    if (!sub) return;
    let items: unknown[];
    try {
      items = rawItems.map(sub.parse);
    } catch {
      this.subs.delete(id);
      this.port.send(JSON.stringify({ type: 'unsubscribe', id }));
      sub.handlers.onEnd?.({ code: ErrorCode.InternalFailure, message: 'Main sent items that do not match the contract.' });
      return;
    }
    sub.chain = sub.chain
      .then(() => sub.handlers.onBatch(items, { seq, dropped }))
      .catch((error: unknown) => this.reportError({ code: ErrorCode.InternalFailure, message: `A batch handler failed: ${String(error)}` }))
      .then(() => {
        if (this.subs.get(id) === sub) this.port.send(JSON.stringify({ type: 'ack', id, seq }));
      });
  }

  private ended(id: string, error?: RpcErrorShape): void {
    const sub = this.subs.get(id);
    if (!sub) return;
    this.subs.delete(id);
    // Let batches already handed over finish first, so `onEnd` is really the last call.
    void sub.chain.then(() => sub.handlers.onEnd?.(error));
  }

  private dispatchEvent(event: string, payload: unknown): void {
    const spec = lookup(this.contract.events, event);
    const listeners = this.eventListeners.get(event);
    if (!spec || !listeners) return;
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) return this.reportError({ code: ErrorCode.BadFrame, message: `Event ${event} does not match the contract.` });
    for (const listener of [...listeners]) listener(parsed.data);
  }

  private closed(reason: string): void {
    if (this.stateValue === 'closed') return;
    for (const off of this.unlisten) off();
    this.setState('closed');
    const error = new RpcError(ErrorCode.Disconnected, `Connection to Shardscope closed: ${reason}.`);
    this.settleReady.reject(error);
    for (const call of this.calls.values()) call.reject(error);
    this.calls.clear();
    for (const sub of this.subs.values()) void sub.chain.then(() => sub.handlers.onEnd?.(error.toJSON()));
    this.subs.clear();
  }

  private setState(state: ClientState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private reportError(error: RpcErrorShape): void {
    for (const listener of [...this.errorListeners]) listener(error);
  }
}

/** Lets `client.call('app.info')` omit params when the command takes none. */
type OptionalIfEmpty<P> = Record<never, never> extends P ? [params?: P] : [params: P];
