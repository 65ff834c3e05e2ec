// bench/ui-metrics.ts opens the console with ?metricsbench=1 to time the Metrics screen on generated data (200
// shards × 24 h at 1-minute resolution). Only then is the probe (metricsBench.ts, a chunk of its own) loaded; on
// the normal path nothing of it is fetched and the screen sees null.
import type { MetricsBenchProbe } from './metricsBenchTypes';

let probe: MetricsBenchProbe | null = null;
if (new URLSearchParams(window.location.search).get('metricsbench') === '1') {
  void import('./metricsBench').then((m) => {
    probe = m.metricsBench;
  });
}

export function metricsBenchProbe(): MetricsBenchProbe | null {
  return probe;
}
