// How services reach Kinesis: through whatever gives the active connection's clients (the ConnectionManager).
// Clients are fetched per operation and never kept, since a connection switch disposes them.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { STSClient } from '@aws-sdk/client-sts';
import { RpcError } from '../../../shared/contract/errors';
import { ConnectionsError } from '../../connections/connectionsError';

export interface KinesisSource {
  clients(): { readonly kinesis: KinesisClient; readonly sts: STSClient | undefined };
}

/** The active connection's Kinesis client; "no usable connection" travels with the manager's own code. */
export function kinesisOf(source: KinesisSource): KinesisClient {
  return clientsOf(source).kinesis;
}

export function clientsOf(source: KinesisSource): ReturnType<KinesisSource['clients']> {
  try {
    return source.clients();
  } catch (error) {
    if (error instanceof ConnectionsError) throw new RpcError(error.code, error.message);
    throw error;
  }
}
