// Errors cross every transport as { code, message }. AWS error codes (ResourceNotFoundException, ...) are kept
// as they are, so a screen can react to the same code whether it came from the local engine or from AWS.
import { z } from 'zod';

export const rpcErrorSchema = z.strictObject({
  code: z.string().min(1).max(128),
  message: z.string().max(4096),
});
export type RpcErrorShape = z.infer<typeof rpcErrorSchema>;

/** Codes raised by the RPC layer itself. Service errors keep their own (usually AWS) codes. */
export const ErrorCode = {
  /** Not JSON text, or not a frame this protocol knows. */
  BadFrame: 'BadFrame',
  FrameTooLarge: 'FrameTooLarge',
  HandshakeRequired: 'HandshakeRequired',
  ProtocolMismatch: 'ProtocolMismatch',
  UnknownCommand: 'UnknownCommand',
  UnknownSubscription: 'UnknownSubscription',
  DuplicateId: 'DuplicateId',
  /** The AWS name for bad input, used for params that fail their schema. */
  ValidationException: 'ValidationException',
  ThrottlingException: 'ThrottlingException',
  LimitExceededException: 'LimitExceededException',
  InternalFailure: 'InternalFailure',
  /** Client side: the connection closed before the answer arrived. */
  Disconnected: 'Disconnected',
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): RpcErrorShape {
    return { code: this.code, message: this.message };
  }
}

const jsBuiltinErrors = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);
const awsStyleCode = /^[A-Z][A-Za-z0-9]*$/;

/** Any thrown value as a wire error. AWS SDK errors carry their code in `name`; programming errors become InternalFailure. */
export function toRpcError(error: unknown): RpcErrorShape {
  if (error instanceof RpcError) return error.toJSON();
  if (error instanceof Error) {
    const code = !jsBuiltinErrors.has(error.name) && awsStyleCode.test(error.name) ? error.name : ErrorCode.InternalFailure;
    return { code, message: error.message.slice(0, 4096) || code };
  }
  return { code: ErrorCode.InternalFailure, message: String(error).slice(0, 4096) };
}

/** Zod issues as one readable line: `limit: Too big: expected number to be <=1000; name: Required`. */
export function describeIssues(error: z.ZodError, root = 'params'): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${[root, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
