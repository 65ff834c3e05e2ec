// Clients for the connection a tail, import or replay works on. The active connection's come from the
// ConnectionManager per call (a switch disposes them, and a session then stops with ConnectionChanged).
// Replay reads from and writes to any connection, and the manager only builds clients for the active one, so
// for another connection this module builds throwaway clients from the same pieces the manager uses
// (connectionTarget's rules): the local engine's endpoint, a profile through the SDK's fromIni, a custom
// endpoint without credentials or on a profile. A custom connection with static keys keeps its secret
// inside the manager: make it the active connection to use it here.
import { createClients, type ConnectionClients } from '../../connections/clientFactory';
import { credentialProvider } from '../../connections/credentials';
import { awsConfigPaths } from '../../connections/profileDiscovery';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { RpcError } from '../../../shared/contract/errors';
import { clientsOf, type KinesisSource } from '../streams/kinesisSource';
import type { SessionConnection } from './tailSession';

export interface TailConnections extends KinesisSource {
  activeId(): string;
  summary(id: string): ConnectionSummary;
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
  const clients = buildClients(summary);
  return {
    connection: { id, kind: summary.kind, name: summary.name, kinesis: () => clients.kinesis, sts: () => clients.sts },
    dispose: () => clients.dispose(),
  };
}

function buildClients(s: ConnectionSummary): ConnectionClients {
  switch (s.kind) {
    case 'local':
      if (!s.endpoint) throw new RpcError('ConnectionUnavailable', 'The local engine is not running yet.');
      return createClients({ region: s.region, endpoint: s.endpoint, http1: false, withSts: false, credentials: credentialProvider({ type: 'dummy' }) });
    case 'profile':
      if (s.mfaRequired) throw new RpcError('ConnectionUnavailable', `${s.name} asks for an MFA code: make it the active connection to use it here.`);
      return createClients({ region: s.region, http1: false, withSts: true, credentials: credentialProvider({ type: 'profile', profile: s.name, region: s.region, paths: awsConfigPaths() }) });
    case 'custom': {
      if (!s.endpoint) throw new RpcError('ConnectionUnavailable', `${s.name} has no endpoint.`);
      const credentials =
        s.credentialKind === 'none'
          ? credentialProvider({ type: 'dummy' })
          : s.sourceProfile
            ? credentialProvider({ type: 'profile', profile: s.sourceProfile, region: s.region, paths: awsConfigPaths() })
            : null;
      if (!credentials) throw new RpcError('ConnectionUnavailable', `${s.name} keeps its keys inside the connection manager: make it the active connection to use it here.`);
      return createClients({ region: s.region, endpoint: s.endpoint, http1: true, withSts: false, credentials });
    }
  }
}
