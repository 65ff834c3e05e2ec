import { defineAction } from '../../kinesis';
import { t } from '../../../core/rules';
import { adminStreamRef, namedStream } from '../adminStreams';
import { limitsView } from '../limitsView';

export const rules = t.struct({ ...adminStreamRef });

export const GetLimits = defineAction('GetLimits', rules, (ctx, input) => {
  const named = namedStream(ctx, input);
  return limitsView(ctx, named?.region ?? ctx.region, named?.name, named?.stream);
});
