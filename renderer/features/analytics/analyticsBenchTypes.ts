// What the run's hot path may tell the benchmark probe; its own module, so the probe and its loader share it
// without importing each other.
export interface BenchRow {
  /** The row's time: a window row's window end, which is when the window closes in arrival time. */
  rowtime: number;
  /** Main's clock when it sent the batch holding the row. */
  sentAt?: number;
}

export interface AnalyticsBenchProbe {
  /** A batch of rows reached the renderer. */
  noteRows(rows: readonly BenchRow[]): void;
  /** Rows were first painted. */
  notePainted(rows: readonly BenchRow[]): void;
}
