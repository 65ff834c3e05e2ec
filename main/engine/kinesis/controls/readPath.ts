// GetRecords' share of Engine II: read limits before the read, stats and read-byte charging after it.
import { admitRead, chargeRead } from '../limits/throughput';
import type { ReadHook } from '../../readHooks';
import { installedControls } from './engineControls';
import { recordOutgoing } from '../stats/traffic';

export const controlsReadHook: ReadHook = {
  before(ctx, stream, shard) {
    const controls = installedControls(ctx.engine);
    if (!controls || controls.limits.allOff || controls.limits.modeFor(stream) !== 'realistic') return;
    admitRead(controls, ctx, stream, shard);
  },
  after(ctx, stream, shard, records, bytes, millisBehindLatest) {
    const controls = installedControls(ctx.engine);
    if (!controls) return;
    recordOutgoing(ctx.engine, stream, shard, 'getRecords', records, bytes, millisBehindLatest, ctx.now);
    if (!controls.limits.allOff && controls.limits.modeFor(stream) === 'realistic') chargeRead(controls, ctx, shard, bytes);
  },
};
