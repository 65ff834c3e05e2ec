// Which source a delivery stream's series come from: the local engine's history (LocalGetDeliveryMetrics), or
// CloudWatch AWS/Firehose for the destination Describe names. A custom endpoint that does not serve CloudWatch gets
// no series and a note saying why, as the Kinesis charts do.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { FirehoseMetricsQuery, FirehoseMetricsView } from '../../../shared/contract/metrics';
import { describeStream, toDetail } from '../firehose/deliveryStreams';
import { localFirehoseCall, type LocalEngineTarget } from '../firehose/localFirehose';
import { cloudWatchFirehoseMetrics, DELIVERY_METRIC_DESTINATION } from './firehoseCloudWatch';
import { cloudWatchMissingNote, noCloudWatchData } from './metricsSource';
import { LOCAL_GET_METRICS, localFirehoseMetrics, type LocalDeliveryMetrics } from './firehoseLocalMetrics';

export type FirehoseMetricsSource =
  | { kind: 'engine'; target: LocalEngineTarget }
  | { kind: 'cloudwatch'; firehose: FirehoseClient; cloudWatch: CloudWatchClient; customEndpoint: string | undefined };

export async function queryFirehoseMetrics(source: FirehoseMetricsSource, query: FirehoseMetricsQuery, nowMs: number): Promise<FirehoseMetricsView> {
  if (source.kind === 'engine') return localFirehoseMetrics((input) => localFirehoseCall<LocalDeliveryMetrics>(source.target, LOCAL_GET_METRICS, input), query, nowMs);
  const kind = toDetail(await describeStream(source.firehose, query.deliveryStream)).destination;
  const destination = DELIVERY_METRIC_DESTINATION[kind];
  try {
    return await cloudWatchFirehoseMetrics(source.cloudWatch, query, destination ? [destination] : [], nowMs);
  } catch (error) {
    return noCloudWatchData(query, cloudWatchMissingNote(error, source.customEndpoint, 'Firehose metrics'), nowMs);
  }
}
