// Every Firehose action the engine serves. Add a module under actions/ and list it here.
import type { ActionModule } from '../core/action';
import type { FirehoseContext } from './firehose';
import { CreateDeliveryStream } from './actions/CreateDeliveryStream';
import { DeleteDeliveryStream } from './actions/DeleteDeliveryStream';
import { DescribeDeliveryState } from './actions/DescribeDeliveryState';
import { DescribeDeliveryStream } from './actions/DescribeDeliveryStream';
import { FlushDeliveryStream } from './actions/FlushDeliveryStream';
import { LocalGetDeliveryMetrics } from './actions/LocalGetDeliveryMetrics';
import { LocalReadDeliveryRecords } from './actions/LocalReadDeliveryRecords';
import { ListDeliveryStreams } from './actions/ListDeliveryStreams';
import { ListTagsForDeliveryStream } from './actions/ListTagsForDeliveryStream';
import { LocalSetLambdaModule } from './actions/LocalSetLambdaModule';
import { PutRecord } from './actions/PutRecord';
import { PutRecordBatch } from './actions/PutRecordBatch';
import { StartDeliveryStreamEncryption } from './actions/StartDeliveryStreamEncryption';
import { StopDeliveryStreamEncryption } from './actions/StopDeliveryStreamEncryption';
import { TagDeliveryStream } from './actions/TagDeliveryStream';
import { UntagDeliveryStream } from './actions/UntagDeliveryStream';
import { UpdateDestination } from './actions/UpdateDestination';

export const firehoseActions: readonly ActionModule<FirehoseContext>[] = [
  CreateDeliveryStream,
  DeleteDeliveryStream,
  DescribeDeliveryState,
  DescribeDeliveryStream,
  FlushDeliveryStream,
  LocalGetDeliveryMetrics,
  LocalReadDeliveryRecords,
  ListDeliveryStreams,
  ListTagsForDeliveryStream,
  LocalSetLambdaModule,
  PutRecord,
  PutRecordBatch,
  StartDeliveryStreamEncryption,
  StopDeliveryStreamEncryption,
  TagDeliveryStream,
  UntagDeliveryStream,
  UpdateDestination,
];
