// The record tailer's handlers, typed against its contract fragment; the app handlers spread them in:
//   const tail = tailHandlers(connectionManager, settingsStore)
//   commands: { ...tail.commands }, subscriptions: { ...tail.subscriptions }   (and tail.close() on shutdown)
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventSpec } from '../../shared/contract/define';
import { ErrorCode, RpcError } from '../../shared/contract/errors';
import { tailCommands, tailSubscriptions } from '../../shared/contract/tail';
import type { Transport } from '../../shared/contract/app';
import { readShards } from '../services/streams/streamReaders';
import { confirmAccount } from '../services/tail/accountGuard';
import { activeConnection, connectionById, type TailConnections } from '../services/tail/connectionClients';
import { runExport } from '../services/tail/exportRun';
import { filterProblems } from '../services/tail/filters';
import { importLines } from '../services/tail/importer';
import { eitherSignal, TailJobs } from '../services/tail/jobs';
import { recordDetail } from '../services/tail/recordDetail';
import { replay } from '../services/tail/replay';
import { SavedFilters, type KeyValueStore } from '../services/tail/savedFilters';
import { ShardRouter } from '../services/tail/shardRouter';
import { StreamWriter } from '../services/tail/streamWriter';
import { TailSession } from '../services/tail/tailSession';
import { TailSessions } from '../services/tail/tailSessions';
import { WriteLimiter } from '../services/tail/writeLimiter';
import type { Handlers, Sink } from '../rpc/handlers';

export interface TailContract {
  commands: typeof tailCommands;
  subscriptions: typeof tailSubscriptions;
  events: Record<never, EventSpec>;
}

const PROGRESS_MS = 500;

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

async function run<Item>(sink: Sink<Item>, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    sink.end();
  } catch (error) {
    sink.fail(error);
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
      'tail.importChunk': async ({ target, ndjson, firstLine }, ctx) => {
        const { connection, dispose } = connectionById(connections, target.connectionId);
        try {
          await confirmAccount(connection, connection.sts(), target.confirmAccountId, `import records into ${target.stream}`);
          const router = new ShardRouter(await readShards(connection.kinesis(), target.stream));
          const writer = new StreamWriter(() => connection.kinesis(), target.stream, { router, limiter: new WriteLimiter() }, ctx.signal);
          await importLines(ndjson.split(/\r?\n/), firstLine, writer, ctx.signal);
          const { read, sent, acknowledged, failed, failures, failedListTruncated, error } = writer.report('', 'completed', null, Date.now());
          return { read, sent, acknowledged, failed, failures, failedListTruncated, error };
        } finally {
          dispose();
        }
      },
    },
    subscriptions: {
      'tail.records': (params, sink) =>
        run(sink, async () => {
          const session = new TailSession(params, activeConnection(connections));
          sessions.add(session);
          await session.run(sink);
        }),
      'tail.export': (params, sink, ctx) =>
        run(sink, async () => {
          if (params.destination.kind === 'file') checkFileAccess(ctx.transport);
          await runExport(sessions.get(params.sessionId), params, sender(sink), sink.signal);
        }),
      'tail.importFile': (params, sink, ctx) =>
        run(sink, async () => {
          checkFileAccess(ctx.transport);
          const job = jobs.start();
          const signal = eitherSignal(job.signal, sink.signal);
          const send = sender(sink);
          const startedAt = Date.now();
          const { connection, dispose } = connectionById(connections, params.target.connectionId);
          try {
            await confirmAccount(connection, connection.sts(), params.target.confirmAccountId, `import records into ${params.target.stream}`);
            const router = new ShardRouter(await readShards(connection.kinesis(), params.target.stream));
            const writer = new StreamWriter(() => connection.kinesis(), params.target.stream, { router, limiter: new WriteLimiter() }, signal);
            await send(writer.progress(job.id));
            let next = Date.now() + PROGRESS_MS;
            let error: unknown = null;
            try {
              const lines = createInterface({ input: createReadStream(params.path, 'utf8'), crlfDelay: Infinity });
              await importLines(lines, 1, writer, signal, async () => {
                if (Date.now() < next) return;
                next = Date.now() + PROGRESS_MS;
                await send(writer.progress(job.id));
              });
            } catch (e) {
              error = e;
              await writer.flush().catch(() => undefined);
            }
            await send(writer.report(job.id, error !== null ? 'failed' : signal.aborted ? 'cancelled' : 'completed', error, startedAt));
          } finally {
            job.finish();
            dispose();
          }
        }),
      'tail.replay': (params, sink) =>
        run(sink, async () => {
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
        }),
    },
  };
}
