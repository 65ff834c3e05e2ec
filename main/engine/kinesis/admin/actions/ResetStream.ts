import { defineAction } from '../../kinesis';
import { t } from '../../../core/rules';
import type { ResetStreamResult } from '../adminTypes';
import { adminStreamRef } from '../adminStreams';

export const rules = t.struct({ ...adminStreamRef });

/** Drops every record of the stream; shards, sequence positions, settings, limits and faults stay. */
export const ResetStream = defineAction('ResetStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  let deleted = 0;
  ctx.store.transaction(() => {
    for (const shard of stream.shards) deleted += ctx.store.trimRecords(shard.id, Number.MAX_SAFE_INTEGER);
  });
  const result: ResetStreamResult = { StreamName: stream.name, RecordsDeleted: deleted };
  return result;
});
