// The colour theme: the system's, or light or dark whatever the system says; the choice is remembered.
import { Card } from '../../components/Card';
import { Segmented } from '../../components/Segmented';
import { useStore } from '../../state/store';
import { chooseTheme, theme, themeChoice, type ThemeChoice } from '../../state/theme';

const choices: { id: ThemeChoice; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

export function Appearance() {
  const choice = useStore(themeChoice);
  const shown = useStore(theme);
  return (
    <Card id="appearance" title="Appearance">
      <Segmented label="Theme" options={choices} value={choice} onChange={chooseTheme} />
      <p>
        The theme is <strong data-testid="theme-name">{shown}</strong>
        {choice === 'system' ? ': it follows your operating system and changes when the system setting does.' : ', whatever the system setting; this browser remembers the choice.'}
      </p>
    </Card>
  );
}
