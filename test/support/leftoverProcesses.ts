// Vitest's global setup: every process a test starts (engines, web hosts, peers, the AWS CLI) inherits a marker in
// its environment; when the run ends, any process still carrying it is a leak. The run fails naming them (after
// killing them, so one leak does not pile up across runs). Linux only: it reads /proc; elsewhere it says it skipped.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const MARKER = 'SHARDSCOPE_TEST_RUN';
const GRACE_MS = 5000;

function marked(token: string): { pid: number; command: string }[] {
  const needle = `${MARKER}=${token}`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(needle)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      // Zombies (exited, not yet reaped) have an empty command line and hold nothing open.
      if (command) found.push({ pid, command });
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

export default function setup(): () => Promise<void> {
  const token = randomUUID();
  process.env[MARKER] = token;
  return async () => {
    if (!existsSync('/proc/self/environ')) {
      console.info('leftover-process check skipped: this system has no /proc');
      return;
    }
    // Processes stopped by the last tests get a moment to exit.
    const deadline = Date.now() + GRACE_MS;
    let left = marked(token);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = marked(token);
    }
    if (left.length === 0) return;
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // Vitest reports an error thrown here but still exits 0: set the exit code as well.
    process.exitCode = 1;
    throw new Error(`Tests left ${left.length} process(es) running (now killed):\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`);
  };
}
