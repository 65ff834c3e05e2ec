import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { changeRetention, retentionRules } from '../streams/retentionPeriod';
import { t } from '../../core/rules';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ...streamRef, ...retentionRules });

export const IncreaseStreamRetentionPeriod = defineAction('IncreaseStreamRetentionPeriod', rules, (ctx, input) => {
  changeRetention(ctx, input, 'increase');
  return NO_OUTPUT;
});
