import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'metrics',
  title: 'Metrics',
  subtitle: 'Throughput, throttling and iterator age',
  summary: 'Metrics will chart stream and shard activity: CloudWatch on AWS, the engine stats locally.',
  plans: [
    'Incoming and outgoing bytes and records per stream and shard',
    'Throttled writes and reads, iterator age',
    'The same charts for the local engine and AWS',
  ],
};

export function MetricsScreen() {
  return <PlannedScreen {...plan} />;
}
