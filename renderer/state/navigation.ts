// The screens of the navigation frame, in order; Alt+1…Alt+7 follow this order.
import { createStore } from './store';

export const screenIds = ['streams', 'tail', 'reshard', 'firehose', 'analytics', 'metrics', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

export const screenLabels: Record<ScreenId, string> = {
  streams: 'Streams',
  tail: 'Tail',
  reshard: 'Reshard',
  firehose: 'Firehose',
  analytics: 'Analytics',
  metrics: 'Metrics',
  settings: 'Settings',
};

export const navigation = createStore<ScreenId>('streams');

/** Alt+digit (by physical key, so it works on macOS where Option+digit types a symbol). */
export function screenForShortcut(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): ScreenId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const match = /^Digit([1-9])$/.exec(event.code);
  if (!match) return null;
  return screenIds[Number(match[1]) - 1] ?? null;
}

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function shortcutLabel(index: number): string {
  return `${isMac() ? '⌥' : 'Alt+'}${index + 1}`;
}

/** Shows a screen and moves the focus to its title, as the keyboard shortcuts and the palette do. */
export function goToScreen(id: ScreenId): void {
  navigation.set(id);
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus({ preventScroll: true }));
}
