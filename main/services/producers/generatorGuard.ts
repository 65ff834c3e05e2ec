// A generator writes many records quickly, so on a real AWS account it must not start by accident: on an AWS
// profile connection the user names the account, and it must be the account the credentials belong to
// (sts:GetCallerIdentity, asked afresh). The local engine runs freely. Custom endpoints run freely too: they
// are emulators (LocalStack, kinesalite) far more often than proxies, they have no STS to tell an account,
// and the start dialog shows the endpoint URL the records go to.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { RpcError } from '../../../shared/contract/errors';
import type { ConnectionKind } from '../../../shared/contract/connections';
import { clientsOf, type KinesisSource } from '../streams/kinesisSource';

export interface GuardSource extends KinesisSource {
  summary(id: string): { kind: ConnectionKind; name: string };
}

export async function checkGeneratorAllowed(source: GuardSource, connectionId: string, confirmAccountId: string | undefined): Promise<void> {
  const connection = source.summary(connectionId);
  if (connection.kind !== 'profile') return;
  if (confirmAccountId === undefined) {
    throw new RpcError(
      'ConfirmationRequired',
      `The connection ${connection.name} is an AWS account: to run a generator there, confirm by giving its account id (confirmAccountId).`,
    );
  }
  const { sts } = clientsOf(source);
  if (!sts) throw new RpcError('ConfirmationRequired', `Cannot read the account of ${connection.name} to check the confirmation.`);
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== confirmAccountId) {
    throw new RpcError(
      'ConfirmationMismatch',
      `The connection ${connection.name} is account ${identity.Account ?? '(unknown)'}, not ${confirmAccountId}: the generator was not started.`,
    );
  }
}
