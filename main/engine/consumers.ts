// Stream consumers belong to enhanced fan-out (Engine II). Streams actions only need a count, so fan-out
// registers a counter here instead of the streams actions importing fan-out. Counters take the engine: stream
// row ids are only unique within one engine's database, and tests run several engines in one process.
import type { Engine } from './core/engine';

export type ConsumerCounter = (engine: Engine, streamRowId: number) => number;

const counters: ConsumerCounter[] = [];

export function registerConsumerCounter(counter: ConsumerCounter): void {
  counters.push(counter);
}

export function consumerCount(engine: Engine, streamRowId: number): number {
  return counters.reduce((sum, count) => sum + count(engine, streamRowId), 0);
}
