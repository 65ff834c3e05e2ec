// KDA's stagger window: each group key opens its own window when its first row arrives and closes it `rangeMs`
// later, so rows of one key that straddle a clock boundary stay together. Rows emit with the window's close time.
import type { EvalContext } from './expressionCompiler';
import type { GroupEmitter, Group } from './groupEmitter';
import type { QueryState } from './queryState';
import type { WindowOperator } from './windowAggregator';

interface StaggerWindow {
  key: string;
  start: number;
  end: number;
  group: Group;
  closed: boolean;
}

export class StaggerAggregator implements WindowOperator {
  private readonly open = new Map<string, StaggerWindow>();
  /** A binary min-heap on the windows' ends. */
  private readonly heap: StaggerWindow[] = [];
  private watermark = -Infinity;

  constructor(private readonly rangeMs: number, private readonly lateness: number, private readonly groups: GroupEmitter, private readonly state: QueryState) {}

  process(ctx: EvalContext, t: number): boolean {
    const key = this.groups.keyOf(ctx);
    let w = this.open.get(key);
    if (w && t >= w.end) {
      this.close(w);
      w = undefined;
    }
    if (!w) {
      if (t + this.rangeMs <= this.watermark - this.lateness) return false;
      w = { key, start: t, end: t + this.rangeMs, group: this.groups.newGroup(ctx), closed: false };
      this.open.set(key, w);
      this.push(w);
      this.state.openWindows++;
    }
    this.groups.accumulate(w.group, ctx);
    return true;
  }

  advance(watermark: number): void {
    if (watermark > this.watermark) this.watermark = watermark;
    const before = this.watermark - this.lateness;
    while (this.heap.length > 0 && (this.heap[0] as StaggerWindow).end <= before) {
      const w = this.pop();
      if (!w.closed) this.close(w);
    }
  }

  flush(): void {
    while (this.heap.length > 0) {
      const w = this.pop();
      if (!w.closed) this.close(w);
    }
  }

  private close(w: StaggerWindow): void {
    w.closed = true;
    if (this.open.get(w.key) === w) this.open.delete(w.key);
    this.state.openWindows--;
    this.groups.emitWindow(w.start, w.end, [w.group]);
  }

  private push(w: StaggerWindow): void {
    const h = this.heap;
    h.push(w);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as StaggerWindow).end <= w.end) break;
      h[i] = h[p] as StaggerWindow;
      i = p;
    }
    h[i] = w;
  }

  private pop(): StaggerWindow {
    const h = this.heap;
    const top = h[0] as StaggerWindow;
    const last = h.pop() as StaggerWindow;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && (h[r] as StaggerWindow).end < (h[l] as StaggerWindow).end ? r : l;
        if ((h[c] as StaggerWindow).end >= last.end) break;
        h[i] = h[c] as StaggerWindow;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
