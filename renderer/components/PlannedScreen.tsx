// A screen that is planned but not built: its header and an honest empty state, with no pretend data.
import { NotBuilt, type NotBuiltProps } from './NotBuilt';
import { ScreenHeader } from './ScreenHeader';

export interface ScreenPlan extends NotBuiltProps {
  subtitle: string;
}

export function PlannedScreen({ subtitle, ...plan }: ScreenPlan) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={plan.title} subtitle={subtitle} />
      <NotBuilt {...plan} />
    </section>
  );
}
