// Builds an engine that serves Kinesis Data Streams: the Kinesis API (X-Amz-Target Kinesis_20131202) with its
// actions and interceptors, the engine's admin API (Shardscope_20261128), resharding's transition hook, the
// periodic jobs (retention, closed-shard expiry, fan-out ticks), the live controls and the write observer that
// wakes SubscribeToShard subscriptions. A second service (e.g. Firehose) is another installer in the same list.
import { actionService } from '../core/actionService';
import { Engine, type EngineOptions, type ServiceInstaller } from '../core/engine';
import { adminService } from './admin/adminService';
import { installControls, type ControlsOptions } from './controls/engineControls';
import { SUBSCRIPTION_TICK_MS } from './fanout/subscriptionHub';
import { Kinesis } from './kinesis';
import { kinesisActions } from './kinesisActions';
import { scheduleShardExpiry } from './resharding/closedShards';
import { installResharding } from './resharding/resharding';
import { trimExpiredRecords } from './streams/retention';

export const KINESIS_SERVICE = 'Kinesis_20131202';

export interface KinesisOptions extends ControlsOptions {
  /**
   * false leaves out the limits, faults and live-stats hooks (the floor a benchmark compares against); the
   * controls' state still exists. Default true.
   */
  controlHooks?: boolean;
}

/** Installs Data Streams on an engine; `built` receives the Kinesis once it exists. */
export function kinesisService(options: KinesisOptions = {}, built?: (kinesis: Kinesis) => void): ServiceInstaller {
  return (engine) => {
    const kinesis = new Kinesis(engine, options.faults?.Seed);
    const api = actionService({
      targetPrefix: KINESIS_SERVICE,
      signed: true,
      actions: kinesisActions,
      context: (request) => kinesis.context(request),
      clock: kinesis.clock,
      interceptors: kinesis.hooks.interceptors,
    });
    kinesis.api = api;
    // Transition hooks must exist before the transitions left pending by a restart complete.
    installResharding(kinesis);
    kinesis.finishPendingTransitions();
    kinesis.every(engine.config.retentionSweepMs, () => trimExpiredRecords(kinesis));
    scheduleShardExpiry(kinesis);
    kinesis.hooks.writeObservers.push((_ctx, _stream, shards) => kinesis.subscriptions.wakeWritten(shards));
    kinesis.every(SUBSCRIPTION_TICK_MS, () => kinesis.subscriptions.tick(kinesis.clock(), kinesis.store.generation));
    if (options.controlHooks !== false) installControls(kinesis, options);
    built?.(kinesis);
    return [api, adminService(kinesis)];
  };
}

export interface KinesisEngine {
  engine: Engine;
  kinesis: Kinesis;
}

/** An engine serving Kinesis (and its admin API), plus any other services given (e.g. Firehose). */
export function buildKinesisEngine(options: Omit<EngineOptions, 'services'> & KinesisOptions = {}, otherServices: readonly ServiceInstaller[] = []): KinesisEngine {
  let kinesis: Kinesis | undefined;
  const engine = new Engine({
    ...options,
    services: [
      kinesisService(options, (built) => {
        kinesis = built;
      }),
      ...otherServices,
    ],
  });
  if (!kinesis) throw new Error('the Kinesis service was not installed');
  return { engine, kinesis };
}
