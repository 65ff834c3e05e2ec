// The stream browser's handlers, typed against its contract fragment; the app handlers spread them in:
//   commands: { ...streams.commands }, subscriptions: { ...streams.subscriptions }
// with `const streams = streamsHandlers(connectionManager)`.
import type { EventSpec } from '../../shared/contract/define';
import { streamsCommands, streamsSubscriptions } from '../../shared/contract/streams';
import { kinesisOf, type KinesisSource } from '../services/streams/kinesisSource';
import { createStream, deleteStream, setCapacityMode, setRetention, setTags } from '../services/streams/streamActions';
import { describeStream, routeStreamKey } from '../services/streams/streamDetail';
import { listStreams, streamDetailsRows } from '../services/streams/streamsList';
import { watchStream } from '../services/streams/streamWatch';
import type { Handlers } from '../rpc/handlers';

export interface StreamsContract {
  commands: typeof streamsCommands;
  subscriptions: typeof streamsSubscriptions;
  events: Record<never, EventSpec>;
}

export function streamsHandlers(source: KinesisSource): Handlers<StreamsContract> {
  const kinesis = () => kinesisOf(source);
  return {
    commands: {
      'streams.list': (params) => listStreams(kinesis(), params),
      'streams.details': async (params) => ({ rows: await streamDetailsRows(kinesis(), params.names) }),
      'streams.describe': (params) => describeStream(kinesis(), params.name),
      'streams.route': ({ name, ...key }) => routeStreamKey(kinesis(), name, key),
      'streams.create': (params) => createStream(kinesis(), params),
      'streams.delete': (params) => deleteStream(kinesis(), params),
      'streams.setRetention': (params) => setRetention(kinesis(), params.name, params.hours),
      'streams.setTags': (params) => setTags(kinesis(), params.name, params.tags),
      'streams.setCapacityMode': (params) => setCapacityMode(kinesis(), params.name, params.mode),
    },
    subscriptions: {
      'streams.watch': (params, sink) => watchStream(source, params, (item) => sink.push(item), sink.signal),
    },
  };
}
