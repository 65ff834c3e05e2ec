// bench/ui-analytics.ts opens the console with ?analyticsbench=1 to time a window's row from the window's close
// to its paint. Only then is the probe (analyticsBench.ts, a chunk of its own) loaded; otherwise the run's hot
// path sees null and skips it.
import type { AnalyticsBenchProbe } from './analyticsBenchTypes';

let probe: AnalyticsBenchProbe | null = null;
if (new URLSearchParams(window.location.search).get('analyticsbench') === '1') {
  void import('./analyticsBench').then((m) => {
    probe = m.analyticsBench;
  });
}

/** The probe when the bench flag is on and it has loaded, else null. */
export function analyticsBenchProbe(): AnalyticsBenchProbe | null {
  return probe;
}
