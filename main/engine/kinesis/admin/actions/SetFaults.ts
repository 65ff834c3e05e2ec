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
  return { Seed: faults.seed, Rules: scope === undefined ? faults.rules : faults.rules.filter((r) => r.StreamName === scope) };
});
