// Every admin action. Add a module under admin/actions/ and list it here.
import type { ActionModule } from '../../core/action';
import type { KinesisContext } from '../kinesis';
import { GetFaults } from './actions/GetFaults';
import { GetLimits } from './actions/GetLimits';
import { GetStreamEvents } from './actions/GetStreamEvents';
import { GetStreamMetrics } from './actions/GetStreamMetrics';
import { GetStreamStats } from './actions/GetStreamStats';
import { ResetStream } from './actions/ResetStream';
import { RestoreStream } from './actions/RestoreStream';
import { SetFaults } from './actions/SetFaults';
import { SetLimits } from './actions/SetLimits';
import { SnapshotStream } from './actions/SnapshotStream';

export const adminActions: readonly ActionModule<KinesisContext>[] = [GetLimits, SetLimits, GetFaults, SetFaults, GetStreamStats, GetStreamMetrics, GetStreamEvents, ResetStream, SnapshotStream, RestoreStream];
