// Anything that costs money or writes on a real AWS account (registering a fan-out consumer, importing,
// replaying into a stream) needs the user to name the account, checked against sts:GetCallerIdentity of that
// connection. The local engine and custom endpoints (emulators, far more often than proxies) run freely.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { RpcError } from '../../../shared/contract/errors';
import type { ConnectionKind } from '../../../shared/contract/connections';

export async function confirmAccount(
  connection: { kind: ConnectionKind; name: string },
  sts: STSClient | undefined,
  confirmAccountId: string | undefined,
  what: string,
): Promise<void> {
  if (connection.kind !== 'profile') return;
  if (confirmAccountId === undefined) {
    throw new RpcError('ConfirmationRequired', `The connection ${connection.name} is an AWS account: to ${what} there, confirm by giving its account id (confirmAccountId).`);
  }
  if (!sts) throw new RpcError('ConfirmationRequired', `Cannot read the account of ${connection.name} to check the confirmation.`);
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== confirmAccountId) {
    throw new RpcError('ConfirmationMismatch', `The connection ${connection.name} is account ${identity.Account ?? '(unknown)'}, not ${confirmAccountId}: nothing was done.`);
  }
}
