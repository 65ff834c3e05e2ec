// What the Metrics screen tells the benchmark probe, and what the probe lends it: a source of generated views in
// place of the RPC (its own module, so the probe and its loader share it without importing each other).
import type { AnnotationsResult, MetricsQuery, MetricsView } from '../../../shared/contract/metrics';

export interface MetricsBackend {
  query(query: MetricsQuery): Promise<MetricsView>;
  annotations(query: { stream: string; fromMs: number; toMs: number }): Promise<AnnotationsResult>;
}

export interface MetricsBenchProbe {
  /** Serves streams whose names start with "bench-": generated views, no RPC. */
  backendFor(stream: string): MetricsBackend | null;
  /** A view was committed to the DOM (called from a layout effect). */
  committed(view: MetricsView): void;
}
