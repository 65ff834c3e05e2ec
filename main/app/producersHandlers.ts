// The producer tools' handlers, typed against their contract fragment; the app handlers spread them in
// (`const producers = producersHandlers(connectionManager, generators)`), and the app closes `generators`
// on shutdown.
import type { EventSpec } from '../../shared/contract/define';
import { producersCommands, producersSubscriptions } from '../../shared/contract/producers';
import { putBatch, putRecord } from '../services/producers/composer';
import type { Generators } from '../services/producers/generators';
import { abortableSleep } from '../services/streams/abortableSleep';
import { kinesisOf, type KinesisSource } from '../services/streams/kinesisSource';
import type { Handlers } from '../rpc/handlers';

export interface ProducersContract {
  commands: typeof producersCommands;
  subscriptions: typeof producersSubscriptions;
  events: Record<never, EventSpec>;
}

export function producersHandlers(source: KinesisSource, generators: Generators): Handlers<ProducersContract> {
  return {
    commands: {
      'producers.put': ({ stream, ...record }) => putRecord(kinesisOf(source), stream, record),
      'producers.putBatch': (params) => putBatch(kinesisOf(source), params.stream, params.records),
      'generator.start': (params) => generators.start(params),
      'generator.stop': (params) => generators.stop(params.id),
      'generator.list': () => ({ generators: generators.list() }),
      'generator.preview': (params) => generators.preview(params),
    },
    subscriptions: {
      'generator.progress': async (params, sink) => {
        const done = generators.done(params.id);
        for (;;) {
          const status = generators.status(params.id);
          sink.push(status);
          if (status.state === 'stopped' || status.state === 'failed' || sink.signal.aborted) return;
          await Promise.race([abortableSleep(params.intervalMs, sink.signal), done]);
        }
      },
    },
  };
}
