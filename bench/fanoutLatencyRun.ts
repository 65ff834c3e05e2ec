// `node --import tsx bench/fanoutLatencyRun.ts [--samples N]`: the put → fan-out delivery latency on its own,
// against our engine started as a child process (as bench/run.ts starts it), printed as JSON.
import { parseArgs } from 'node:util';
import { startPeer } from '../test/support/peers';
import { fanoutLatency } from './fanoutLatency';
import { printRun } from './printRun';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '1000' } } });

printRun('fanoutLatencyRun.ts', 'fanoutLatency', async () => {
  const peer = await startPeer('engine', { statusDelayMs: 0 }, 90_000);
  try {
    return await fanoutLatency(peer.endpoint, Number(values.samples));
  } finally {
    await peer.stop();
  }
});
