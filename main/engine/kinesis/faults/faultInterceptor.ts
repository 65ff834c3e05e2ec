// Injects the configured faults before an action runs: the compressed iterator expiry (GetRecords), errors at a
// rate, and latency. A failed request writes nothing. PutRecords' partial-failure rate is handed to the write
// gate on the request's context (ctx.partialFailure).
import type { KinesisContext } from '../kinesis';
import type { ActionInterceptor } from '../../core/actionService';
import { expiredIterator } from '../records/iterators';
import { requestTarget } from '../controls/requestTarget';
import { injectedError } from './injectedErrors';
import type { FaultState } from './faultState';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function faultInterceptor(faults: FaultState): ActionInterceptor<KinesisContext> {
  return (action, ctx, body) => {
    if (faults.rules.length === 0) return;
    const target = requestTarget(ctx, action, body);
    const plan = faults.plan(target.name, action);
    if (!plan) return;
    if (plan.partialFailureRate > 0 && action === 'PutRecords') ctx.partialFailure = plan;
    if (plan.iteratorExpiryMs > 0 && target.iterator && ctx.now - target.iterator.t > plan.iteratorExpiryMs) {
      throw expiredIterator(target.iterator.t, ctx.now, plan.iteratorExpiryMs);
    }
    const error = plan.errorRate > 0 && faults.random() < plan.errorRate ? injectedError(plan.errorType, ctx, target) : undefined;
    const delay = plan.latencyMs + (plan.jitterMs > 0 ? faults.random() * plan.jitterMs : 0);
    if (delay > 0) {
      return sleep(delay).then(() => {
        if (error) throw error;
      });
    }
    if (error) throw error;
  };
}
