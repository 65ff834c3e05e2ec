// `node --import tsx bench/historyCostRun.ts [--rounds N] [--calls N]`: the cost of the per-minute metric history
// on ingest at 4 shards (bench/historyCost.ts), printed as JSON.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_HISTORY_COST, historyCost } from './historyCost';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, calls: { type: 'string' } } });

async function main(): Promise<void> {
  const figures = await historyCost({
    ...DEFAULT_HISTORY_COST,
    rounds: Number(values.rounds ?? DEFAULT_HISTORY_COST.rounds),
    callsPerRound: Number(values.calls ?? DEFAULT_HISTORY_COST.callsPerRound),
  });
  const report = {
    command: `node --import tsx bench/historyCostRun.ts ${process.argv.slice(2).join(' ')}`.trim(),
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    historyCost: figures,
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
