// The analytics handlers, typed against its contract fragment; the app handlers spread them in. Thin: the work
// is in main/services/analytics/ (runs, sources, outputs, ad-hoc SQLite) and main/analytics/ (the SQL engine).
import { analyticsCommands, analyticsSubscriptions } from '../../shared/contract/analytics';
import type { EventSpec } from '../../shared/contract/define';
import { RpcError } from '../../shared/contract/errors';
import type { Handlers } from '../rpc/handlers';
import { describeSamples, sampleSource } from '../services/analytics/discovery';
import { flinkScript } from '../services/analytics/flinkScript';
import { checkForEditor } from '../services/analytics/queryCheck';
import { SavedQueries } from '../services/analytics/savedQueries';
import { StreamSource } from '../services/analytics/streamSource';
import { activeConnection, type TailConnections } from '../services/tail/connectionClients';
import type { KeyValueStore } from '../services/tail/savedFilters';

export interface AnalyticsContract {
  commands: typeof analyticsCommands;
  subscriptions: typeof analyticsSubscriptions;
  events: Record<never, EventSpec>;
}

const notYet = (): never => {
  throw new RpcError('NotImplemented', 'This part of analytics is not available yet.');
};

export function analyticsHandlers(connections: TailConnections, settings: KeyValueStore): Handlers<AnalyticsContract> & { close(): void } {
  const saved = new SavedQueries(settings);
  return {
    close: () => undefined,
    commands: {
      'analytics.check': (params) => checkForEditor(params),
      'analytics.discover': async (params, ctx) => {
        const source = params.source;
        if (source.kind === 'samples') return describeSamples(source.records, params, null);
        if (source.kind === 'deliveryStream') return notYet();
        const records = await sampleSource(new StreamSource(source, activeConnection(connections), ctx.signal, 'discover'), params.sampleSize, params.waitMs);
        return describeSamples(records, params, `within ${params.waitMs / 1000} s`);
      },
      'analytics.exportFlink': (params) => flinkScript(params, activeConnection(connections).kinesis()),
      'analytics.saved.list': () => ({ queries: saved.list(connections.activeId()) }),
      'analytics.saved.save': (params) => ({ queries: saved.save(connections.activeId(), params) }),
      'analytics.saved.delete': ({ name }) => ({ queries: saved.delete(connections.activeId(), name) }),
      'analytics.adhoc.query': notYet,
      'analytics.adhoc.drop': notYet,
    },
    subscriptions: {
      'analytics.run': notYet,
      'analytics.adhoc.load': notYet,
    },
  };
}
