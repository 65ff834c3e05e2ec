// `node --import tsx bench/limitsCostRun.ts [--rounds N] [--calls N]`: the cost of realistic limits on ingest at
// 4 shards (bench/limitsCost.ts) on its own, printed as JSON.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS_COST, limitsCost } from './limitsCost';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, calls: { type: 'string' } } });

async function main(): Promise<void> {
  const figures = await limitsCost({
    ...DEFAULT_LIMITS_COST,
    rounds: Number(values.rounds ?? DEFAULT_LIMITS_COST.rounds),
    callsPerRound: Number(values.calls ?? DEFAULT_LIMITS_COST.callsPerRound),
  });
  const report = {
    command: `node --import tsx bench/limitsCostRun.ts ${process.argv.slice(2).join(' ')}`.trim(),
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    limitsCost: figures,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
