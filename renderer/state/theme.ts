// The colour theme: the system's (the default), or light or dark as chosen in Settings and remembered in this
// browser (localStorage). The stylesheet has one dark palette, on :root[data-theme='dark']; this module sets
// that attribute from the choice and, for "system", from prefers-color-scheme as it changes.
import { createStore } from './store';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'shardscope.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function saved(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const themeChoice = createStore<ThemeChoice>(saved());
/** The theme shown now. */
export const theme = createStore<Theme>('light');

export function chooseTheme(choice: ThemeChoice): void {
  themeChoice.set(choice);
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage may be disabled: the choice then lasts for this window only.
  }
}

/** Applies the theme now and whenever the choice or the system setting changes; call once, before rendering. */
export function startTheme(): void {
  const media = window.matchMedia(DARK_QUERY);
  const apply = () => {
    const choice = themeChoice.get();
    const shown: Theme = choice === 'system' ? (media.matches ? 'dark' : 'light') : choice;
    document.documentElement.dataset.theme = shown;
    theme.set(shown);
  };
  media.addEventListener('change', apply);
  themeChoice.subscribe(apply);
  apply();
}
