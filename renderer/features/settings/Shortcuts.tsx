import { screenIds, screenLabels, shortcutLabel } from '../../state/navigation';
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
          <span>Move between controls</span>
          <kbd>Tab</kbd>
        </li>
      </ul>
    </Card>
  );
}
