import { defineAction } from '../../kinesis';
import { t } from '../../../core/rules';
import type { SnapshotStreamResult } from '../adminTypes';
import { adminStreamRef } from '../adminStreams';
import { checkPath, writeSnapshot } from '../snapshotFile';

export const rules = t.struct({ ...adminStreamRef, Path: t.string({ min: 1, max: 4096, required: true }) });

/** Writes every stored record of the stream (open and closed shards) to Path, replacing the file. */
export const SnapshotStream = defineAction('SnapshotStream', rules, (ctx, input) => {
  checkPath(input.Path);
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const { records, bytes } = writeSnapshot(ctx.store, stream, input.Path, ctx.now);
  const result: SnapshotStreamResult = { StreamName: stream.name, Path: input.Path, Records: records, FileBytes: bytes, Shards: stream.shards.length };
  return result;
});
