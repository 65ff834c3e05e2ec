// How the engine's delivery streams reach the Lambda functions their record processors name. A function ARN that
// LocalSetLambdaModule mapped to a JavaScript module runs that module in a worker; any other ARN is invoked through
// the Lambda endpoint the engine was started with (LocalStack, AWS, anything that speaks Lambda's Invoke), with the
// credentials of the standard provider chain; with neither, the invocation fails as Lambda answers for a function
// that does not exist, and the records go to the error output as processing-failed.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { moduleLambdaInvoker, sdkLambdaInvoker, type LambdaInvoker } from '../delivery';
import type { LambdaModuleStore } from '../../../storage/lambdaModuleStore';

/** A local module's timeout. We chose one minute: Firehose asks for transforms of at least that (Lambda's default is 3 s). */
export const LOCAL_MODULE_TIMEOUT_MS = 60_000;

/** Lambda's ResourceNotFoundException, as the SDK reports it for a function that does not exist. */
export class FunctionNotFound extends Error {
  override readonly name = 'ResourceNotFoundException';
  constructor(functionArn: string) {
    super(`Function not found: ${functionArn}`);
  }
}

export interface EngineLambda extends LambdaInvoker {
  /** Releases the SDK clients' sockets. */
  close(): void;
}

export function engineLambdaInvoker(modules: Pick<LambdaModuleStore, 'modulePath'>, endpoint: string | undefined, defaultRegion: string): EngineLambda {
  const clients = new Map<string, LambdaClient>();
  const client = (url: string, region: string) => {
    let c = clients.get(region);
    // Firehose retries a failed invocation itself (NumberOfRetries): the SDK makes one attempt per retry.
    if (!c) clients.set(region, (c = new LambdaClient({ endpoint: url, region, maxAttempts: 1 })));
    return c;
  };
  return {
    invoke(functionArn, payload) {
      const modulePath = modules.modulePath(functionArn);
      if (modulePath !== undefined) return moduleLambdaInvoker(modulePath, { timeoutMs: LOCAL_MODULE_TIMEOUT_MS }).invoke(functionArn, payload);
      if (endpoint === undefined) return Promise.reject(new FunctionNotFound(functionArn));
      const region = functionArn.split(':')[3] || defaultRegion;
      return sdkLambdaInvoker(client(endpoint, region)).invoke(functionArn, payload);
    },
    close() {
      for (const c of clients.values()) c.destroy();
      clients.clear();
    },
  };
}
