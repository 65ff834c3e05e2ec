// The query's watermark: the time up to which the input is complete, so windows ending before it can close.
// Input arrives from several shards, each in its own order, so the watermark is the minimum over the shards of the
// highest time each has delivered; the source's clock (every shard read up to an arrival time) can move it further
// when a shard is quiet. In event time the watermark trails by the declared delay, and a shard that has sent nothing
// for `idleTimeoutMs` of arrival time stops holding it back. The watermark never moves backwards.
export interface WatermarkOptions {
  eventTime: boolean;
  delayMs: number;
  idleTimeoutMs: number;
}

interface ShardProgress {
  maxTime: number;
  lastArrivalMs: number;
}

export class Watermarks {
  private readonly shards = new Map<string, ShardProgress>();
  private clockMs = -Infinity;
  private value = -Infinity;

  constructor(private readonly o: WatermarkOptions) {}

  get current(): number {
    return this.value;
  }

  observe(shardId: string, time: number, arrivalMs: number): void {
    let s = this.shards.get(shardId);
    if (!s) {
      s = { maxTime: time, lastArrivalMs: arrivalMs };
      this.shards.set(shardId, s);
    } else {
      if (time > s.maxTime) s.maxTime = time;
      if (arrivalMs > s.lastArrivalMs) s.lastArrivalMs = arrivalMs;
    }
  }

  /** A shard the source is about to read: it holds the watermark back until it delivers (or the clock passes). */
  expectShard(shardId: string): void {
    if (!this.shards.has(shardId)) this.shards.set(shardId, { maxTime: -Infinity, lastArrivalMs: this.clockMs });
  }

  /** The source has read every shard up to this arrival time. */
  advanceClock(arrivalMs: number): void {
    if (arrivalMs > this.clockMs) this.clockMs = arrivalMs;
  }

  /** A shard that will deliver nothing more (closed by a reshard, its records all read) stops holding the watermark. */
  endShard(shardId: string): void {
    this.shards.delete(shardId);
  }

  /** Recomputes the watermark from the shards and the clock; returns it. */
  update(): number {
    let min = Infinity;
    let max = -Infinity;
    for (const s of this.shards.values()) {
      if (s.maxTime > max) max = s.maxTime;
      if (this.o.eventTime && s.lastArrivalMs < this.clockMs - this.o.idleTimeoutMs) continue;
      if (s.maxTime < min) min = s.maxTime;
    }
    let next: number;
    if (this.o.eventTime) {
      // All shards idle: the stream is quiet, so what has arrived is all there is for now.
      const basis = min === Infinity ? max : min;
      next = basis - this.o.delayMs;
    } else {
      next = Math.max(min === Infinity ? -Infinity : min, this.clockMs);
    }
    if (next > this.value) this.value = next;
    return this.value;
  }
}
