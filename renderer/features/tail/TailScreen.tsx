import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'tail',
  title: 'Tail',
  subtitle: 'Live records across shards',
  summary: 'The tailer will follow a stream across all its shards in one timeline, through resharding, and decode what it reads.',
  plans: [
    'Start at LATEST, TRIM_HORIZON, a timestamp or a sequence number',
    'Decoding of KPL aggregates, gzip, CloudWatch Logs batches, JSON and text',
    'Text, regex and JSONata filters evaluated in main',
    'Pause without losing rows, permalinks, export to NDJSON or CSV, replay into another stream',
  ],
};

export function TailScreen() {
  return <PlannedScreen {...plan} />;
}
