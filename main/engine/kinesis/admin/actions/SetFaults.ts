import { defineAction } from '../../kinesis';
import { streamName } from '../../streams/commonRules';
import { invalidArgument } from '../../../core/errors';
import { faultConfigMembers } from '../../faults/faultRules';
import { t } from '../../../core/rules';

export const rules = t.struct({ StreamName: streamName, ...faultConfigMembers });

/**
 * Replaces the fault rules: all of them, or with StreamName only that stream's (rules without a StreamName then
 * apply to it). Seed restarts the PRNG.
 */
export const SetFaults = defineAction('SetFaults', rules, (ctx, input) => {
  const faults = ctx.kinesis.controls.faults;
  const scope = input.StreamName;
  let next = input.Rules;
  if (scope !== undefined) {
    const foreign = next.find((r) => r.StreamName !== undefined && r.StreamName !== scope);
    if (foreign) throw invalidArgument(`Rule for stream ${foreign.StreamName ?? ''} given with StreamName ${scope}.`);
    next = [...faults.rules.filter((r) => r.StreamName !== scope), ...next.map((r) => ({ ...r, StreamName: scope }))];
  }
  faults.setRules(next);
  if (input.Seed !== undefined) faults.reseed(input.Seed);
  // An annotation on the charts: for one stream when scoped, else engine-wide (shown on every stream).
  const count = scope === undefined ? faults.rules.length : faults.rules.filter((r) => r.StreamName === scope).length;
  ctx.kinesis.events.record(ctx.now, scope === undefined ? null : { region: ctx.region, name: scope }, 'faults', count === 0 ? 'Injected faults cleared' : `Injected faults set: ${count} rule${count === 1 ? '' : 's'}`);
  return { Seed: faults.seed, Rules: scope === undefined ? faults.rules : faults.rules.filter((r) => r.StreamName === scope) };
});
