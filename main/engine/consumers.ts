// Stream consumers belong to enhanced fan-out (Engine II). Streams actions only need a count, so fan-out
// registers a counter here instead of the streams actions importing fan-out.
export type ConsumerCounter = (streamRowId: number) => number;

const counters: ConsumerCounter[] = [];

export function registerConsumerCounter(counter: ConsumerCounter): void {
  counters.push(counter);
}

export function consumerCount(streamRowId: number): number {
  return counters.reduce((sum, count) => sum + count(streamRowId), 0);
}
