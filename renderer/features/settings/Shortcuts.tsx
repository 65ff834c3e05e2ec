import { isMac, screenIds, screenLabels, shortcutLabel } from '../../state/navigation';
import { Card } from './Card';

export function Shortcuts() {
  return (
    <Card id="shortcuts" title="Keyboard">
      <ul className="shortcuts">
        {screenIds.map((id, index) => (
          <li key={id}>
            <span>{screenLabels[id]}</span>
            <kbd>{shortcutLabel(index)}</kbd>
          </li>
        ))}
        <li>
          <span>Command palette</span>
          <kbd>{isMac() ? '⌘K' : 'Ctrl+K'}</kbd>
        </li>
        <li>
          <span>Switch connection</span>
          <kbd>{isMac() ? '⌘⇧K' : 'Ctrl+Shift+K'}</kbd>
        </li>
        <li>
          <span>Create stream</span>
          <kbd>Alt+N</kbd>
        </li>
        <li>
          <span>Filter streams · refresh the list</span>
          <span>
            <kbd>/</kbd> <kbd>Alt+R</kbd>
          </span>
        </li>
        <li>
          <span>Back from a stream to the list</span>
          <kbd>Esc</kbd>
        </li>
        <li>
          <span>Move between controls</span>
          <kbd>Tab</kbd>
        </li>
      </ul>
    </Card>
  );
}
