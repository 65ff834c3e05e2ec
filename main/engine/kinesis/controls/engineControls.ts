// Installs an engine's run-time controls (limits, faults, live stats and their minute history, on-demand scaling) on its Kinesis: the
// settings they start with, the write gate and stats observer, the GetRecords hook, the fan-out stats observer,
// the fault and control-plane interceptors, and their periodic jobs. The controls' state itself is
// kinesis.controls, built with the Kinesis.
import { faultInterceptor } from '../faults/faultInterceptor';
import type { FaultConfig } from '../faults/faultRules';
import type { Kinesis } from '../kinesis';
import { controlPlaneInterceptor } from '../limits/controlPlane';
import type { EngineLimitSettings, LimitsMode } from '../limits/limitSettings';
import { scaleOnDemand } from '../limits/onDemandScaling';
import { recordOutgoing } from '../stats/traffic';
import { controlsReadHook } from './readPath';
import { controlsWriteGate, statsWriteObserver } from './writePath';

export interface ControlsOptions {
  limits?: LimitsMode | Partial<EngineLimitSettings>;
  /** Already validated (see faultConfigRules / loadFaultsFile). */
  faults?: FaultConfig;
  /** false: no per-minute history is written (the floor its cost is measured against). Default true. */
  metricsHistory?: boolean;
}

export function installControls(kinesis: Kinesis, options: ControlsOptions = {}): void {
  const { controls, hooks } = kinesis;
  if (typeof options.limits === 'string') controls.limits.configure({ mode: options.limits });
  else if (options.limits) controls.limits.configure(options.limits);
  if (options.faults) controls.faults.setRules(options.faults.Rules);
  hooks.writeGates.push(controlsWriteGate);
  hooks.writeObservers.push(statsWriteObserver);
  hooks.readHooks.push(controlsReadHook);
  hooks.fanoutObservers.push((k, stream, shard, records, bytes, behind) => recordOutgoing(k, stream, shard, 'fanOut', records, bytes, behind));
  hooks.interceptors.push(faultInterceptor(controls.faults), controlPlaneInterceptor(controls));
  kinesis.every(1000, () => scaleOnDemand(kinesis));
  hooks.removalObservers.push(forgetGone);
  // Checked every second, written when a minute has rolled: the rows land within a second of the minute's end.
  if (options.metricsHistory !== false) {
    controls.history.enabled = true;
    kinesis.every(1000, () => controls.history.flush(kinesis.clock()));
  }
}

/** Drops buckets and stats of streams and shards that were deleted or trimmed away. */
function forgetGone(kinesis: Kinesis): void {
  const { store, controls } = kinesis;
  const streams = new Set<number>();
  const shards = new Set<number>();
  for (const stream of store.allStreams()) {
    streams.add(stream.id);
    for (const shard of store.shardsOfStream(stream.id)) shards.add(shard.id);
  }
  controls.limits.forget(streams, shards);
  controls.stats.forget(shards);
  controls.scaling.forget(streams);
}
