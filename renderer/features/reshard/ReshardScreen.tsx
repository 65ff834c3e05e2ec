import { PlannedScreen, type ScreenPlan } from '../../components/PlannedScreen';

const plan: ScreenPlan = {
  icon: 'reshard',
  title: 'Reshard',
  subtitle: 'Split, merge and scale shards',
  summary: 'Resharding will let you plan splits, merges and shard-count changes, try them on the local engine, and watch their progress.',
  plans: [
    'A plan of splits and merges on the key-space bar, checked against AWS limits before it runs',
    'Progress of each step and the resulting lineage',
    'Rehearse on the local engine before running the same plan on AWS',
  ],
};

export function ReshardScreen() {
  return <PlannedScreen {...plan} />;
}
