import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'streams',
  title: 'Streams',
  subtitle: 'Kinesis data streams on the active connection',
  summary: 'The stream browser lists the streams of the active connection, local or AWS, and shows what the AWS console hides while debugging.',
  plans: [
    'Every stream with status, capacity mode, shard counts, retention and encryption; filter and sort',
    'Shards with hash key ranges, share of the key space and lineage after resharding',
    'A key-space bar: type a partition key and see the shard it goes to',
    'Create, delete, retention, tags and capacity mode, with typed confirmation for anything destructive',
    'A record composer and a data generator',
  ],
};

export function StreamsScreen() {
  return <PlannedScreen {...plan} />;
}
