// What every destination's delivery code is given: who it delivers for, the clock, the random source, the sink and
// the event reporter. Nothing else reaches the outside world.
import type { Random } from '../../../../shared/domain/random';
import type { DeliveryStreamIdentity } from './config/schemas';
import type { DeliveryEvent } from './events';
import type { DeliverySink } from './sink';
import type { Timeline } from './timeline';

export interface DeliveryContext {
  identity: DeliveryStreamIdentity;
  timeline: Timeline;
  random: Random;
  sink: DeliverySink;
  emit(event: DeliveryEvent): void;
}
