// A response that is an event stream (SubscribeToShard) rather than one body. The action returns a
// StreamedResponse; the HTTP front sends `initial` as the initial-response event, then calls start() with a
// sink that frames each message in the AWS event-stream encoding of the request's protocol.
import type { ErrorType } from './errors';

/** An event of a named type, or a modelled exception that ends the stream. */
export type StreamMessage =
  | { kind: 'event'; type: string; body: unknown }
  | { kind: 'exception'; type: ErrorType | 'InternalFailureException'; message: string };

export interface EventSink {
  /** Sends one message; false when the transport's buffer is full: send more only after onDrain fires. */
  send(message: StreamMessage): boolean;
  onDrain(listener: () => void): void;
  /** Called once, when the client goes away or the stream ends. */
  onClose(listener: () => void): void;
  /** Ends the stream normally. */
  end(): void;
  readonly closed: boolean;
}

export class StreamedResponse {
  constructor(
    /** The members of the output other than the event stream (for SubscribeToShard: none). */
    readonly initial: Record<string, unknown>,
    readonly start: (sink: EventSink) => void,
  ) {}
}
