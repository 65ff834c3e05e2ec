// Installs Firehose on an engine: the Firehose API (X-Amz-Target Firehose_20150804, SigV4-signed like AWS) with
// its actions, the delivery streams' pending status transitions, and real delivery (one pipeline per ACTIVE
// stream, unsettled records put again at start). Passed in the engine's service list beside Kinesis.
import { actionService } from '../core/actionService';
import type { ServiceInstaller } from '../core/engine';
import { StreamDelivery, type StreamDeliveryOptions } from './delivering/streamDelivery';
import { Firehose } from './firehose';
import { DeliveryHistory } from './metrics/deliveryHistory';
import { firehoseActions } from './firehoseActions';

export const FIREHOSE_SERVICE = 'Firehose_20150804';

export type FirehoseOptions = StreamDeliveryOptions;

/** Installs Firehose on an engine; `built` receives the Firehose and its delivery once they exist. */
export function firehoseService(options: FirehoseOptions = {}, built?: (firehose: Firehose, delivery: StreamDelivery) => void): ServiceInstaller {
  return (engine) => {
    const firehose = new Firehose(engine);
    const api = actionService({
      targetPrefix: FIREHOSE_SERVICE,
      signed: true,
      actions: firehoseActions,
      context: (request) => firehose.context(request),
      clock: firehose.clock,
    });
    firehose.api = api;
    const history = new DeliveryHistory(firehose.clock);
    firehose.history = history;
    firehose.listeners.push(history);
    const delivery = new StreamDelivery(firehose, {
      ...options,
      onEvent: (name, event, streamId) => {
        history.observe(streamId, event);
        options.onEvent?.(name, event, streamId);
      },
    });
    firehose.listeners.push(delivery);
    engine.every(1000, () => history.sample((id) => delivery.pipeline(id)?.state()));
    firehose.flushNow = (streamId) => delivery.flushNow(streamId);
    // ACTIVE streams first (their unsettled records are put again), then the status delays that passed while the
    // engine was stopped: a stream that becomes ACTIVE here starts through the listener.
    delivery.start();
    firehose.settleDue(true);
    engine.onClose(() => delivery.close());
    built?.(firehose, delivery);
    return [api];
  };
}
