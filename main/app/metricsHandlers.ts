// The Metrics screen's handlers, typed against its contract fragment; the app handlers spread them in:
//   commands: { ...metricsHandlers(connections).commands }
// The source follows the active connection at each call: the local engine's stats, or CloudWatch.
import type { EventSpec } from '../../shared/contract/define';
import { RpcError } from '../../shared/contract/errors';
import { metricsCommands } from '../../shared/contract/metrics';
import type { ConnectionManager } from '../connections/connectionManager';
import { LOCAL_ID } from '../connections/connectionModel';
import { EngineAdminError } from '../services/engineAdmin';
import { localAdmin } from '../services/localEngineControls';
import { queryFirehoseMetrics, type FirehoseMetricsSource } from '../services/metrics/firehoseMetricsSource';
import { annotations, queryMetrics, setShardLevel } from '../services/metrics/metricsService';
import { metricsSourceFor, type MetricsSource } from '../services/metrics/metricsSource';
import type { Handlers } from '../rpc/handlers';
import { unavailableHandlers } from './unavailableHandlers';

export interface MetricsContract {
  commands: typeof metricsCommands;
  subscriptions: Record<never, never>;
  events: Record<never, EventSpec>;
}

function activeSource(connections: ConnectionManager): MetricsSource {
  const clients = connections.clients();
  return metricsSourceFor({
    connection: connections.summary(connections.activeId()),
    kinesis: clients.kinesis,
    cloudWatch: () => clients.cloudWatch,
    localAdmin: () => localAdmin(connections),
  });
}

function activeFirehoseSource(connections: ConnectionManager): FirehoseMetricsSource {
  const summary = connections.summary(connections.activeId());
  if (summary.kind === 'local') {
    const local = connections.summary(LOCAL_ID);
    if (!local.endpoint) throw new RpcError('EngineNotRunning', 'The local engine is not running. Settings → Local engine says why.');
    return { kind: 'engine', target: { endpoint: local.endpoint, region: local.region } };
  }
  const clients = connections.clients();
  return { kind: 'cloudwatch', firehose: clients.firehose, cloudWatch: clients.cloudWatch, customEndpoint: summary.kind === 'custom' ? summary.endpoint : undefined };
}

/** The engine's admin errors keep their code (ResourceNotFoundException, InvalidArgumentException). */
async function withAdminErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EngineAdminError) throw new RpcError(error.code, error.message);
    throw error;
  }
}

export function metricsHandlers(connections: ConnectionManager | undefined): Handlers<MetricsContract> {
  if (!connections) return unavailableHandlers(metricsCommands, {});
  return {
    commands: {
      'metrics.query': (params) => withAdminErrors(() => queryMetrics(activeSource(connections), params, Date.now())),
      'metrics.annotations': (params) => withAdminErrors(() => annotations(activeSource(connections), params)),
      'metrics.firehose': (params) => queryFirehoseMetrics(activeFirehoseSource(connections), params, Date.now()),
      'metrics.setShardLevel': (params) => setShardLevel(activeSource(connections), params),
    },
    subscriptions: {},
  };
}
