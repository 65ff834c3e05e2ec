// Errors as the user reads them: what went wrong (AWS's own words and code) and what to do about it.
import { RpcError } from '../../shared/contract/index';

export interface UiError {
  code: string;
  message: string;
  /** What the user can do next, when we know. */
  advice: string | null;
}

const advice: Record<string, string> = {
  ResourceInUseException: 'The stream is busy (being created, updated or deleted) or the name is taken. Wait until it is ACTIVE, or pick another name.',
  ResourceNotFoundException: 'The stream is not there any more on this connection. Refresh the list.',
  LimitExceededException: 'A limit of the account or stream was reached. Wait a moment, or raise the limit, and try again.',
  ProvisionedThroughputExceededException: 'The shard took more than its write limit. Slow down, or add shards.',
  AccessDeniedException: 'The credentials of this connection are not allowed to do this. Check the IAM policy, or use another connection.',
  ValidationException: 'The request was refused as invalid. Correct the highlighted value and try again.',
  InvalidArgumentException: 'A value was refused. Correct it and try again.',
  ExpiredTokenException: 'The session of this connection expired. Refresh the credentials (e.g. aws sso login), then check the connection.',
  UnrecognizedClientException: 'The credentials are not valid for this endpoint or region. Check the connection in Settings.',
  ConfirmationMismatch: 'The confirmation did not match. Type it exactly as shown.',
  ConfirmationRequired: 'This needs an explicit confirmation first.',
  EndpointUnreachable: 'Shardscope could not reach the endpoint of this connection. Check that it is running and the address is right (Settings → Connections), or switch connections.',
  ConnectionUnavailable: 'The active connection cannot be used. Open Settings → Connections to check it.',
  ConnectionNotFound: 'That connection no longer exists. Pick another one.',
  Disconnected: 'The window lost its link to Shardscope. If it was stopped, start it again and reload.',
  ThrottlingException: 'The backend is throttling requests. Wait a moment and try again.',
  KMSAccessDeniedException: 'The stream is encrypted with a KMS key this connection may not use.',
  InternalFailure: 'Something failed inside Shardscope or the backend. Try again; if it persists, report it.',
};

/** Waiting does not lower a shard count: the account's shard limit needs a raise, or fewer shards. */
const shardLimitAdvice = "The account's shard limit was reached. Use fewer shards (or delete streams you no longer need), or raise the limit (on AWS: Service Quotas, “Shards per Region”).";

function adviceFor(code: string, message: string): string | null {
  if (code === 'LimitExceededException' && /shard limit/i.test(message)) return shardLimitAdvice;
  return advice[code] ?? null;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof RpcError) return { code: error.code, message: error.message, advice: adviceFor(error.code, error.message) };
  if (error instanceof Error) return { code: error.name, message: error.message, advice: null };
  return { code: 'Error', message: String(error), advice: null };
}

export function errorFromShape(error: { code: string; message: string }): UiError {
  return { code: error.code, message: error.message, advice: adviceFor(error.code, error.message) };
}
