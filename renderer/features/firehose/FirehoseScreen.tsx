import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'firehose',
  title: 'Firehose',
  subtitle: 'Delivery streams and delivered objects',
  summary: 'The Firehose screen will show delivery streams, their buffering settings and what they delivered.',
  plans: [
    'Delivery streams with their source, buffering hints and destination',
    'Delivered objects: S3 on AWS, the engine output folder locally',
    'Try buffering and transformation settings locally before changing them for real',
  ],
};

export function FirehoseScreen() {
  return <PlannedScreen {...plan} />;
}
