// The local engine's Firehose actions that AWS does not have (flush now, the live state, a Lambda's local module).
// client-firehose cannot name them, so they are posted as the SDK would, with the scope's region; the engine
// does not check signatures.
import { RpcError } from '../../../shared/contract/errors';

export interface LocalEngineTarget {
  endpoint: string;
  region: string;
}

export async function localFirehoseCall<T>(target: LocalEngineTarget, action: string, input: object): Promise<T> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `Firehose_20150804.${action}`,
    'x-amz-date': stamp,
    authorization: `AWS4-HMAC-SHA256 Credential=shardscope/${stamp.slice(0, 8)}/${target.region}/firehose/aws4_request, SignedHeaders=host;x-amz-date, Signature=local`,
  };
  let response: Response;
  try {
    response = await fetch(target.endpoint, { method: 'POST', headers, body: JSON.stringify(input) });
  } catch (error) {
    throw new RpcError('EngineUnreachable', `The local engine did not answer (${error instanceof Error ? error.message : String(error)}).`);
  }
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (!response.ok) {
    const type = String(body.__type ?? 'InternalFailure').split('#').pop() ?? 'InternalFailure';
    const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : `${action} failed with HTTP ${response.status}`;
    throw new RpcError(type, message);
  }
  return body as T;
}

export const LOCAL_ACTIONS = {
  flush: 'LocalFlushDeliveryStream',
  state: 'LocalDescribeDeliveryState',
  /** Served by the engine's Lambda-module support: `{FunctionArn, ModulePath | null}` → `{}`. */
  setLambdaModule: 'LocalSetLambdaModule',
} as const;
