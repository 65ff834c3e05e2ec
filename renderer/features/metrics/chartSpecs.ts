// The Metrics screen's charts: which series each draws, in which unit, against which capacity.
import { METRIC_KINDS, type MetricKind, type MetricUnit } from '../../../shared/contract/metrics';
import type { CapacityKey } from './metricsSeries';

export interface ChartSpec {
  id: string;
  title: string;
  /** What the chart answers, for its summary line and the user doc. */
  about: string;
  metrics: readonly { metric: MetricKind; label: string }[];
  unit: MetricUnit;
  capacity?: CapacityKey;
  /** Fan-out: one line per consumer (AWS) besides the stream's. */
  perConsumer?: boolean;
}

export const CHARTS: readonly ChartSpec[] = [
  { id: 'incoming-bytes', title: 'Incoming bytes', about: 'Data written (PutRecord, PutRecords)', metrics: [{ metric: 'incomingBytes', label: 'In' }], unit: 'bytes/s', capacity: 'incomingBytesPerSecond' },
  { id: 'incoming-records', title: 'Incoming records', about: 'Records written', metrics: [{ metric: 'incomingRecords', label: 'In' }], unit: 'records/s', capacity: 'incomingRecordsPerSecond' },
  { id: 'outgoing-bytes', title: 'Outgoing bytes', about: 'Data read with GetRecords', metrics: [{ metric: 'outgoingBytes', label: 'Out' }], unit: 'bytes/s', capacity: 'outgoingBytesPerSecond' },
  { id: 'outgoing-records', title: 'Outgoing records', about: 'Records read with GetRecords', metrics: [{ metric: 'outgoingRecords', label: 'Out' }], unit: 'records/s' },
  {
    id: 'throttles',
    title: 'Throttled requests',
    about: 'Calls refused with ProvisionedThroughputExceeded',
    metrics: [
      { metric: 'writeThrottles', label: 'Writes' },
      { metric: 'readThrottles', label: 'Reads' },
    ],
    unit: 'count/s',
  },
  { id: 'iterator-age', title: 'Iterator age', about: 'How far behind the newest record GetRecords readers are (maximum)', metrics: [{ metric: 'iteratorAgeMs', label: 'Age' }], unit: 'ms' },
  { id: 'put-latency', title: 'PutRecords latency', about: 'Average time of a PutRecords call', metrics: [{ metric: 'putRecordsLatencyMs', label: 'Latency' }], unit: 'ms' },
  { id: 'put-success', title: 'PutRecords success', about: 'Share of PutRecords calls that succeeded', metrics: [{ metric: 'putRecordsSuccess', label: 'Success' }], unit: 'ratio' },
  { id: 'fanout-bytes', title: 'Enhanced fan-out bytes', about: 'Data pushed to SubscribeToShard consumers', metrics: [{ metric: 'fanOutBytes', label: 'Fan-out' }], unit: 'bytes/s', capacity: 'outgoingBytesPerSecond', perConsumer: true },
  { id: 'fanout-records', title: 'Enhanced fan-out records', about: 'Records pushed to SubscribeToShard consumers', metrics: [{ metric: 'fanOutRecords', label: 'Fan-out' }], unit: 'records/s', perConsumer: true },
  { id: 'fanout-behind', title: 'Fan-out consumers behind', about: 'MillisBehindLatest of SubscribeToShard consumers (maximum)', metrics: [{ metric: 'fanOutMillisBehindLatest', label: 'Behind' }], unit: 'ms', perConsumer: true },
];

/** Every metric the screen asks for. */
export const ALL_METRICS: MetricKind[] = [...METRIC_KINDS];

/** What the heat strip needs of every shard: write and read load. */
export const SHARD_LOAD_METRICS: MetricKind[] = ['incomingBytes', 'incomingRecords', 'outgoingBytes'];
