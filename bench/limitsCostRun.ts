// `node --import tsx bench/limitsCostRun.ts [--rounds N] [--calls N]`: the cost of realistic limits on ingest at
// 4 shards (bench/limitsCost.ts) on its own, printed as JSON.
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS_COST, limitsCost } from './limitsCost';
import { printRun } from './printRun';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, calls: { type: 'string' } } });

printRun('limitsCostRun.ts', 'limitsCost', () =>
  limitsCost({
    ...DEFAULT_LIMITS_COST,
    rounds: Number(values.rounds ?? DEFAULT_LIMITS_COST.rounds),
    callsPerRound: Number(values.calls ?? DEFAULT_LIMITS_COST.callsPerRound),
  }),
);
