// The one SDK client factory of the tests and benchmarks, and small waiting helpers around it.
import { Agent } from 'node:http';
import { DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { sleep } from './sleep';

export const dummyCredentials = { accessKeyId: 'AKIDSHARDSCOPETEST', secretAccessKey: 'shardscope-test-secret' };
export const region = 'us-east-1';

export interface SdkClientOptions {
  region?: string;
  /** 1 unless given: a test sees each error as the engine sent it, not after the SDK's retries. */
  maxAttempts?: number;
  /** The SDK's default handler (HTTP/2 to an http:// endpoint) unless given. */
  requestHandler?: NodeHttpHandler | undefined;
}

/** A Kinesis client with dummy credentials (the engine accepts any) pointed at `endpoint`. */
export function sdkClient(endpoint: string, options: SdkClientOptions = {}): KinesisClient {
  const { requestHandler } = options;
  return new KinesisClient({
    endpoint,
    region: options.region ?? region,
    credentials: dummyCredentials,
    maxAttempts: options.maxAttempts ?? 1,
    ...(requestHandler ? { requestHandler } : {}),
  });
}

/** HTTP/1.1 with a keep-alive pool, so every peer (kinesalite has no h2c) gets the same client. */
export function kinesisClient(endpoint: string, maxSockets = 16): KinesisClient {
  return sdkClient(endpoint, {
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 5000,
      requestTimeout: 60_000,
    }),
  });
}

/** Environment for the AWS CLI and boto3: dummy keys, a region, and no ~/.aws lookups. */
export function awsClientEnv(): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Polls DescribeStreamSummary until the stream has the wanted status (the engine's delays are short). */
export async function waitForStatus(client: KinesisClient, streamName: string, status = 'ACTIVE', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      last = out.StreamDescriptionSummary?.StreamStatus ?? '';
      if (last === status) return;
    } catch (error) {
      last = error instanceof Error ? error.name : String(error);
    }
    await sleep(50);
  }
  throw new Error(`stream ${streamName} did not become ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** Reads a shard from TRIM_HORIZON to its current end, page by page (Limit 10,000), handing each page over. */
export async function drainShard(
  client: KinesisClient,
  streamName: string,
  shardId: string,
  onPage: (records: _Record[]) => void,
): Promise<number> {
  let iterator = (await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  let total = 0;
  while (iterator) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    const records = page.Records ?? [];
    onPage(records);
    total += records.length;
    iterator = page.NextShardIterator;
    if (records.length === 0 && page.MillisBehindLatest === 0) break;
  }
  return total;
}
