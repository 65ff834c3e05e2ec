// How the app's service errors cross to the renderer as { code, message }. ConnectionsError carries its own
// code; SDK errors keep their AWS name (ResourceNotFoundException) as the code. Messages from outside our own
// code are scrubbed first: AWS signature errors echo the canonical request, whose headers can hold a session
// token, and a proxy may echo anything. So such codes get our wording, and any text left is cut to one line
// with credential-shaped strings masked.
import { lookup, RpcError, toRpcError, type RpcErrorShape } from '../../shared/contract/index';
import { ConnectionsError } from '../connections/connectionsError';

/** AWS codes whose messages quote signed request parts; the message is replaced, the code kept. */
const SIGNATURE_ERRORS: Readonly<Record<string, string>> = {
  InvalidSignatureException: 'The request signature was rejected: check the connection’s secret key and the clock of this machine.',
  SignatureDoesNotMatch: 'The request signature was rejected: check the connection’s secret key and the clock of this machine.',
  IncompleteSignatureException: 'The request signature was incomplete.',
  UnrecognizedClientException: 'The security token or access key was not recognised by the endpoint.',
  InvalidClientTokenId: 'The security token or access key was not recognised by the endpoint.',
  ExpiredTokenException: 'The credentials have expired: refresh them (e.g. `aws sso login`) and try again.',
  ExpiredToken: 'The credentials have expired: refresh them (e.g. `aws sso login`) and try again.',
};

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
const LABELLED_SECRET = /((?:Credential|Signature|[Tt]oken|[Ss]ecret[A-Za-z]*|[Aa]ccess[Kk]ey[A-Za-z]*)\s*[=:]\s*)[^\s,;]+/g;
// A secret access key is 40 base64 characters and a session token hundreds; no stream name, ARN or shard id
// has a 40-character run without one of `-_.:`, so this does not mask the names users need to read.
const OPAQUE_RUN = /[A-Za-z0-9/+=]{40,}/g;

/** One line of outside text, with anything credential-shaped masked. */
export function scrubMessage(text: string): string {
  const firstLine = text.split('\n')[0] ?? '';
  return firstLine.replace(LABELLED_SECRET, '$1***').replace(ACCESS_KEY_ID, '***').replace(OPAQUE_RUN, '***').slice(0, 1000);
}

export function toAppError(error: unknown): RpcErrorShape {
  if (error instanceof RpcError) return error.toJSON();
  if (error instanceof ConnectionsError) return { code: error.code, message: error.message };
  const shape = toRpcError(error);
  const replaced = lookup(SIGNATURE_ERRORS, shape.code);
  if (replaced !== undefined) return { code: shape.code, message: replaced };
  return { code: shape.code, message: scrubMessage(shape.message) || shape.code };
}
