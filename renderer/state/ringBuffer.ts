// A bounded buffer of the newest `capacity` items, outside React. Items get absolute positions that never change
// (the first item ever pushed is 0), so a selection or a scroll offset survives old items being dropped:
// `first` is the absolute position of the oldest item still held, `dropped` how many fell off the front.
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0;
  private size = 0;
  private total = 0;

  constructor(private cap: number) {
    this.items = new Array<T | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  get length(): number {
    return this.size;
  }

  /** Items ever pushed. */
  get pushed(): number {
    return this.total;
  }

  /** Items dropped from the front to make room. */
  get dropped(): number {
    return this.total - this.size;
  }

  /** Absolute position of the oldest item held. */
  get first(): number {
    return this.total - this.size;
  }

  push(item: T): void {
    const at = (this.head + this.size) % this.cap;
    this.items[at] = item;
    if (this.size < this.cap) this.size++;
    else this.head = (this.head + 1) % this.cap;
    this.total++;
  }

  /** The item at an absolute position, or undefined once it was dropped (or not yet pushed). */
  at(position: number): T | undefined {
    const i = position - this.first;
    if (i < 0 || i >= this.size) return undefined;
    return this.items[(this.head + i) % this.cap];
  }

  /** Items in [from, to) by absolute position, clipped to what is held. */
  slice(from: number, to: number): T[] {
    const out: T[] = [];
    for (let p = Math.max(from, this.first); p < Math.min(to, this.total); p++) out.push(this.at(p) as T);
    return out;
  }

  /** Every item held, oldest first. */
  toArray(): T[] {
    return this.slice(this.first, this.total);
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.cap);
    this.head = 0;
    this.size = 0;
    this.total = 0;
  }

  /** Changes the capacity, keeping the newest items that fit (the others count as dropped). */
  resize(capacity: number): void {
    const kept = this.toArray().slice(-capacity);
    const dropped = this.total - kept.length;
    this.cap = capacity;
    this.items = new Array<T | undefined>(capacity);
    kept.forEach((item, i) => (this.items[i] = item));
    this.head = 0;
    this.size = kept.length;
    this.total = dropped + kept.length;
  }
}
