// AWS error types as the engine raises them. The wire layer turns a KinesisError into
// {"__type": type, "message": ...} with the HTTP status here; SerializationException spells it "Message" like AWS.

export type ErrorType =
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'InvalidArgumentException'
  | 'LimitExceededException'
  | 'ExpiredIteratorException'
  | 'ExpiredNextTokenException'
  | 'ProvisionedThroughputExceededException'
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'AccessDeniedException'
  | 'KMSDisabledException'
  | 'KMSInvalidStateException'
  | 'KMSAccessDeniedException'
  | 'KMSNotFoundException'
  | 'KMSOptInRequired'
  | 'KMSThrottlingException'
  | 'InternalFailure'
  | 'ServiceUnavailable'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'ConcurrentModificationException'
  | 'InvalidKMSResourceException'
  | 'ServiceUnavailableException';

const STATUS: Partial<Record<ErrorType, number>> = {
  InternalFailure: 500,
  ServiceUnavailable: 503,
  AccessDeniedException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
};

export class KinesisError extends Error {
  readonly type: ErrorType;
  readonly status: number;

  /** message undefined sends a body with only __type, as AWS does for some errors. */
  constructor(type: ErrorType, message?: string, status?: number) {
    super(message ?? type);
    this.type = type;
    this.status = status ?? STATUS[type] ?? 400;
    this.hasMessage = message !== undefined;
  }

  readonly hasMessage: boolean;

  /** The JSON/CBOR error body. */
  toBody(): Record<string, string> {
    if (!this.hasMessage) return { __type: this.type };
    const key = this.type === 'SerializationException' ? 'Message' : 'message';
    return { __type: this.type, [key]: this.message };
  }
}

export const notFound = (message: string) => new KinesisError('ResourceNotFoundException', message);
export const inUse = (message: string) => new KinesisError('ResourceInUseException', message);
export const invalidArgument = (message: string) => new KinesisError('InvalidArgumentException', message);
export const limitExceeded = (message: string) => new KinesisError('LimitExceededException', message);
export const validationError = (message: string) => new KinesisError('ValidationException', message);
export const serializationError = (message?: string) => new KinesisError('SerializationException', message);
export const internalFailure = () => new KinesisError('InternalFailure', undefined, 500);
