// The record tailer's handlers, typed against its contract fragment; the app handlers spread them in:
//   const tail = tailHandlers(connectionManager, settingsStore)
//   commands: { ...tail.commands }, subscriptions: { ...tail.subscriptions }   (and tail.close() on shutdown)
import type { EventSpec } from '../../shared/contract/define';
import { ErrorCode, RpcError } from '../../shared/contract/errors';
import { tailCommands, tailSubscriptions } from '../../shared/contract/tail';
import type { Transport } from '../../shared/contract/app';
import { activeConnection, connectionById, type TailConnections } from '../services/tail/connectionClients';
import { runExport } from '../services/tail/exportRun';
import { filterProblems } from '../services/tail/filters';
import { importChunk, importFile } from '../services/tail/importRun';
import { eitherSignal, TailJobs } from '../services/tail/jobs';
import { recordDetail } from '../services/tail/recordDetail';
import { replay } from '../services/tail/replay';
import { SavedFilters, type KeyValueStore } from '../services/tail/savedFilters';
import { TailSession } from '../services/tail/tailSession';
import { TailSessions } from '../services/tail/tailSessions';
import type { Handlers, Sink } from '../rpc/handlers';

export interface TailContract {
  commands: typeof tailCommands;
  subscriptions: typeof tailSubscriptions;
  events: Record<never, EventSpec>;
}

/** Sends through a sink that can wait: each item waits for room in the client's queue. */
function sender<Item>(sink: Sink<Item>): (item: Item) => Promise<void> {
  let room = 0;
  return async (item) => {
    if (room <= 0) room = await sink.ready();
    if (room <= 0) return;
    room--;
    sink.push(item);
  };
}

/** Paths name files on the user's disk: only the desktop shell (and tests) may pass them, never a browser tab. */
function checkFileAccess(transport: Transport): void {
  if (transport === 'websocket') {
    throw new RpcError(ErrorCode.ValidationException, 'In web mode files go through the browser: export with destination chunks, import with tail.importChunk.');
  }
}

export function tailHandlers(connections: TailConnections, settings: KeyValueStore): Handlers<TailContract> & { close(): void } {
  const sessions = new TailSessions();
  const jobs = new TailJobs();
  const filters = new SavedFilters(settings);
  return {
    close: () => jobs.cancelAll(),
    commands: {
      'tail.validateFilter': ({ filter }) => {
        const problems = filterProblems(filter);
        return { ok: problems.length === 0, problems };
      },
      'tail.record': (params) => recordDetail(params, sessions, () => activeConnection(connections)),
      'tail.close': ({ sessionId }) => ({ closed: sessions.close(sessionId) }),
      'tail.filters.list': ({ stream }) => ({ filters: filters.list(connections.activeId(), stream) }),
      'tail.filters.save': ({ stream, name, filter }) => ({ filters: filters.save(connections.activeId(), stream, name, filter) }),
      'tail.filters.delete': ({ stream, name }) => ({ filters: filters.delete(connections.activeId(), stream, name) }),
      'tail.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
      'tail.importChunk': async (params, ctx) => {
        const { connection, dispose } = connectionById(connections, params.target.connectionId);
        try {
          return await importChunk(params, connection, ctx.signal);
        } finally {
          dispose();
        }
      },
    },
    subscriptions: {
      'tail.records': async (params, sink) => {
        const session = new TailSession(params, activeConnection(connections));
        sessions.add(session);
        await session.run(sink);
      },
      'tail.export': async (params, sink, ctx) => {
        if (params.destination.kind === 'file') checkFileAccess(ctx.transport);
        await runExport(sessions.get(params.sessionId), params, sender(sink), sink.signal);
      },
      'tail.importFile': async (params, sink, ctx) => {
        checkFileAccess(ctx.transport);
        const target = connectionById(connections, params.target.connectionId);
        const job = jobs.start();
        try {
          await importFile(job.id, params, target.connection, eitherSignal(job.signal, sink.signal), sender(sink));
        } finally {
          job.finish();
          target.dispose();
        }
      },
      'tail.replay': async (params, sink) => {
        const job = jobs.start();
        const source = connectionById(connections, params.source.connectionId);
        let target: ReturnType<typeof connectionById> | null = null;
        try {
          target = connectionById(connections, params.target.connectionId);
          await replay(job.id, params, source.connection, target.connection, eitherSignal(job.signal, sink.signal), sender(sink));
        } finally {
          job.finish();
          source.dispose();
          target?.dispose();
        }
      },
    },
  };
}
