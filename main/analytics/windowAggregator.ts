// Tumbling, hopping and cumulating windows as one incremental hash aggregate. Each row is assigned to the windows
// that contain it, its group's accumulators are updated in place, and a window's rows are emitted once the
// watermark passes its end plus the allowed lateness, with the window end as their ROWTIME — KDA's and Flink's
// emission semantics. No npm package has windows with these semantics (SQL engines re-run queries over tables),
// so this is hand-written. A window with no rows never exists, so it emits nothing.
import type { EvalContext } from './expressionCompiler';
import type { GroupEmitter, Group } from './groupEmitter';
import type { QueryState } from './queryState';
import type { WindowSpec } from './queryPlan';

export interface WindowOperator {
  /** Adds the row in ctx.row (time t) to its windows; false when every window it belongs to has closed (late). */
  process(ctx: EvalContext, t: number): boolean;
  /** Closes and emits every window the watermark has passed. */
  advance(watermark: number): void;
  /** Emits every open window (the query is stopping at the end of its input). */
  flush(): void;
}

interface Window {
  start: number;
  end: number;
  groups: Map<string, Group>;
}

export class WindowAggregator implements WindowOperator {
  private readonly windows = new Map<number, Window>();
  /** Open windows' ends, ascending: windows close in this order. */
  private readonly ends: number[] = [];
  private watermark = -Infinity;
  private lastWindow: Window | null = null;

  constructor(
    private readonly spec: Extract<WindowSpec, { kind: 'tumble' | 'hop' | 'cumulate' }>,
    private readonly lateness: number,
    private readonly groups: GroupEmitter,
    private readonly state: QueryState,
  ) {}

  process(ctx: EvalContext, t: number): boolean {
    const spec = this.spec;
    const closedBefore = this.watermark - this.lateness;
    if (spec.kind === 'tumble') {
      const size = spec.sizeMs;
      const start = t - (((t % size) + size) % size);
      const end = start + size;
      if (end <= closedBefore) return false;
      this.add(ctx, start, end);
      return true;
    }
    let added = false;
    if (spec.kind === 'hop') {
      const { sizeMs, slideMs } = spec;
      let start = t - (((t % slideMs) + slideMs) % slideMs);
      for (; start > t - sizeMs; start -= slideMs) {
        if (start + sizeMs <= closedBefore) break;
        this.add(ctx, start, start + sizeMs);
        added = true;
      }
      return added;
    }
    const { stepMs, maxSizeMs } = spec;
    const base = t - (((t % maxSizeMs) + maxSizeMs) % maxSizeMs);
    for (let end = base + (Math.floor((t - base) / stepMs) + 1) * stepMs; end <= base + maxSizeMs; end += stepMs) {
      if (end <= closedBefore) continue;
      this.add(ctx, base, end);
      added = true;
    }
    return added;
  }

  private add(ctx: EvalContext, start: number, end: number): void {
    let w = this.lastWindow;
    if (w === null || w.end !== end) {
      w = this.windows.get(end) ?? this.open(start, end);
      this.lastWindow = w;
    }
    const key = this.groups.keyOf(ctx);
    let g = w.groups.get(key);
    if (g === undefined) {
      g = this.groups.newGroup(ctx);
      w.groups.set(key, g);
    }
    this.groups.accumulate(g, ctx);
  }

  private open(start: number, end: number): Window {
    const w: Window = { start, end, groups: new Map() };
    this.windows.set(end, w);
    const ends = this.ends;
    let i = ends.length;
    while (i > 0 && (ends[i - 1] as number) > end) i--;
    ends.splice(i, 0, end);
    this.state.openWindows++;
    return w;
  }

  advance(watermark: number): void {
    if (watermark > this.watermark) this.watermark = watermark;
    const closeBefore = this.watermark - this.lateness;
    while (this.ends.length > 0 && (this.ends[0] as number) <= closeBefore) this.close(this.ends.shift() as number);
  }

  flush(): void {
    while (this.ends.length > 0) this.close(this.ends.shift() as number);
  }

  private close(end: number): void {
    const w = this.windows.get(end) as Window;
    this.windows.delete(end);
    if (this.lastWindow === w) this.lastWindow = null;
    this.state.openWindows--;
    this.groups.emitWindow(w.start, w.end, w.groups.values());
  }
}
