// Engine II's run-time controls of one engine — limits, faults, live stats — and their installation. The
// engine's hooks (writeGates, writeObservers, readHooks) are process-wide lists, so they are registered once and
// find each engine's controls here; interceptors and the periodic job are per engine.
import type { Engine } from '../../core/engine';
import { faultInterceptor } from '../faults/faultInterceptor';
import type { FaultConfig } from '../faults/faultRules';
import { FaultState } from '../faults/faultState';
import { controlPlaneInterceptor } from '../limits/controlPlane';
import type { EngineLimitSettings, LimitsMode } from '../limits/limitSettings';
import { LimitsState } from '../limits/limitsState';
import { OnDemandScaler } from '../limits/onDemandScaling';
import { readHooks } from '../../readHooks';
import { fanoutObservers } from '../fanout/shardSubscription';
import { StatsRegistry } from '../stats/streamStats';
import { writeGates, writeObservers } from '../records/writeRecords';
import { controlsReadHook } from './readPath';
import { recordOutgoing } from '../stats/traffic';
import { controlsWriteGate, statsWriteObserver } from './writePath';

export interface EngineControls {
  readonly engine: Engine;
  readonly limits: LimitsState;
  readonly faults: FaultState;
  readonly stats: StatsRegistry;
  readonly scaler: OnDemandScaler;
}

export interface ControlsOptions {
  limits?: LimitsMode | Partial<EngineLimitSettings>;
  /** Already validated (see faultConfigRules / loadFaultsFile). */
  faults?: FaultConfig;
}

const byEngine = new WeakMap<Engine, EngineControls>();
let hooksInstalled = false;

/** The engine's controls when installed; the hot paths use this and do nothing for an engine without them. */
export function installedControls(engine: Engine): EngineControls | undefined {
  return byEngine.get(engine);
}

/** The engine's controls, installing the defaults (limits off, no faults) on first use. */
export function controlsOf(engine: Engine): EngineControls {
  return byEngine.get(engine) ?? installControls(engine);
}

export function installControls(engine: Engine, options: ControlsOptions = {}): EngineControls {
  const existing = byEngine.get(engine);
  if (existing) return existing;
  if (!hooksInstalled) {
    hooksInstalled = true;
    writeGates.push(controlsWriteGate);
    writeObservers.push(statsWriteObserver);
    readHooks.push(controlsReadHook);
    fanoutObservers.push((engine, stream, shard, records, bytes, behind) => recordOutgoing(engine, stream, shard, 'fanOut', records, bytes, behind));
  }
  const controls: EngineControls = { engine, limits: new LimitsState(), faults: new FaultState(options.faults?.Seed), stats: new StatsRegistry(), scaler: new OnDemandScaler() };
  if (typeof options.limits === 'string') controls.limits.configure({ mode: options.limits });
  else if (options.limits) controls.limits.configure(options.limits);
  if (options.faults) controls.faults.setRules(options.faults.Rules);
  byEngine.set(engine, controls);
  engine.interceptors.push(faultInterceptor(controls.faults), controlPlaneInterceptor(controls));
  engine.every(1000, () => controls.scaler.tick(controls));
  engine.every(60_000, () => forgetGone(controls));
  return controls;
}

/** Drops buckets and stats of streams and shards that were deleted or trimmed away. */
function forgetGone(controls: EngineControls): void {
  const store = controls.engine.store;
  const streams = new Set<number>();
  const shards = new Set<number>();
  for (const stream of store.allStreams()) {
    streams.add(stream.id);
    for (const shard of store.shardsOfStream(stream.id)) shards.add(shard.id);
  }
  controls.limits.forget(streams, shards);
  controls.stats.forget(shards);
  controls.scaler.forget(streams);
}
