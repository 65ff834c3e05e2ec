import { defineAction } from '../action';
import { t } from '../rules';
import { commitmentOf, commitmentOut } from '../streamSettings';

export const rules = t.struct({});

export const DescribeAccountSettings = defineAction('DescribeAccountSettings', rules, (ctx) => ({
  MinimumThroughputBillingCommitment: commitmentOut(ctx, commitmentOf(ctx)),
}));
