// What the tail's hot paths may tell the benchmark probe; its own module, so the probe and its loader share it
// without importing each other.
export interface BenchBatchItem {
  type: string;
  preview?: string;
  shardId?: string;
  at?: number;
  arrivalMs?: number;
}

export interface TailBenchProbe {
  /** A batch reached the renderer. */
  noteBatch(items: readonly BenchBatchItem[]): void;
  /** Rows (their previews) were first painted. */
  notePainted(previews: readonly string[]): void;
}
