// Errors the connections service throws at its callers; they travel to the renderer as { code, message }.
export type ConnectionsErrorCode =
  | 'ConnectionNotFound'
  | 'NotACustomConnection'
  | 'ProfileNotFound'
  | 'InvalidInput'
  | 'ConnectionUnavailable';

export class ConnectionsError extends Error {
  override readonly name = 'ConnectionsError';
  constructor(
    readonly code: ConnectionsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
