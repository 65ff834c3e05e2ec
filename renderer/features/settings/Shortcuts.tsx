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
          <span>Tail: start or stop · pause or resume</span>
          <span>
            <kbd>{isMac() ? '⌘Enter' : 'Ctrl+Enter'}</kbd> <kbd>Space</kbd>
          </span>
        </li>
        <li>
          <span>Tail: filter · next / previous row · open its detail · close it</span>
          <span>
            <kbd>/</kbd> <kbd>J</kbd> <kbd>K</kbd> <kbd>Enter</kbd> <kbd>Esc</kbd>
          </span>
        </li>
        <li>
          <span>Tail: follow the newest · copy the row's permalink · cycle the time format</span>
          <span>
            <kbd>F</kbd> <kbd>L</kbd> <kbd>T</kbd>
          </span>
        </li>
        <li>
          <span>Tail: export · import · replay</span>
          <span>
            <kbd>E</kbd> <kbd>I</kbd> <kbd>R</kbd>
          </span>
        </li>
        <li>
          <span>Move between controls</span>
          <kbd>Tab</kbd>
        </li>
      </ul>
    </Card>
  );
}
