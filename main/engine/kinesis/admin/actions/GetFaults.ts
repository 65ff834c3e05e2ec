import { defineAction } from '../../../core/action';
import { controlsOf } from '../../controls/engineControls';
import { streamName } from '../../streams/commonRules';
import { t } from '../../../core/rules';

export const rules = t.struct({ StreamName: streamName });

/** The fault seed and rules; with StreamName, the rules that name that stream. */
export const GetFaults = defineAction('GetFaults', rules, (ctx, input) => {
  const faults = controlsOf(ctx.engine).faults;
  const rules = input.StreamName === undefined ? faults.rules : faults.rules.filter((r) => r.StreamName === input.StreamName);
  return { Seed: faults.seed, Rules: rules };
});
