// The transport-independent dispatcher. Every frame from a client is size-checked, parsed and validated against
// the contract before any handler sees it; whatever arrives, the client gets a frame back and main keeps running.
import {
  clientFrameSchema,
  describeIssues,
  ErrorCode,
  lookup,
  PROTOCOL_VERSION,
  RpcError,
  toRpcError,
  type ClientFrame,
  type ContractDef,
  type EventName,
  type PayloadOf,
  type RpcErrorShape,
  type ServerFrame,
  type Transport,
} from '../../shared/contract/index';
import type { CallContext, Handlers, Sink } from './handlers';
import { resolveLimits, type DispatcherLimits } from './limits';
import { Subscription, type SubscriptionStats } from './subscription';

/** How the dispatcher reaches one client. */
export interface Connection {
  readonly transport: Transport;
  send(frame: string): void;
  /** Ends the connection from main's side (after a failed handshake). */
  close(): void;
}

/** The dispatcher's side of one connected client. The transport feeds it frames and tells it when the client left. */
export interface Session {
  receive(frame: unknown): void;
  /** The client went away: cancel everything it started. */
  disconnect(): void;
}

export interface DispatcherOptions {
  server: { name: string; version: string };
  limits?: Partial<DispatcherLimits>;
  /** How a handler's error becomes { code, message } for the client; default toRpcError. */
  toError?: (error: unknown) => RpcErrorShape;
}

export interface DispatcherStats {
  sessions: number;
  subscriptions: (SubscriptionStats & { topic: string })[];
}

export interface Dispatcher<C extends ContractDef> {
  connect(connection: Connection): Session;
  /** Sends an event to every client that has completed the handshake. */
  emit<K extends EventName<C>>(event: K, payload: PayloadOf<C, K>): void;
  stats(): DispatcherStats;
  /** Disconnects every session. */
  close(): void;
}

export function createDispatcher<C extends ContractDef>(contract: C, handlers: Handlers<C>, options: DispatcherOptions): Dispatcher<C> {
  const limits = resolveLimits(options.limits);
  const sessions = new Set<ClientSession<C>>();
  const shared: Shared<C> = { contract, handlers, limits, server: options.server, sessions, toError: options.toError ?? toRpcError };

  return {
    connect(connection) {
      const session = new ClientSession(shared, connection);
      sessions.add(session);
      return session;
    },
    emit(event, payload) {
      const spec = lookup(contract.events, event);
      if (!spec) throw new RpcError(ErrorCode.BadFrame, `Unknown event "${event}"`);
      const frame = JSON.stringify({ type: 'event', event, payload: spec.payload.parse(payload) } satisfies ServerFrame);
      for (const session of sessions) session.sendEvent(frame);
    },
    stats() {
      const subscriptions = [...sessions].flatMap((session) => session.subscriptionStats());
      return { sessions: sessions.size, subscriptions };
    },
    close() {
      for (const session of [...sessions]) session.disconnect();
    },
  };
}

interface Shared<C extends ContractDef> {
  contract: C;
  handlers: Handlers<C>;
  limits: DispatcherLimits;
  server: { name: string; version: string };
  sessions: Set<ClientSession<C>>;
  toError: (error: unknown) => RpcErrorShape;
}

type AnyCommand = (params: unknown, ctx: CallContext) => unknown;
type AnySubscription = (params: unknown, sink: Sink<unknown>, ctx: CallContext) => void | Promise<void>;

class ClientSession<C extends ContractDef> implements Session {
  private greeted = false;
  private gone = false;
  private pendingCalls = 0;
  private readonly subscriptions = new Map<string, { topic: string; sub: Subscription<unknown> }>();
  private readonly abort = new AbortController();

  constructor(
    private readonly shared: Shared<C>,
    private readonly connection: Connection,
  ) {}

  receive(raw: unknown): void {
    if (this.gone) return;
    try {
      const frame = this.parse(raw);
      if (frame) this.handle(frame);
    } catch (error) {
      // Nothing a client sends may take main down; an unexpected failure is reported like any other error.
      this.sendError(null, toRpcError(error));
    }
  }

  disconnect(): void {
    if (this.gone) return;
    this.gone = true;
    this.abort.abort();
    for (const { sub } of this.subscriptions.values()) sub.cancel();
    this.subscriptions.clear();
    this.shared.sessions.delete(this);
  }

  sendEvent(frame: string): void {
    if (this.greeted) this.send(frame);
  }

  subscriptionStats(): (SubscriptionStats & { topic: string })[] {
    return [...this.subscriptions.values()].map(({ topic, sub }) => ({ topic, ...sub.stats() }));
  }

  private parse(raw: unknown): ClientFrame | null {
    const { limits } = this.shared;
    if (typeof raw !== 'string') {
      this.sendError(null, { code: ErrorCode.BadFrame, message: 'A frame must be JSON text.' });
      return null;
    }
    // A string's UTF-8 size is at most 3 bytes per UTF-16 unit; measure exactly only near the limit.
    if (raw.length * 3 > limits.maxFrameBytes && utf8Length(raw) > limits.maxFrameBytes) {
      this.sendError(null, { code: ErrorCode.FrameTooLarge, message: `Frame exceeds ${limits.maxFrameBytes} bytes.` });
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.sendError(null, { code: ErrorCode.BadFrame, message: 'Frame is not valid JSON.' });
      return null;
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) {
      this.sendError(readId(json), { code: ErrorCode.BadFrame, message: `Not a valid frame: ${describeIssues(parsed.error, 'frame')}` });
      return null;
    }
    return parsed.data;
  }

