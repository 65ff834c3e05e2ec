// The programmatic entry: an Engine serving Kinesis and Firehose behind its HTTP server. Used by the CLI, the worker host
// and tests.
import { isResourceName } from '../../../shared/domain/resourceNames';
import type { Engine } from '../../engine/core/engine';
import type { FaultConfig } from '../../engine/kinesis/faults/faultRules';
import { faultsOption } from '../../engine/kinesis/faults/faultsFile';
import type { EngineLimitSettings, LimitsMode } from '../../engine/kinesis/limits/limitSettings';
import type { Kinesis } from '../../engine/kinesis/kinesis';
import { buildKinesisEngine } from '../../engine/kinesis/kinesisEngine';
import type { StreamDelivery } from '../../engine/firehose/delivering/streamDelivery';
import type { Firehose } from '../../engine/firehose/firehose';
import { firehoseService } from '../../engine/firehose/firehoseEngine';
import { createStream } from '../../engine/kinesis/streams/streamLifecycle';
import { createEngineServer, type TlsMaterial } from './engineServer';
import { selfSignedCertificate } from './tlsCertificate';

export interface StartEngineOptions {
  /** 0 picks a free port. Default 4567. */
  port?: number;
  /** Default 127.0.0.1: the engine binds loopback unless asked otherwise. */
  host?: string;
  /** Folder for engine.db; required unless inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** Streams to have ACTIVE at start ("name:shards" or objects), created when missing. */
  createStreams?: (string | { name: string; shards: number; region?: string })[];
  /** CREATING/UPDATING/DELETING durations, ms. Default 500. */
  statusDelayMs?: number;
  /** Open shards per account and region. Default 500. */
  shardLimit?: number;
  /** true generates a self-signed certificate; or give key and cert. */
  tls?: boolean | TlsMaterial;
  accountId?: string;
  /** Region for requests without a SigV4 scope, and for createStreams. Default us-east-1. */
  region?: string;
  /** When the port is taken, listen on a free one instead of failing. */
  fallbackToFreePort?: boolean;
  /** Engine clock, epoch ms (tests move time to expire iterators and records). */
  clock?: () => number;
  /** Shard iterator lifetime, ms. Default 300000 as on AWS. */
  iteratorTtlMs?: number;
  /** AWS's throughput and control-plane limits for every stream ('realistic'), or none ('off', the default). */
  limits?: LimitsMode | Partial<EngineLimitSettings>;
  /** Injected faults: a JSON file path or the same object (see docs/engine-admin.md). */
  faults?: string | FaultConfig;
  /** false: the engine keeps no per-minute metric history (live per-second stats stay). Default true. */
  metricsHistory?: boolean;
  /** SubscribeToShard lifetime, quiet-time heartbeat and takeover window, ms (see EngineConfig). */
  subscriptionLifetimeMs?: number;
  subscriptionHeartbeatMs?: number;
  subscriptionTakeoverMs?: number;
  /** Firehose: S3 destinations go to this S3-compatible endpoint (path-style) instead of `<dataDir>/s3`. */
  s3Endpoint?: string;
  /** Firehose: Lambda processors whose function has no local module are invoked through this endpoint. */
  lambdaEndpoint?: string;
  /** Firehose: the OpenSearch/Elasticsearch cluster URL a destination's DomainARN stands for. */
  openSearchEndpoint?: string;
}

export interface RunningEngine {
  endpoint: string;
  port: number;
  host: string;
  /** True when the requested port was taken and another was used. */
  portFallback: boolean;
  engine: Engine;
  /** The engine's Data Streams: streams, hooks, controls, consumers. */
  kinesis: Kinesis;
  /** The engine's Firehose: delivery streams, and their delivery (flush now, pipelines' state). */
  firehose: Firehose;
  firehoseDelivery: StreamDelivery;
  close(): Promise<void>;
}

export function parseStreamSpecs(specs: readonly (string | { name: string; shards: number; region?: string })[]): { name: string; shards: number; region?: string }[] {
  return specs.map((spec) => {
    if (typeof spec !== 'string') return spec;
    const [name = '', count = '1'] = spec.split(':');
    const shards = Number(count);
    if (!isResourceName(name) || !Number.isInteger(shards) || shards < 1) {
      throw new Error(`bad stream spec "${spec}": expected name:shards, e.g. orders:4`);
    }
    return { name, shards };
  });
}

export async function startEngine(options: StartEngineOptions = {}): Promise<RunningEngine> {
  if (!options.inMemory && !options.dataDir) throw new Error('startEngine needs dataDir unless inMemory is set');
  let firehose: { api: Firehose; delivery: StreamDelivery } | undefined;
  const { engine, kinesis } = buildKinesisEngine({
    dataDir: options.dataDir,
    inMemory: options.inMemory,
    statusDelayMs: options.statusDelayMs,
    shardLimit: options.shardLimit,
    accountId: options.accountId,
    defaultRegion: options.region,
    clock: options.clock,
    iteratorTtlMs: options.iteratorTtlMs,
    subscriptionLifetimeMs: options.subscriptionLifetimeMs,
    subscriptionHeartbeatMs: options.subscriptionHeartbeatMs,
    subscriptionTakeoverMs: options.subscriptionTakeoverMs,
    limits: options.limits,
    faults: faultsOption(options.faults),
    metricsHistory: options.metricsHistory,
  }, [
    firehoseService({
      dataDir: options.inMemory ? undefined : options.dataDir,
      ...(options.s3Endpoint ? { s3Endpoint: options.s3Endpoint } : {}),
      ...(options.lambdaEndpoint ? { lambdaEndpoint: options.lambdaEndpoint } : {}),
      ...(options.openSearchEndpoint ? { openSearchEndpoint: options.openSearchEndpoint } : {}),
    }, (api, delivery) => {
      firehose = { api, delivery };
    }),
  ]);
  try {
    if (!firehose) throw new Error('the Firehose service was not installed');
    for (const spec of parseStreamSpecs(options.createStreams ?? [])) {
      const region = spec.region ?? engine.config.defaultRegion;
      if (kinesis.findStream(region, spec.name)) continue;
      createStream(kinesis, { region, name: spec.name, shardCount: spec.shards, mode: 'PROVISIONED', delayMs: 0 });
    }
    const tls = options.tls === true ? await selfSignedCertificate() : options.tls || undefined;
    const server = createEngineServer(engine, { tls });
    const host = options.host ?? '127.0.0.1';
    const requested = options.port ?? 4567;
    let port: number;
    let portFallback = false;
    try {
      port = await server.listen(requested, host);
    } catch (error) {
      if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      port = await server.listen(0, host);
      portFallback = true;
    }
    const urlHost = host.includes(':') ? `[${host}]` : host;
    let closing: Promise<void> | undefined;
    return {
      endpoint: `${tls ? 'https' : 'http'}://${urlHost}:${port}`,
      port,
      host,
      portFallback,
      engine,
      kinesis,
      firehose: firehose.api,
      firehoseDelivery: firehose.delivery,
      close() {
        closing ??= server.close().then(() => engine.close());
        return closing;
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
