import { defineAction } from '../kinesis';
import { t } from '../../core/rules';
import { COMMITMENT_WINDOW_MS, commitmentOf, commitmentOut, type Commitment } from '../streams/streamSettings';

export const rules = t.struct({
  MinimumThroughputBillingCommitment: t.struct({ Status: t.enum(['ENABLED', 'DISABLED'], { required: true }) }, { required: true }),
});

/**
 * ENABLED starts a commitment with a minimum window; DISABLED before the window ends keeps it on until then
 * (ENABLED_UNTIL_EARLIEST_ALLOWED_END), after it ends it at once. Repeating the current status changes nothing.
 */
function next(current: Commitment, wanted: 'ENABLED' | 'DISABLED', now: number): Commitment {
  if (wanted === 'ENABLED') {
    if (current.Status === 'ENABLED') return current;
    if (current.Status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END') return { Status: 'ENABLED', StartedAt: current.StartedAt, EarliestAllowedEndAt: current.EarliestAllowedEndAt };
    return { Status: 'ENABLED', StartedAt: now, EarliestAllowedEndAt: now + COMMITMENT_WINDOW_MS };
  }
  if (current.Status !== 'ENABLED') return current;
  const end = current.EarliestAllowedEndAt ?? now;
  if (now >= end) return { Status: 'DISABLED', StartedAt: current.StartedAt, EndedAt: now };
  return { Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', StartedAt: current.StartedAt, EarliestAllowedEndAt: end, EndedAt: end };
}

export const UpdateAccountSettings = defineAction('UpdateAccountSettings', rules, (ctx, input) => {
  const store = ctx.kinesis.resources;
  const updated = next(commitmentOf(ctx), input.MinimumThroughputBillingCommitment.Status, ctx.now);
  store.setAccountSettings(ctx.region, { ...store.accountSettings(ctx.region), minimumThroughputBillingCommitment: updated });
  return { MinimumThroughputBillingCommitment: commitmentOut(ctx, updated) };
});
