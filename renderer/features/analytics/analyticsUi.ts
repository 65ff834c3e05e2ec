// Requests from elsewhere (the command palette) that the Analytics screen carries out once it is mounted, and the
// screen's open tab and dialog, kept outside React so they survive visits to other screens.
import { navigation } from '../../state/navigation';
import { createStore } from '../../state/store';

export type AnalyticsAction = 'run' | 'stop' | 'pause' | 'discover' | 'flink' | 'output' | 'adhoc' | 'editor';
export type AnalyticsDialog = 'flink' | 'output' | 'aws-confirm' | null;

export const analyticsUi = createStore<{ tab: 'stream' | 'adhoc'; dialog: AnalyticsDialog }>({ tab: 'stream', dialog: null });
export const patchAnalyticsUi = (change: Partial<{ tab: 'stream' | 'adhoc'; dialog: AnalyticsDialog }>) => analyticsUi.set((ui) => ({ ...ui, ...change }));

/** The latest request; `n` makes a repeated request a new value. */
export const analyticsRequest = createStore<{ action: AnalyticsAction; n: number } | null>(null);

export function requestAnalytics(action: AnalyticsAction): void {
  navigation.set('analytics');
  analyticsRequest.set((r) => ({ action, n: (r?.n ?? 0) + 1 }));
}

/** The last request carried out, outside React: a request made just before the screen mounts (the palette
 *  navigates and asks at once) is still new when it mounts; one already carried out is not run again. */
let handled = 0;

/** The request's action if it is new and one of `actions`; marks it carried out. */
export function claimRequest(request: { action: AnalyticsAction; n: number } | null, actions: (action: AnalyticsAction) => boolean): AnalyticsAction | null {
  if (!request || request.n <= handled || !actions(request.action)) return null;
  handled = request.n;
  return request.action;
}
