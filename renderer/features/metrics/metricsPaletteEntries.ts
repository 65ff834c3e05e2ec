// The Metrics screen's command-palette entries: each shows the screen and changes what it charts.
import { goToScreen } from '../../state/navigation';
import type { PaletteSource } from '../../state/palette';
import { patchMetricsUi, pickRange, RANGES, toggleLive } from './metricsUi';

export const metricsPaletteEntries: PaletteSource = {
  id: 'metrics',
  entries: () => [
    ...RANGES.map((r) => ({ id: `metrics-range-${r.id}`, label: `Metrics: the last ${r.label}`, group: 'Metrics', hint: r.key, run: () => (pickRange(r.id), goToScreen('metrics')) })),
    { id: 'metrics-custom', label: 'Metrics: a custom range…', group: 'Metrics', hint: 'C', run: () => (pickRange('custom'), goToScreen('metrics')) },
    { id: 'metrics-live', label: 'Metrics: pause or resume live following', group: 'Metrics', hint: 'L', run: () => (toggleLive(), goToScreen('metrics')) },
    { id: 'metrics-reset', label: 'Metrics: reset the zoom and show the whole stream', group: 'Metrics', hint: 'Esc', run: () => (patchMetricsUi({ zoom: null, shard: null }), goToScreen('metrics')) },
  ],
};
