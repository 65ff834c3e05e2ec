// Every action the engine serves. Add a module under actions/ and list it here.
import type { ActionModule } from './action';
import { CreateStream } from './actions/CreateStream';
import { DeleteStream } from './actions/DeleteStream';
import { DescribeStream } from './actions/DescribeStream';
import { DescribeStreamSummary } from './actions/DescribeStreamSummary';
import { GetRecords } from './actions/GetRecords';
import { GetShardIterator } from './actions/GetShardIterator';
import { ListShards } from './actions/ListShards';
import { ListStreams } from './actions/ListStreams';
import { PutRecord } from './actions/PutRecord';
import { PutRecords } from './actions/PutRecords';

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
];
