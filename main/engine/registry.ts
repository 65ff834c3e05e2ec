// Every action the engine serves. Add a module under actions/ and list it here.
import type { ActionModule } from './action';
import { CreateStream } from './actions/CreateStream';
import { DeleteStream } from './actions/DeleteStream';
import { DescribeStream } from './actions/DescribeStream';
import { DescribeStreamSummary } from './actions/DescribeStreamSummary';
import { ListStreams } from './actions/ListStreams';

export const actionModules: readonly ActionModule[] = [
  CreateStream,
  DeleteStream,
  DescribeStream,
  DescribeStreamSummary,
  ListStreams,
];
