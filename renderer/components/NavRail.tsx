import { navigation, screenIds, screenLabels, shortcutLabel, type ScreenId } from '../state/navigation';
import { useStore } from '../state/store';
import { Icon } from './Icon';

export function NavRail({ onNavigate }: { onNavigate: (screen: ScreenId) => void }) {
  const current = useStore(navigation);
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="logo" size={20} />
        </span>
        <span className="brand-name">Shardscope</span>
      </div>
      <ul className="nav-list">
        {screenIds.map((id, index) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === id ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${index + 1}`}
              onClick={() => onNavigate(id)}
            >
              <Icon name={id} />
              <span className="nav-label">{screenLabels[id]}</span>
              <kbd className="nav-kbd">{shortcutLabel(index)}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
