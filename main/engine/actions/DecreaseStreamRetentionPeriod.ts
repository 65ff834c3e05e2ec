import { defineAction } from '../action';
import { streamRef } from '../commonRules';
import { changeRetention, retentionRules } from '../retentionPeriod';
import { t } from '../rules';

export const rules = t.struct({ ...streamRef, ...retentionRules });

export const DecreaseStreamRetentionPeriod = defineAction('DecreaseStreamRetentionPeriod', rules, (ctx, input) => {
  changeRetention(ctx, input, 'decrease');
  return {};
});
