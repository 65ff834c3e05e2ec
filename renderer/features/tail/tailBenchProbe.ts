// bench/ui-tail.ts opens the console with ?tailbench=1 to time rows from put to paint. Only then is the probe
// (tailBench.ts, a chunk of its own) loaded; on the normal path nothing of it is fetched, and the tail's hot
// paths see null and skip it.
import type { TailBenchProbe } from './tailBenchTypes';

let probe: TailBenchProbe | null = null;
if (new URLSearchParams(window.location.search).get('tailbench') === '1') {
  void import('./tailBench').then((m) => {
    probe = m.tailBench;
  });
}

/** The probe when the bench flag is on and it has loaded, else null. */
export function tailBenchProbe(): TailBenchProbe | null {
  return probe;
}
