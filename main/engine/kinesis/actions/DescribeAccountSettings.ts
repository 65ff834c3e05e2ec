import { defineAction } from '../kinesis';
import { t } from '../../core/rules';
import { commitmentOf, commitmentOut } from '../streams/streamSettings';

export const rules = t.struct({});

export const DescribeAccountSettings = defineAction('DescribeAccountSettings', rules, (ctx) => ({
  MinimumThroughputBillingCommitment: commitmentOut(ctx, commitmentOf(ctx)),
}));
