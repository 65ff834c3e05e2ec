// Every action the engine serves. Add a module under actions/ and list it here.
import type { ActionModule } from './action';
import { AddTagsToStream } from './actions/AddTagsToStream';
import { CreateStream } from './actions/CreateStream';
import { DecreaseStreamRetentionPeriod } from './actions/DecreaseStreamRetentionPeriod';
import { DeleteStream } from './actions/DeleteStream';
import { DescribeStream } from './actions/DescribeStream';
import { DescribeStreamSummary } from './actions/DescribeStreamSummary';
import { GetRecords } from './actions/GetRecords';
import { GetShardIterator } from './actions/GetShardIterator';
import { IncreaseStreamRetentionPeriod } from './actions/IncreaseStreamRetentionPeriod';
import { ListShards } from './actions/ListShards';
import { ListStreams } from './actions/ListStreams';
import { ListTagsForResource } from './actions/ListTagsForResource';
import { ListTagsForStream } from './actions/ListTagsForStream';
import { MergeShards } from './actions/MergeShards';
import { PutRecord } from './actions/PutRecord';
import { PutRecords } from './actions/PutRecords';
import { RemoveTagsFromStream } from './actions/RemoveTagsFromStream';
import { SplitShard } from './actions/SplitShard';
import { TagResource } from './actions/TagResource';
import { UntagResource } from './actions/UntagResource';
import { UpdateShardCount } from './actions/UpdateShardCount';

export const actionModules: readonly ActionModule[] = [
  CreateStream,
  DeleteStream,
  DescribeStream,
  DescribeStreamSummary,
  ListStreams,
  ListShards,
  PutRecord,
  PutRecords,
  GetShardIterator,
  GetRecords,
  SplitShard,
  MergeShards,
  UpdateShardCount,
  IncreaseStreamRetentionPeriod,
  DecreaseStreamRetentionPeriod,
  AddTagsToStream,
  RemoveTagsFromStream,
  ListTagsForStream,
  TagResource,
  UntagResource,
  ListTagsForResource,
];
