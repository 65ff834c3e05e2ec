// The honest empty state of a screen that does not exist yet: what it will do, and no pretend data.
import type { IconName } from './Icon';
import { Icon } from './Icon';

export interface NotBuiltProps {
  icon: IconName;
  title: string;
  summary: string;
  plans: string[];
}

export function NotBuilt({ icon, title, summary, plans }: NotBuiltProps) {
  return (
    <div className="empty" data-testid="not-built">
      <div className="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2 className="empty-title">{title} is not built yet</h2>
      <p className="empty-text">{summary}</p>
      <div className="empty-plans">
        <h3 className="eyebrow">Planned</h3>
        <ul>
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </div>
      <p className="empty-note">Nothing on this screen works yet, so it shows no data rather than made-up examples.</p>
    </div>
  );
}
