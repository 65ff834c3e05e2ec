// A token bucket refilled continuously at `rate` tokens per second up to `capacity`. The capacity is the burst:
// an idle bucket admits `capacity` tokens at once, a busy one admits `rate` per second. Balances may go below
// zero through debit() (GetRecords reads first and pays after, as AWS charges a 10 MiB read against the next
// seconds).
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.rate) / 1000);
      this.at = now;
    }
  }

  /** The balance now (may be negative after a debit). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Takes n tokens if the bucket holds them; otherwise takes nothing and answers false. */
  take(n: number, now: number): boolean {
    this.refill(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /**
   * Takes n tokens when the bucket holds them — or, for one item larger than the whole burst (a 10 MiB record
   * against a 1 MiB bucket), when it is full; the balance then goes negative and later requests wait it out.
   */
  admit(n: number, now: number): boolean {
    this.refill(now);
    if (this.tokens < Math.min(n, this.capacity)) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes n tokens unconditionally (the balance may go negative). */
  debit(n: number, now: number): void {
    this.refill(now);
    this.tokens -= n;
  }

  /** Gives back tokens taken for work that was then refused by another bucket. */
  refund(n: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + n);
  }
}
