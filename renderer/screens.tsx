// How features compose into the app: which feature fills each screen, the pieces one feature lends another's
// screen (Settings shows the connections and local-engine cards; a stream's Produce tab holds the producer tools),
// and the command-palette entries that are there whatever the screen. Features never import each other; they meet here.
import type { ReactElement } from 'react';
import { analyticsPaletteEntries } from './features/analytics/analyticsPaletteEntries';
import { AnalyticsScreen } from './features/analytics/AnalyticsScreen';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { connectionCheckEntries, connectionSwitchEntries } from './features/connections/paletteEntries';
import { LocalEngineSection } from './features/engine/LocalEngineSection';
import { FirehoseScreen } from './features/firehose/FirehoseScreen';
import { firehosePaletteEntries } from './features/firehose/paletteEntries';
import { MetricsScreen } from './features/metrics/MetricsScreen';
import { openFirehoseMetrics, openMetrics } from './features/metrics/metricsUi';
import { ProduceTab } from './features/producers/ProduceTab';
import { reshardPaletteEntries } from './features/reshard/paletteEntries';
import { ReshardScreen } from './features/reshard/ReshardScreen';
import { reshardStream } from './features/reshard/reshardUi';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { streamNamePaletteEntries, streamsPaletteEntries } from './features/streams/paletteEntries';
import { StreamsScreen } from './features/streams/StreamsScreen';
import { metricsPaletteEntries } from './features/metrics/metricsPaletteEntries';
import { tailPaletteEntries } from './features/tail/tailPaletteEntries';
import { TailScreen } from './features/tail/TailScreen';
import { tailStream } from './features/tail/tailUi';
import { goToScreen, screenIds, screenLabels, shortcutLabel, type ScreenId } from './state/navigation';
import type { PaletteSource } from './state/palette';
import type { Session, SessionState } from './state/session';

export function screenFor(screen: ScreenId, session: Session, state: SessionState): ReactElement {
  switch (screen) {
    case 'streams':
      return <StreamsScreen session={state} ProduceTab={ProduceTab} onTail={tailStream} onReshard={reshardStream} onMetrics={openMetrics} />;
    case 'tail':
      return <TailScreen session={state} />;
    case 'reshard':
      return <ReshardScreen />;
    case 'firehose':
      return <FirehoseScreen onMetrics={openFirehoseMetrics} />;
    case 'analytics':
      return <AnalyticsScreen />;
    case 'metrics':
      return <MetricsScreen />;
    case 'settings':
      return <SettingsScreen session={session} connections={<ConnectionsSection />} engine={<LocalEngineSection engine={state.engine} />} />;
  }
}

const screenEntries: PaletteSource = {
  id: 'screens',
  entries: () => screenIds.map((id, i) => ({ id: `go:${id}`, label: `Go to ${screenLabels[id]}`, group: 'Screens', hint: shortcutLabel(i), run: () => goToScreen(id) })),
};

const streamNameEntries = streamNamePaletteEntries({ tail: tailStream, reshard: reshardStream, metrics: openMetrics });

/** The palette's always-available entries, in the order it lists them. */
export const shellPaletteSources: readonly PaletteSource[] = [connectionSwitchEntries, streamsPaletteEntries, connectionCheckEntries, tailPaletteEntries, firehosePaletteEntries, analyticsPaletteEntries, metricsPaletteEntries, screenEntries, reshardPaletteEntries, streamNameEntries];
