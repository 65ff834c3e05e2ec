// What a contract's implementation looks like to the dispatcher: one function per command and per subscription.
import type {
  CommandName,
  ContractDef,
  ItemOf,
  ParamsOf,
  ResultOf,
  SubParamsOf,
  SubscriptionName,
  Transport,
} from '../../shared/contract/index';

export interface CallContext {
  readonly transport: Transport;
  /** Aborted when the client goes away (or unsubscribes). */
  readonly signal: AbortSignal;
}

/**
 * Where a subscription's source puts items. Two kinds of source, two behaviours when the client is slow:
 * - a source that can wait (polling, reading history) awaits `ready()` and pushes at most the room it returns,
 *   so it simply stops pulling while the queue is full: nothing is lost;
 * - a source that cannot wait (events) just calls `push`; once the queue is full the oldest queued items are
 *   discarded and the next batch tells the client how many, in `dropped`.
 */
export interface Sink<Item> {
  push(item: Item): void;
  /** Resolves with how many items fit in the queue (at least 1), or 0 once the subscription is over. */
  ready(): Promise<number>;
  /** No more items: the client gets what is queued, then `end`. */
  end(): void;
  /** Ends with an error the client sees in the `end` frame. */
  fail(error: unknown): void;
  readonly signal: AbortSignal;
}

/**
 * A subscription handler either returns a promise, and the dispatcher ends the subscription when it resolves and
 * fails it with the error when it rejects; or returns nothing (a source driven by events), and ends the sink
 * itself. Either kind may call `end()` or `fail()` early: the first call wins.
 */
export type Handlers<C extends ContractDef> = {
  commands: {
    [K in CommandName<C>]: (params: ParamsOf<C, K>, ctx: CallContext) => ResultOf<C, K> | Promise<ResultOf<C, K>>;
  };
  subscriptions: {
    [K in SubscriptionName<C>]: (params: SubParamsOf<C, K>, sink: Sink<ItemOf<C, K>>, ctx: CallContext) => void | Promise<void>;
  };
};
