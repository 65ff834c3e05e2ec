import { defineAction } from '../action';
import { streamRef } from '../commonRules';
import { changeRetention, retentionRules } from '../retentionPeriod';
import { t } from '../rules';

export const rules = t.struct({ ...streamRef, ...retentionRules });

export const IncreaseStreamRetentionPeriod = defineAction('IncreaseStreamRetentionPeriod', rules, (ctx, input) => {
  changeRetention(ctx, input, 'increase');
  return {};
});
