// Instrumentation for bench/ui-analytics.ts, loaded only when the address has ?analyticsbench=1
// (analyticsBenchProbe.ts): each window row is timed from its window's end (its ROWTIME; in arrival time the
// window closes then) to the batch reaching the page and to the frame that paints it. The bench reads and
// empties window.__analyticsBench.
import type { AnalyticsBenchProbe, BenchRow } from './analyticsBenchTypes';

export interface AnalyticsBenchSamples {
  /** window end → the batch holding its row reached the page, ms. */
  toBatch: number[];
  /** window end → the row's first paint, ms. */
  toPaint: number[];
  /** main sent the batch → the row's first paint, ms: the transport's and the renderer's share. */
  sentToPaint: number[];
}
declare global {
  interface Window {
    __analyticsBench?: AnalyticsBenchSamples;
  }
}

function samples(): AnalyticsBenchSamples {
  return (window.__analyticsBench ??= { toBatch: [], toPaint: [], sentToPaint: [] });
}

export const analyticsBench: AnalyticsBenchProbe = {
  noteRows(rows) {
    const now = Date.now();
    for (const row of rows) samples().toBatch.push(now - row.rowtime);
  },
  notePainted(rows: readonly BenchRow[]) {
    const now = Date.now();
    for (const row of rows) {
      samples().toPaint.push(now - row.rowtime);
      if (row.sentAt !== undefined) samples().sentToPaint.push(now - row.sentAt);
    }
  },
};