  private handle(frame: ClientFrame): void {
    if (frame.type === 'hello') return this.hello(frame.protocol);
    if (!this.greeted) {
      this.sendError(frame.id, { code: ErrorCode.HandshakeRequired, message: 'Send a hello frame first.' });
      return;
    }
    switch (frame.type) {
      case 'call':
        return void this.call(frame.id, frame.command, frame.params);
      case 'subscribe':
        return this.subscribe(frame.id, frame.topic, frame.params);
      case 'unsubscribe':
        return this.unsubscribe(frame.id);
      case 'ack':
        return this.subscriptions.get(frame.id)?.sub.ack(frame.seq);
    }
  }

  private hello(protocol: number): void {
    if (this.greeted) {
      this.sendError(null, { code: ErrorCode.BadFrame, message: 'The handshake is already done.' });
      return;
    }
    if (protocol !== PROTOCOL_VERSION) {
      this.sendError(null, {
        code: ErrorCode.ProtocolMismatch,
        message: `This Shardscope speaks protocol ${PROTOCOL_VERSION}, the client speaks ${protocol}. Reload the window.`,
      });
      this.connection.close();
      this.disconnect();
      return;
    }
    this.greeted = true;
    this.sendFrame({ type: 'welcome', protocol: PROTOCOL_VERSION, server: this.shared.server });
  }

  private async call(id: string, command: string, rawParams: unknown): Promise<void> {
    const spec = lookup(this.shared.contract.commands, command);
    if (!spec) {
      const known = Object.keys(this.shared.contract.commands).join(', ');
      return this.sendError(id, { code: ErrorCode.UnknownCommand, message: `Unknown command "${clip(command)}". Known commands: ${known}.` });
    }
    const params = spec.params.safeParse(rawParams ?? {});
    if (!params.success) {
      return this.sendError(id, { code: ErrorCode.ValidationException, message: `Invalid params for ${command}: ${describeIssues(params.error)}` });
    }
    if (this.pendingCalls >= this.shared.limits.maxPendingCalls) {
      return this.sendError(id, { code: ErrorCode.ThrottlingException, message: `More than ${this.shared.limits.maxPendingCalls} commands in flight.` });
    }
    const handler = lookup(this.shared.handlers.commands as Record<string, AnyCommand>, command);
    if (!handler) return this.sendError(id, { code: ErrorCode.InternalFailure, message: `No handler for ${command}.` });
    this.pendingCalls++;
    try {
      const result = await handler(params.data, this.context(this.abort.signal));
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        return this.sendError(id, { code: ErrorCode.InternalFailure, message: `${command} produced an invalid result: ${describeIssues(checked.error, 'result')}` });
      }
      this.sendFrame({ type: 'result', id, result: checked.data });
    } catch (error) {
      this.sendError(id, this.shared.toError(error));
    } finally {
      this.pendingCalls--;
    }
  }

  private subscribe(id: string, topic: string, rawParams: unknown): void {
    const { contract, handlers, limits } = this.shared;
    const spec = lookup(contract.subscriptions, topic);
    if (!spec) {
      const known = Object.keys(contract.subscriptions).join(', ');
      return this.sendError(id, { code: ErrorCode.UnknownSubscription, message: `Unknown subscription "${clip(topic)}". Known subscriptions: ${known}.` });
    }
    if (this.subscriptions.has(id)) {
      return this.sendError(id, { code: ErrorCode.DuplicateId, message: `A subscription with id "${id}" is already running.` });
    }
    if (this.subscriptions.size >= limits.maxSubscriptions) {
      return this.sendError(id, { code: ErrorCode.LimitExceededException, message: `At most ${limits.maxSubscriptions} subscriptions per client.` });
    }
    const params = spec.params.safeParse(rawParams ?? {});
    if (!params.success) {
      return this.sendError(id, { code: ErrorCode.ValidationException, message: `Invalid params for ${topic}: ${describeIssues(params.error)}` });
    }
    const handler = lookup(handlers.subscriptions as Record<string, AnySubscription>, topic);
    if (!handler) return this.sendError(id, { code: ErrorCode.InternalFailure, message: `No handler for ${topic}.` });

    const sub = new Subscription<unknown>(limits, (item) => spec.item.parse(item), {
      batch: (seq, items, dropped) => this.sendFrame({ type: 'batch', id, seq, items, dropped }),
      end: (error) => this.sendFrame(error ? { type: 'end', id, error } : { type: 'end', id }),
      finished: () => {
        if (this.subscriptions.get(id)?.sub === sub) this.subscriptions.delete(id);
      },
    }, this.shared.toError);
    this.subscriptions.set(id, { topic, sub });
    try {
      const running = handler(params.data, sub, this.context(sub.signal));
      // A handler that returns a promise is done when it settles. end and fail do nothing once the subscription
      // is over, so a handler may still end early itself, and a cancelled one is not reported.
      if (running instanceof Promise) running.then(() => sub.end(), (error: unknown) => sub.fail(error));
    } catch (error) {
      sub.fail(error);
    }
  }

  private unsubscribe(id: string): void {
    const entry = this.subscriptions.get(id);
    if (!entry) return this.sendError(id, { code: ErrorCode.UnknownSubscription, message: `No subscription with id "${id}" is running.` });
    entry.sub.cancel();
    this.subscriptions.delete(id);
    this.sendFrame({ type: 'end', id });
  }

  private context(signal: AbortSignal): CallContext {
    return { transport: this.connection.transport, signal };
  }

  private sendError(id: string | null, error: RpcErrorShape): void {
    this.sendFrame({ type: 'error', id, error });
  }

  private sendFrame(frame: ServerFrame): void {
    this.send(JSON.stringify(frame));
  }

  private send(frame: string): void {
    if (this.gone) return;
    try {
      this.connection.send(frame);
    } catch {
      // The transport broke under us: the client is gone.
      this.disconnect();
    }
  }
}

function readId(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = json.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
