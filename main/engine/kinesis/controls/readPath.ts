// GetRecords' controls: read limits before the read, stats and read-byte charging after it.
import type { ReadHook } from '../kinesis';
import { admitRead, chargeRead } from '../limits/throughput';
import { recordOutgoing } from '../stats/traffic';

export const controlsReadHook: ReadHook = {
  before(ctx, stream, shard) {
    const controls = ctx.kinesis.controls;
    if (controls.limits.allOff || controls.limits.modeFor(stream) !== 'realistic') return;
    admitRead(controls, ctx, stream, shard);
  },
  after(ctx, stream, shard, records, bytes, millisBehindLatest) {
    const controls = ctx.kinesis.controls;
    recordOutgoing(ctx.kinesis, stream, shard, 'getRecords', records, bytes, millisBehindLatest, ctx.now);
    if (!controls.limits.allOff && controls.limits.modeFor(stream) === 'realistic') chargeRead(controls, ctx, shard, bytes);
  },
};
