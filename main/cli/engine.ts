// `npm run engine -- --port 4567 --data-dir DIR [--in-memory] [--create-streams a:2,b:1] [--host H] ...`
// Runs the Kinesis engine headless (for CI users who only want an emulator) until SIGINT/SIGTERM.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEngine, type RunningEngine } from '../server/engine/startEngine';

const USAGE = `Usage: shardscope-engine [options]

  --port N              port to listen on (default 4567; a free port is used if it is taken, 0 = any)
  --host ADDRESS        address to bind (default 127.0.0.1)
  --data-dir DIR        where engine.db lives (default: the per-user app data folder + /engine)
  --in-memory           keep everything in memory (nothing is written to disk)
  --create-streams L    streams to create at start, e.g. orders:4,clicks:1
  --status-delay-ms N   how long CREATING/UPDATING/DELETING last (default 500)
  --shard-limit N       open shards allowed per region (default 500)
  --account-id ID       12-digit account id used in ARNs (default 000000000000)
  --region REGION       region for unsigned requests and --create-streams (default us-east-1)
  --tls                 serve https with a generated self-signed certificate
  --limits MODE         realistic: AWS's shard and control-plane limits for every stream; off (default)
  --faults FILE         inject faults from a JSON file (format: docs/engine-admin.md)
  --subscription-lifetime-ms N   SubscribeToShard: how long a subscription lives before the
                        service ends it (default 300000, AWS's 5 minutes)
  --subscription-heartbeat-ms N  SubscribeToShard: an empty event after this much quiet (default 5000)
  --subscription-takeover-ms N   SubscribeToShard: a second subscription for the same consumer and
                        shard is refused within this time of the first, later it takes over (default 5000)
  --s3-endpoint URL     Firehose: deliver S3 destinations to this S3-compatible endpoint
                        (path-style; credentials from the AWS environment/profile chain)
                        instead of files under DATA-DIR/s3
  --lambda-endpoint URL Firehose: invoke Lambda processors through this endpoint (LocalStack,
                        AWS) unless LocalSetLambdaModule maps the function to a local module
  --opensearch-endpoint URL  Firehose: the cluster URL OpenSearch/Elasticsearch DomainARNs stand for
  -h, --help            show this help
`;

/** The per-user app data folder Electron would use for Shardscope, plus /engine. */
export function defaultDataDir(): string {
  const home = homedir();
  let base: string;
  if (process.platform === 'win32') base = process.env.APPDATA ?? join(home, 'AppData', 'Roaming');
  else if (process.platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = process.env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(base, 'Shardscope', 'engine');
}

/**
 * When started with an IPC channel (the shardscope-engine wrapper does that), the engine must not outlive its
 * parent: the channel closes when the parent dies, even by SIGKILL, which no signal handler of the parent sees.
 */
function stopWithParent(stop: () => void): void {
  if (!process.channel) return;
  process.on('disconnect', stop);
  // The channel alone must not keep the engine running, nor hold it open after a clean stop.
  process.channel.unref();
}

function positive(name: string, value: string | undefined): number | undefined {
  const n = integer(name, value);
  if (n === 0) throw new Error(`--${name} needs a whole number of at least 1, got "${value}"`);
  return n;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got "${value}"`);
  return n;
}

function endpointUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--${name} needs a URL such as http://localhost:4566, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--${name} needs an http:// or https:// URL, got "${value}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'create-streams': { type: 'string' },
      'status-delay-ms': { type: 'string' },
      'shard-limit': { type: 'string' },
      'account-id': { type: 'string' },
      region: { type: 'string' },
      tls: { type: 'boolean' },
      limits: { type: 'string' },
      faults: { type: 'string' },
      'subscription-lifetime-ms': { type: 'string' },
      'subscription-heartbeat-ms': { type: 'string' },
      'subscription-takeover-ms': { type: 'string' },
      's3-endpoint': { type: 'string' },
      'lambda-endpoint': { type: 'string' },
      'opensearch-endpoint': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const requestedPort = integer('port', values.port) ?? 4567;
  const accountId = values['account-id'];
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new Error('--account-id needs 12 digits');
  const limits = values.limits ?? 'off';
  if (limits !== 'realistic' && limits !== 'off') throw new Error(`--limits needs realistic or off, got "${limits}"`);
  const inMemory = values['in-memory'] ?? false;
  const dataDir = inMemory ? undefined : (values['data-dir'] ?? defaultDataDir());
  // Signal handlers go in before the engine starts, so a signal during start-up still stops it cleanly.
  const running: { engine?: RunningEngine } = {};
  let stopSignal: string | undefined;
  const stop = (signal: string) => {
    if (stopSignal) return;
    stopSignal = signal;
    process.stdout.write(signal.startsWith('SIG') ? `Received ${signal}, stopping the engine.\n` : `Stopping the engine: ${signal}.\n`);
    (running.engine ? running.engine.close() : Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  stopWithParent(() => stop('the process that started it exited'));

  const engine = await startEngine({
    port: requestedPort,
    host: values.host ?? '127.0.0.1',
    dataDir,
    inMemory,
    createStreams: values['create-streams']?.split(',').map((s) => s.trim()).filter(Boolean),
    statusDelayMs: integer('status-delay-ms', values['status-delay-ms']),
    shardLimit: integer('shard-limit', values['shard-limit']),
    accountId,
    region: values.region,
    tls: values.tls ?? false,
    limits,
    faults: values.faults,
    subscriptionLifetimeMs: positive('subscription-lifetime-ms', values['subscription-lifetime-ms']),
    subscriptionHeartbeatMs: positive('subscription-heartbeat-ms', values['subscription-heartbeat-ms']),
    subscriptionTakeoverMs: integer('subscription-takeover-ms', values['subscription-takeover-ms']),
    s3Endpoint: endpointUrl('s3-endpoint', values['s3-endpoint']),
    lambdaEndpoint: endpointUrl('lambda-endpoint', values['lambda-endpoint']),
    openSearchEndpoint: endpointUrl('opensearch-endpoint', values['opensearch-endpoint']),
    fallbackToFreePort: true,
  });
  running.engine = engine;
  if (stopSignal) {
    await engine.close();
    process.exit(0);
  }
  if (engine.portFallback) process.stdout.write(`Port ${requestedPort} is in use; using port ${engine.port} instead.\n`);
  process.stdout.write(`Kinesis engine listening on ${engine.endpoint}\n`);
  process.stdout.write(inMemory ? 'Data: in memory\n' : `Data: ${dataDir}\n`);
}

main().catch((error: unknown) => {
  console.error(`shardscope-engine: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
