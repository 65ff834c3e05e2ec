// `node --import tsx bench/fanoutLatencyRun.ts [--samples N]`: the put → fan-out delivery latency on its own,
// against our engine started as a child process (as bench/run.ts starts it), printed as JSON.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startPeer } from '../test/support/peers';
import { fanoutLatency } from './fanoutLatency';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '1000' } } });

async function main(): Promise<void> {
  const peer = await startPeer('engine', { statusDelayMs: 0 }, 90_000);
  try {
    const figures = await fanoutLatency(peer.endpoint, Number(values.samples));
    const report = {
      command: `node --import tsx bench/fanoutLatencyRun.ts ${process.argv.slice(2).join(' ')}`.trim(),
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      fanoutLatency: figures,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await peer.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
