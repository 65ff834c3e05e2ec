import { defineAction } from '../../kinesis';
import { streamName } from '../../streams/commonRules';
import { t } from '../../../core/rules';

export const rules = t.struct({ StreamName: streamName });

/** The fault seed and rules; with StreamName, the rules that name that stream. */
export const GetFaults = defineAction('GetFaults', rules, (ctx, input) => {
  const faults = ctx.kinesis.controls.faults;
  const rules = input.StreamName === undefined ? faults.rules : faults.rules.filter((r) => r.StreamName === input.StreamName);
  return { Seed: faults.seed, Rules: rules };
});
