// A time before which everything that reached this process's sockets has been read and handed on. After the event
// loop stalls, data may wait unread in a socket while the wall clock has moved on: a reader that dated what it knows
// by the clock at receipt would claim more than it has seen. Two chained setImmediates give a safe time: the
// second runs after a full poll of I/O that began after the first, so whatever reached a socket before the first
// one's time has been read (and decoded, in the microtasks of that poll) by then.
let readThroughMs = -Infinity;
let measuring = false;
/** While someone reads (a fan-out reader runs), the measure is renewed this often, so it is never older than that. */
const FRESH_MS = 50;
let holders = 0;
let renewal: ReturnType<typeof setInterval> | null = null;

/** The last safe time measured (it lags the clock by about one turn of the event loop); starts a new measure. */
export function socketsReadThrough(): number {
  if (!measuring) {
    measuring = true;
    setImmediate(() => {
      const before = Date.now();
      setImmediate(() => {
        measuring = false;
        readThroughMs = Math.max(readThroughMs, before);
      });
    });
  }
  return readThroughMs;
}

/** Keeps the measure fresh until the returned function is called (a fan-out reader, for as long as it runs). */
export function keepSocketsReadThroughFresh(): () => void {
  holders++;
  socketsReadThrough();
  renewal ??= setInterval(socketsReadThrough, FRESH_MS);
  renewal.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0 && renewal) {
      clearInterval(renewal);
      renewal = null;
    }
  };
}
