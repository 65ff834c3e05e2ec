// Per-engine fault rules and their PRNG. A request's plan merges every rule that matches its stream and action,
// property by property, the most specific rule winning: stream+action, then stream+"*", then action alone, then
// rules for everything.
import type { FaultRule, InjectedErrorType } from './faultRules';
import { randomSeed, seededRandom } from './prng';

export interface FaultPlan {
  errorRate: number;
  errorType: InjectedErrorType;
  latencyMs: number;
  jitterMs: number;
  partialFailureRate: number;
  partialFailureCode: 'InternalFailure' | 'ProvisionedThroughputExceededException';
  /** 0: the engine's iterator lifetime applies. */
  iteratorExpiryMs: number;
}

function specificity(rule: FaultRule): number {
  return (rule.StreamName !== undefined ? 2 : 0) + (rule.Action !== undefined && rule.Action !== '*' ? 1 : 0);
}

export class FaultState {
  seed: number;
  random: () => number;
  rules: FaultRule[] = [];
  private readonly plans = new Map<string, FaultPlan | null>();

  constructor(seed = randomSeed()) {
    this.seed = seed;
    this.random = seededRandom(seed);
  }

  reseed(seed: number): void {
    this.seed = seed;
    this.random = seededRandom(seed);
  }

  setRules(rules: FaultRule[]): void {
    this.rules = [...rules].sort((a, b) => specificity(a) - specificity(b));
    this.plans.clear();
  }

  /** The merged plan for a request, or undefined when no rule applies (cached per stream and action). */
  plan(streamName: string | undefined, action: string): FaultPlan | undefined {
    const key = `${action} ${streamName ?? ''}`;
    const cached = this.plans.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let plan: FaultPlan | null = null;
    for (const rule of this.rules) {
      if (rule.StreamName !== undefined && rule.StreamName !== streamName) continue;
      if (rule.Action !== undefined && rule.Action !== '*' && rule.Action !== action) continue;
      plan ??= { errorRate: 0, errorType: 'InternalFailure', latencyMs: 0, jitterMs: 0, partialFailureRate: 0, partialFailureCode: 'InternalFailure', iteratorExpiryMs: 0 };
      if (rule.ErrorRate !== undefined) plan.errorRate = rule.ErrorRate;
      if (rule.ErrorType !== undefined) plan.errorType = rule.ErrorType;
      if (rule.LatencyMs !== undefined) plan.latencyMs = rule.LatencyMs;
      if (rule.JitterMs !== undefined) plan.jitterMs = rule.JitterMs;
      if (rule.PartialFailureRate !== undefined) plan.partialFailureRate = rule.PartialFailureRate;
      if (rule.PartialFailureCode !== undefined) plan.partialFailureCode = rule.PartialFailureCode;
      if (rule.IteratorExpirySeconds !== undefined) plan.iteratorExpiryMs = rule.IteratorExpirySeconds * 1000;
    }
    this.plans.set(key, plan);
    return plan ?? undefined;
  }
}
