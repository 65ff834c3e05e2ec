import { defineAction } from '../action';
import { streamRef } from '../commonRules';
import { changeRetention, retentionRules } from '../retentionPeriod';
import { t } from '../rules';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({ ...streamRef, ...retentionRules });

export const DecreaseStreamRetentionPeriod = defineAction('DecreaseStreamRetentionPeriod', rules, (ctx, input) => {
  changeRetention(ctx, input, 'decrease');
  return NO_OUTPUT;
});
