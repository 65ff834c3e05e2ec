import { defineAction } from '../kinesis';
import { changeMonitoring, monitoringRules } from './EnableEnhancedMonitoring';

export const rules = monitoringRules;

export const DisableEnhancedMonitoring = defineAction('DisableEnhancedMonitoring', rules, (ctx, input) => changeMonitoring(ctx, input, false));
