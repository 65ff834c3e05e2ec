// One health check: resolve credentials, ask STS who we are (AWS only), then ListStreams with Limit 1.
// Each step is separate so a failure names the step and the right kind of problem.
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { lookup } from 'node:dns/promises';
import type { ConnectionHealth, HealthFailure } from '../../shared/contract/connections';
import type { ConnectionClients } from './clientFactory';
import { errorFacts, toHealthFailure, type FailureContext, type HealthStep } from './failureKinds';

const CHECK_TIMEOUT_MS = 20_000;

/** A host that resolves whenever DNS works: tells a bad region apart from no network. */
const KNOWN_AWS_HOST = 'sts.amazonaws.com';

async function dnsWorks(): Promise<boolean> {
  try {
    await lookup(KNOWN_AWS_HOST);
    return true;
  } catch {
    return false;
  }
}

async function failure(error: unknown, ctx: FailureContext, step: HealthStep): Promise<HealthFailure> {
  const mapped = toHealthFailure(error, ctx, step);
  // kinesis.<region>.amazonaws.com not resolving while AWS itself does means the region does not exist.
  if (ctx.kind === 'profile' && !ctx.endpoint && errorFacts(error).errno === 'ENOTFOUND' && (await dnsWorks())) {
    return {
      code: 'unknown-region',
      message: `AWS has no endpoint for region "${ctx.region}": pick another region`,
      step,
    };
  }
  return mapped;
}

function identitySecrets(clients: ConnectionClients): string[] {
  const id = clients.credentials.current();
  return id ? [id.accessKeyId, id.secretAccessKey, id.sessionToken ?? ''] : [];
}

export async function checkHealth(clients: ConnectionClients, ctx: FailureContext): Promise<ConnectionHealth> {
  const abortSignal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const fail = async (error: unknown, step: HealthStep): Promise<ConnectionHealth> => ({
    status: 'error',
    checkedAt: Date.now(),
    failure: await failure(error, { ...ctx, secrets: [...ctx.secrets, ...identitySecrets(clients)] }, step),
  });
  try {
    await clients.credentials();
  } catch (error) {
    return fail(error, 'credentials');
  }
  let accountId: string | undefined;
  let arn: string | undefined;
  if (clients.sts) {
    try {
      const who = await clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal });
      accountId = who.Account;
      arn = who.Arn;
    } catch (error) {
      return fail(error, 'sts');
    }
  }
  try {
    await clients.kinesis.send(new ListStreamsCommand({ Limit: 1 }), { abortSignal });
  } catch (error) {
    return fail(error, 'kinesis');
  }
  return {
    status: 'ok',
    checkedAt: Date.now(),
    ...(accountId ? { accountId } : {}),
    ...(arn ? { arn } : {}),
  };
}
