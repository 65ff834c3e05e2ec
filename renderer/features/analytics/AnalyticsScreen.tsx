import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'analytics',
  title: 'Analytics',
  subtitle: 'Questions over stream contents',
  summary: 'Analytics will answer questions over the records of one or more streams, without writing a consumer.',
  plans: [
    'Queries over decoded records, locally and on AWS',
    'Results as tables and charts, exportable',
  ],
};

export function AnalyticsScreen() {
  return <PlannedScreen {...plan} />;
}
