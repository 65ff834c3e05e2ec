// `node --import tsx bench/historyCostRun.ts [--rounds N] [--calls N]`: the cost of the per-minute metric history
// on ingest at 4 shards (bench/historyCost.ts), printed as JSON.
import { parseArgs } from 'node:util';
import { DEFAULT_HISTORY_COST, historyCost } from './historyCost';
import { printRun } from './printRun';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, calls: { type: 'string' } } });

printRun('historyCostRun.ts', 'historyCost', () =>
  historyCost({
    ...DEFAULT_HISTORY_COST,
    rounds: Number(values.rounds ?? DEFAULT_HISTORY_COST.rounds),
    callsPerRound: Number(values.calls ?? DEFAULT_HISTORY_COST.callsPerRound),
  }),
);
