// The Analytics screen's command-palette entries: each opens the screen and asks it to carry the action out.
import type { PaletteSource } from '../../state/palette';
import { requestAnalytics, type AnalyticsAction } from './analyticsUi';

const commands: { id: string; label: string; hint?: string; action: AnalyticsAction }[] = [
  { id: 'analytics-run', label: 'Run the analytics query', hint: 'Ctrl+Enter', action: 'run' },
  { id: 'analytics-stop', label: 'Stop the analytics query', action: 'stop' },
  { id: 'analytics-pause', label: 'Pause or resume the analytics results view', action: 'pause' },
  { id: 'analytics-editor', label: 'Edit the analytics query', action: 'editor' },
  { id: 'analytics-discover', label: 'Discover the analytics input schema', action: 'discover' },
  { id: 'analytics-output', label: 'Write analytics results to a stream…', action: 'output' },
  { id: 'analytics-flink', label: 'Export the analytics query as Flink SQL…', action: 'flink' },
  { id: 'analytics-adhoc', label: 'Ad-hoc SQLite over the last minutes of a stream', action: 'adhoc' },
];

export const analyticsPaletteEntries: PaletteSource = {
  id: 'analytics',
  entries: () => commands.map((c) => ({ id: c.id, label: c.label, group: 'Analytics', ...(c.hint ? { hint: c.hint } : {}), run: () => requestAnalytics(c.action) })),
};
