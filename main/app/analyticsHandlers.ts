// The analytics handlers, typed against its contract fragment; the app handlers spread them in. Thin: the work
// is in main/services/analytics/ (runs, sources, outputs, ad-hoc SQLite) and main/analytics/ (the SQL engine).
import { analyticsCommands, analyticsSubscriptions } from '../../shared/contract/analytics';
import type { EventSpec } from '../../shared/contract/define';
import { RpcError } from '../../shared/contract/errors';
import { LOCAL_ID } from '../connections/connectionModel';
import type { Handlers, Sink } from '../rpc/handlers';
import { AdhocTables } from '../services/analytics/adhocTables';
import { DeliverySource } from '../services/analytics/deliverySource';
import { describeSamples, sampleSource } from '../services/analytics/discovery';
import { flinkScript } from '../services/analytics/flinkScript';
import type { LocalFirehoseTarget } from '../services/analytics/localFirehose';
import { checkForEditor } from '../services/analytics/queryCheck';
import { runQuery } from '../services/analytics/queryRunner';
import { SavedQueries } from '../services/analytics/savedQueries';
import { StreamSource } from '../services/analytics/streamSource';
import { activeConnection, type TailConnections } from '../services/tail/connectionClients';
import type { SessionConnection } from '../services/tail/tailSession';
import type { KeyValueStore } from '../services/tail/savedFilters';

export interface AnalyticsContract {
  commands: typeof analyticsCommands;
  subscriptions: typeof analyticsSubscriptions;
  events: Record<never, EventSpec>;
}

/** Sends through a sink that can wait: each item waits for room in the client's queue. */
function sender<Item>(sink: Sink<Item>): (item: Item) => Promise<void> {
  return async (item) => {
    if ((await sink.ready()) > 0) sink.push(item);
  };
}

/** A delivery stream source reads the local engine's recent records: only on the local connection. */
function localFirehose(connections: TailConnections, connection: SessionConnection): LocalFirehoseTarget {
  if (connection.kind !== 'local') throw new RpcError('LocalOnly', 'A delivery stream can be a query source on the local engine only: on AWS, query the Kinesis stream that feeds it.');
  const local = connections.summary(LOCAL_ID);
  if (!local.endpoint) throw new RpcError('EngineNotRunning', 'The local engine is not running. Settings → Local engine says why.');
  return { endpoint: local.endpoint, region: local.region, credentials: () => connection.kinesis().config.credentials() };
}

export function analyticsHandlers(connections: TailConnections, settings: KeyValueStore): Handlers<AnalyticsContract> & { close(): void } {
  const saved = new SavedQueries(settings);
  const adhoc = new AdhocTables();
  return {
    close: () => adhoc.close(),
    commands: {
      'analytics.check': (params) => checkForEditor(params),
      'analytics.discover': async (params, ctx) => {
        const source = params.source;
        if (source.kind === 'samples') return describeSamples(source.records, params, null);
        const connection = activeConnection(connections);
        const reader = source.kind === 'stream' ? new StreamSource(source, connection, ctx.signal, 'discover') : new DeliverySource(source, localFirehose(connections, connection), ctx.signal);
        const records = await sampleSource(reader, params.sampleSize, params.waitMs);
        return describeSamples(records, params, `within ${params.waitMs / 1000} s`);
      },
      'analytics.exportFlink': (params) => flinkScript(params, activeConnection(connections).kinesis()),
      'analytics.saved.list': () => ({ queries: saved.list(connections.activeId()) }),
      'analytics.saved.save': (params) => ({ queries: saved.save(connections.activeId(), params) }),
      'analytics.saved.delete': ({ name }) => ({ queries: saved.delete(connections.activeId(), name) }),
      'analytics.adhoc.query': (params) => adhoc.query(params),
      'analytics.adhoc.drop': ({ tableId }) => ({ dropped: adhoc.drop(tableId) }),
    },
    subscriptions: {
      'analytics.run': async (params, sink) => {
        const connection = activeConnection(connections);
        await runQuery(params, { connection, localFirehose: () => localFirehose(connections, connection) }, sink);
      },
      'analytics.adhoc.load': (params, sink) => adhoc.load(params, activeConnection(connections), { send: sender(sink), signal: sink.signal }),
    },
  };
}
