// The console's switches for the local engine: limits, faults, and a stream's records (reset, snapshot,
// restore), through the engine's admin API (docs/engine-admin.md). The engine is reached at the local
// connection's endpoint and region (a region override of the local connection picks where streams are looked
// up), whichever connection is active: these controls always name the local engine.
import type { ConnectionSummary } from '../../shared/contract/connections';
import type { FaultRule, FaultsState, LimitsSetParams, LimitsState } from '../../shared/contract/engine';
import { RpcError } from '../../shared/contract/errors';
import { LOCAL_ID } from '../connections/connectionModel';
import { EngineAdmin, EngineAdminError, type FaultRule as AdminFaultRule, type FaultsView, type LimitsView } from './engineAdmin';

/** What the controls need from the ConnectionManager. */
export interface LocalEngineSource {
  activeId(): string;
  summary(id: string): ConnectionSummary;
}

/** The admin client of the local engine, or EngineNotRunning while it has no endpoint. */
export function localAdmin(source: LocalEngineSource, fetchImpl?: typeof fetch): EngineAdmin {
  const local = source.summary(LOCAL_ID);
  if (!local.endpoint) throw new RpcError('EngineNotRunning', 'The local engine is not running, so its controls are unavailable. Settings → Local engine says why.');
  return new EngineAdmin({ endpoint: local.endpoint, region: local.region, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** Admin errors keep the engine's code (ValidationException, ResourceNotFoundException); a refused socket says so. */
export async function adminCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EngineAdminError) throw new RpcError(error.code, error.message);
    const cause = error instanceof Error ? error.message : String(error);
    throw new RpcError('EngineUnreachable', `The local engine did not answer (${cause}).`);
  }
}

function checkConfirmation(stream: string, confirmName: string, what: string): void {
  if (confirmName !== stream) throw new RpcError('ConfirmationMismatch', `To ${what} ${stream}, confirmName must repeat its name exactly.`);
}

export function limitsState(view: LimitsView): LimitsState {
  const s = view.Stream;
  return {
    mode: view.Mode,
    burstSeconds: view.BurstSeconds,
    onDemandScaleAfterSeconds: view.OnDemandScaleAfterSeconds,
    rates: view.Rates,
    overrides: view.StreamOverrides.map((o) => ({ region: o.Region, stream: o.StreamName, mode: o.Mode })),
    stream: s
      ? {
          name: s.StreamName,
          region: s.Region,
          mode: s.Mode,
          effectiveMode: s.EffectiveMode,
          capacityMode: s.StreamMode ?? null,
          onDemandWriteCapacity: s.OnDemandWriteCapacity ? { bytesPerSecond: s.OnDemandWriteCapacity.BytesPerSecond, recordsPerSecond: s.OnDemandWriteCapacity.RecordsPerSecond } : null,
          scalingEvents: (s.ScalingEvents ?? []).map((e) => ({ atMs: e.AtMs, splitShardId: e.SplitShardId, openShardsBefore: e.OpenShardsBefore, openShardsAfter: e.OpenShardsAfter, reason: e.Reason })),
        }
      : null,
  };
}

/** Contract rule (camelCase) ↔ engine rule (the admin API's PascalCase members), member by member. */
const RULE_MEMBERS = [
  ['stream', 'StreamName'],
  ['action', 'Action'],
  ['errorRate', 'ErrorRate'],
  ['errorType', 'ErrorType'],
  ['latencyMs', 'LatencyMs'],
  ['jitterMs', 'JitterMs'],
  ['partialFailureRate', 'PartialFailureRate'],
  ['partialFailureCode', 'PartialFailureCode'],
  ['iteratorExpirySeconds', 'IteratorExpirySeconds'],
] as const satisfies readonly (readonly [keyof FaultRule, keyof AdminFaultRule])[];

export function toAdminRule(rule: FaultRule): AdminFaultRule {
  const out: Record<string, unknown> = {};
  for (const [ours, theirs] of RULE_MEMBERS) if (rule[ours] !== undefined) out[theirs] = rule[ours];
  return out as AdminFaultRule;
}

export function fromAdminRule(rule: AdminFaultRule): FaultRule {
  const out: Record<string, unknown> = {};
  for (const [ours, theirs] of RULE_MEMBERS) if (rule[theirs] !== undefined) out[ours] = rule[theirs];
  return out as FaultRule;
}

const faultsState = (view: FaultsView): FaultsState => ({ seed: view.Seed, rules: view.Rules.map(fromAdminRule) });

export class LocalEngineControls {
  constructor(
    private readonly source: LocalEngineSource,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  private admin(): EngineAdmin {
    return localAdmin(this.source, this.fetchImpl);
  }

  async limits(stream: string | undefined): Promise<LimitsState> {
    const admin = this.admin();
    return limitsState(await adminCall(() => admin.getLimits(stream === undefined ? undefined : { StreamName: stream })));
  }

  async setLimits(params: LimitsSetParams): Promise<LimitsState> {
    const admin = this.admin();
    if (params.scope === 'stream') return limitsState(await adminCall(() => admin.setStreamLimits({ StreamName: params.stream }, params.mode)));
    const { mode, burstSeconds, onDemandScaleAfterSeconds } = params;
    return limitsState(
      await adminCall(() =>
        admin.setEngineLimits({
          ...(mode !== undefined ? { Mode: mode } : {}),
          ...(burstSeconds !== undefined ? { BurstSeconds: burstSeconds } : {}),
          ...(onDemandScaleAfterSeconds !== undefined ? { OnDemandScaleAfterSeconds: onDemandScaleAfterSeconds } : {}),
        }),
      ),
    );
  }

  async faults(stream: string | undefined): Promise<FaultsState> {
    const admin = this.admin();
    return faultsState(await adminCall(() => admin.getFaults(stream)));
  }

  async setFaults(params: { rules: FaultRule[]; stream?: string | undefined; seed?: number | undefined }): Promise<FaultsState> {
    const admin = this.admin();
    const options = { ...(params.stream !== undefined ? { streamName: params.stream } : {}), ...(params.seed !== undefined ? { seed: params.seed } : {}) };
    return faultsState(await adminCall(() => admin.setFaults(params.rules.map(toAdminRule), options)));
  }

  async resetStream(stream: string, confirmName: string): Promise<{ stream: string; recordsDeleted: number }> {
    checkConfirmation(stream, confirmName, 'drop every record of');
    const admin = this.admin();
    const result = await adminCall(() => admin.resetStream({ StreamName: stream }));
    return { stream: result.StreamName, recordsDeleted: result.RecordsDeleted };
  }

  async snapshot(stream: string, path: string): Promise<{ stream: string; path: string; records: number; fileBytes: number; shards: number }> {
    const admin = this.admin();
    const r = await adminCall(() => admin.snapshotStream({ StreamName: stream }, path));
    return { stream: r.StreamName, path: r.Path, records: r.Records, fileBytes: r.FileBytes, shards: r.Shards };
  }

  async restore(stream: string, path: string, confirmName: string): Promise<{ stream: string; path: string; records: number; sequenceNumbersPreserved: boolean }> {
    checkConfirmation(stream, confirmName, 'replace the records of');
    const admin = this.admin();
    const r = await adminCall(() => admin.restoreStream({ StreamName: stream }, path));
    return { stream: r.StreamName, path: r.Path, records: r.Records, sequenceNumbersPreserved: r.SequenceNumbersPreserved };
  }
}
