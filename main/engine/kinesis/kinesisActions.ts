// Every Kinesis action the engine serves. Add a module under actions/ and list it here.
import type { ActionModule } from '../core/action';
import type { KinesisContext } from './kinesis';
import { AddTagsToStream } from './actions/AddTagsToStream';
import { CreateChannel } from './actions/CreateChannel';
import { CreateStream } from './actions/CreateStream';
import { DecreaseStreamRetentionPeriod } from './actions/DecreaseStreamRetentionPeriod';
import { DeleteChannel } from './actions/DeleteChannel';
import { DeleteResourcePolicy } from './actions/DeleteResourcePolicy';
import { DeleteStream } from './actions/DeleteStream';
import { DescribeAccountSettings } from './actions/DescribeAccountSettings';
import { DescribeChannel } from './actions/DescribeChannel';
import { DescribeLimits } from './actions/DescribeLimits';
import { DescribeStream } from './actions/DescribeStream';
import { DescribeStreamSummary } from './actions/DescribeStreamSummary';
import { DisableEnhancedMonitoring } from './actions/DisableEnhancedMonitoring';
import { EnableEnhancedMonitoring } from './actions/EnableEnhancedMonitoring';
import { GetRecords } from './actions/GetRecords';
import { GetResourcePolicy } from './actions/GetResourcePolicy';
import { GetShardIterator } from './actions/GetShardIterator';
import { IncreaseStreamRetentionPeriod } from './actions/IncreaseStreamRetentionPeriod';
import { ListChannels } from './actions/ListChannels';
import { ListShards } from './actions/ListShards';
import { ListStreams } from './actions/ListStreams';
import { ListTagsForResource } from './actions/ListTagsForResource';
import { ListTagsForStream } from './actions/ListTagsForStream';
import { MergeShards } from './actions/MergeShards';
import { PutRecord } from './actions/PutRecord';
import { PutRecords } from './actions/PutRecords';
import { PutResourcePolicy } from './actions/PutResourcePolicy';
import { RemoveTagsFromStream } from './actions/RemoveTagsFromStream';
import { SplitShard } from './actions/SplitShard';
import { StartStreamEncryption } from './actions/StartStreamEncryption';
import { StopStreamEncryption } from './actions/StopStreamEncryption';
import { TagResource } from './actions/TagResource';
import { UntagResource } from './actions/UntagResource';
import { UpdateAccountSettings } from './actions/UpdateAccountSettings';
import { UpdateChannel } from './actions/UpdateChannel';
import { UpdateMaxRecordSize } from './actions/UpdateMaxRecordSize';
import { UpdateShardCount } from './actions/UpdateShardCount';
import { UpdateStreamMode } from './actions/UpdateStreamMode';
import { UpdateStreamRecordDistributionStrategy } from './actions/UpdateStreamRecordDistributionStrategy';
import { DeregisterStreamConsumer } from './actions/DeregisterStreamConsumer';
import { DescribeStreamConsumer } from './actions/DescribeStreamConsumer';
import { ListStreamConsumers } from './actions/ListStreamConsumers';
import { RegisterStreamConsumer } from './actions/RegisterStreamConsumer';
import { SubscribeToShard } from './actions/SubscribeToShard';
import { UpdateStreamWarmThroughput } from './actions/UpdateStreamWarmThroughput';

export const kinesisActions: readonly ActionModule<KinesisContext>[] = [
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
  StartStreamEncryption,
  StopStreamEncryption,
  UpdateStreamMode,
  EnableEnhancedMonitoring,
  DisableEnhancedMonitoring,
  DescribeLimits,
  UpdateMaxRecordSize,
  UpdateStreamWarmThroughput,
  DescribeAccountSettings,
  UpdateAccountSettings,
  PutResourcePolicy,
  GetResourcePolicy,
  DeleteResourcePolicy,
  CreateChannel,
  DescribeChannel,
  ListChannels,
  UpdateChannel,
  DeleteChannel,
  UpdateStreamRecordDistributionStrategy,
  RegisterStreamConsumer,
  DescribeStreamConsumer,
  ListStreamConsumers,
  DeregisterStreamConsumer,
  SubscribeToShard,
];
