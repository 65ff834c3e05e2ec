// Starts a Kinesis-compatible server (ours or a peer emulator) as a child process on a free port and
// waits until it answers. Tests and benchmarks share this so every target is launched the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { sleep } from './sleep';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type PeerKind = 'engine' | 'kinesalite' | 'kinesis-local';

export interface PeerOptions {
  /** Directory for persistent data (ours: --data-dir, kinesalite: --path). Omitted means in memory. */
  dataDir?: string;
  /** Delay of CREATING/UPDATING/DELETING transitions, in ms. */
  statusDelayMs?: number;
  /** Serve https with the server's self-signed certificate (ours: --tls, kinesalite: --ssl). */
  tls?: boolean;
  /** Extra command-line arguments for the server. */
  extraArgs?: string[];
}

export interface RunningPeer {
  kind: PeerKind;
  endpoint: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
  /** SIGKILL, no grace: the crash-safety case. */
  kill(): Promise<void>;
}

/** The target the harness suites run against: ours unless HARNESS_PEER names a peer (to prove a harness). */
export function harnessTarget(): PeerKind {
  const wanted = process.env.HARNESS_PEER ?? 'engine';
  if (wanted !== 'engine' && wanted !== 'kinesalite' && wanted !== 'kinesis-local') {
    throw new Error(`HARNESS_PEER must be engine, kinesalite or kinesis-local, not ${wanted}`);
  }
  return wanted;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface LaunchPlan {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Matches the line that says the server listens; group 1 is the port when present. */
  readyLine?: RegExp;
}

function plan(kind: PeerKind, port: number, spare: number, options: PeerOptions): LaunchPlan {
  const delay = String(options.statusDelayMs ?? 0);
  const extra = options.extraArgs ?? [];
  switch (kind) {
    case 'engine': {
      // The young-generation size `npm run engine` and the shardscope-engine bin use (docs/engine-internals.md).
      const args = ['--max-semi-space-size=32', '--import', 'tsx', join(repoRoot, 'main/cli/engine.ts'), '--port', String(port), '--host', '127.0.0.1', '--status-delay-ms', delay];
      if (options.dataDir) args.push('--data-dir', options.dataDir);
      else args.push('--in-memory');
      if (options.tls) args.push('--tls');
      return { args: [...args, ...extra], env: process.env, readyLine: /^Kinesis engine listening on https?:\/\/[^\s:]+:(\d+)\s*$/m };
    }
    case 'kinesalite': {
      const args = [join(repoRoot, 'node_modules/kinesalite/cli.js'), '--port', String(port), '--createStreamMs', delay, '--deleteStreamMs', delay, '--updateStreamMs', delay, '--shardLimit', '200'];
      if (options.dataDir) args.push('--path', options.dataDir);
      if (options.tls) args.push('--ssl');
      return { args: [...args, ...extra], env: process.env, readyLine: /^Listening at https?:\/\/\S*?:(\d+)\s*$/m };
    }
    case 'kinesis-local': {
      // kinesis-local takes its settings from the environment; it needs the TLS port and certificate too.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KINESIS_MOCK_PLAIN_PORT: String(port),
        KINESIS_MOCK_TLS_PORT: String(spare),
        KINESIS_MOCK_CERT_PATH: join(repoRoot, 'node_modules/kinesis-local/server.json'),
        LOG_LEVEL: 'ERROR',
        SHARD_LIMIT: '200',
      };
      for (const name of ['CREATE_STREAM', 'DELETE_STREAM', 'MERGE_SHARDS', 'SPLIT_SHARD', 'UPDATE_SHARD_COUNT']) {
        env[`${name}_DURATION`] = `${delay}ms`;
      }
      return { args: [join(repoRoot, 'node_modules/kinesis-local/main.js'), ...extra], env };
    }
  }
}

/** Any HTTP answer at all means the server is up (an unsigned POST gets an error, which is fine). */
function answers(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const request = tls ? httpsRequest : httpRequest;
    // The servers' certificates are self-signed: this probe only asks whether something answers.
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', timeout: 1000, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

const livePeers = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of livePeers) child.kill('SIGKILL');
});

export async function startPeer(kind: PeerKind, options: PeerOptions = {}, timeoutMs = 45_000): Promise<RunningPeer> {
  const wantedPort = await freePort();
  // kinesis-local also binds a TLS port, so it gets a second free one.
  const spare = kind === 'kinesis-local' ? await freePort() : 0;
  const { args, env, readyLine } = plan(kind, wantedPort, spare, options);
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  livePeers.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      livePeers.delete(child);
      resolve({ code, signal });
    });
  });
  let port = readyLine ? 0 : wantedPort;
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
    if (readyLine && port === 0) {
      const match = readyLine.exec(output);
      if (match) port = Number(match[1] ?? wantedPort);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stopWith = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const peer: RunningPeer = {
    kind,
    endpoint: '',
    port: 0,
    pid: child.pid ?? -1,
    child,
    output: () => output,
    exited,
    stop: () => stopWith('SIGTERM', 5000),
    kill: () => stopWith('SIGKILL', 0),
  };

  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${kind} exited before listening (${child.exitCode ?? child.signalCode}):\n${output}`);
    if (port !== 0 && (await answers(port, options.tls ?? false))) {
      return { ...peer, port, endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}` };
    }
    await sleep(50);
  }
  await peer.kill();
  throw new Error(`${kind} did not answer within ${timeoutMs} ms:\n${output}`);
}

/** Resident set size of a process in KiB, from /proc/<pid>/status. */
export async function rssKiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}
