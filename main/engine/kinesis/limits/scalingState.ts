// What on-demand scaling remembers per stream: how many consecutive seconds it was write-throttled, and its
// last scaling events (shown by the admin API). The scaling itself is limits/onDemandScaling.ts.
export interface ScalingEvent {
  AtMs: number;
  SplitShardId: string;
  OpenShardsBefore: number;
  OpenShardsAfter: number;
  Reason: string;
}

const MAX_EVENTS = 50;

export class ScalingState {
  /** By stream row id: consecutive write-throttled seconds. */
  readonly throttledSeconds = new Map<number, number>();
  private readonly events = new Map<number, ScalingEvent[]>();

  eventsOf(streamRowId: number): ScalingEvent[] {
    return this.events.get(streamRowId) ?? [];
  }

  record(streamRowId: number, event: ScalingEvent): void {
    const events = this.events.get(streamRowId) ?? [];
    events.push(event);
    if (events.length > MAX_EVENTS) events.shift();
    this.events.set(streamRowId, events);
  }

  forget(liveStreams: ReadonlySet<number>): void {
    for (const id of this.throttledSeconds.keys()) if (!liveStreams.has(id)) this.throttledSeconds.delete(id);
    for (const id of this.events.keys()) if (!liveStreams.has(id)) this.events.delete(id);
  }
}
