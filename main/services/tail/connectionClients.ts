// Clients for the connection a tail, import or replay works on. The active connection's come from the
// ConnectionManager per call (a switch disposes them, and a session then stops with ConnectionChanged).
// Replay reads from and writes to any connection: for another connection the manager's clientsFor(id) builds
// fresh clients with the same credential handling as the active one (static keys, profiles, MFA prompts),
// which the caller disposes.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { RpcError } from '../../../shared/contract/errors';
import { ConnectionsError } from '../../connections/connectionsError';
import { clientsOf, type KinesisSource } from '../streams/kinesisSource';
import type { SessionConnection } from './tailSession';

export interface TailConnections extends KinesisSource {
  activeId(): string;
  summary(id: string): ConnectionSummary;
  /** Clients for any connection; for another than the active one, fresh ones that dispose() frees. */
  clientsFor(id: string): { clients: { readonly kinesis: KinesisClient; readonly sts: STSClient | undefined }; dispose(): void };
}

function summaryOf(source: TailConnections, id: string): ConnectionSummary {
  try {
    return source.summary(id);
  } catch (error) {
    throw new RpcError('ConnectionNotFound', error instanceof Error ? error.message : String(error));
  }
}

/** The active connection, pinned: its clients throw ConnectionChanged once another connection is active. */
export function activeConnection(source: TailConnections): SessionConnection {
  const id = source.activeId();
  const summary = summaryOf(source, id);
  const pinned = () => {
    if (source.activeId() !== id) throw new RpcError('ConnectionChanged', `The active connection changed from ${summary.name}; this operation stopped.`);
    return clientsOf(source);
  };
  return {
    id,
    kind: summary.kind,
    name: summary.name,
    kinesis: () => pinned().kinesis,
    sts: () => pinned().sts,
    detached: () => {
      const { connection, dispose } = connectionById(source, id);
      return { kinesis: connection.kinesis(), dispose };
    },
  };
}

/** Any connection by id (the active one when absent). dispose() frees throwaway clients. */
export function connectionById(source: TailConnections, id: string | undefined): { connection: SessionConnection; dispose(): void } {
  if (id === undefined || id === source.activeId()) return { connection: activeConnection(source), dispose: () => undefined };
  const summary = summaryOf(source, id);
  const { clients, dispose } = clientsFor(source, id);
  return {
    connection: { id, kind: summary.kind, name: summary.name, kinesis: () => clients.kinesis, sts: () => clients.sts },
    dispose,
  };
}

function clientsFor(source: TailConnections, id: string): ReturnType<TailConnections['clientsFor']> {
  try {
    return source.clientsFor(id);
  } catch (error) {
    if (error instanceof ConnectionsError) throw new RpcError(error.code, error.message);
    throw error;
  }
}
