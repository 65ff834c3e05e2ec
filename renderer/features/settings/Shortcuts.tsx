import { isMac, screenIds, screenLabels, shortcutLabel } from '../../state/navigation';
import { Card } from '../../components/Card';

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
          <span>Tail: filter</span>
          <span><kbd>/</kbd></span>
        </li>
        <li>
          <span>Tail: next · previous row</span>
          <span><kbd>J</kbd> <kbd>K</kbd></span>
        </li>
        <li>
          <span>Tail: open · close a row's detail</span>
          <span><kbd>Enter</kbd> <kbd>Esc</kbd></span>
        </li>
        <li>
          <span>Tail: follow the newest rows</span>
          <span><kbd>F</kbd></span>
        </li>
        <li>
          <span>Tail: copy the row's permalink</span>
          <span><kbd>L</kbd></span>
        </li>
        <li>
          <span>Tail: cycle the time format</span>
          <span><kbd>T</kbd></span>
        </li>
        <li>
          <span>Tail: export · import · replay</span>
          <span>
            <kbd>E</kbd> <kbd>I</kbd> <kbd>R</kbd>
          </span>
        </li>
        <li>
          <span>Metrics: 15 min · 1 h · 6 h · 24 h · custom range</span>
          <span>
            <kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd> <kbd>4</kbd> <kbd>C</kbd>
          </span>
        </li>
        <li>
          <span>Metrics: pause or resume · reset the zoom · read again</span>
          <span>
            <kbd>L</kbd> <kbd>Esc</kbd> <kbd>R</kbd>
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
