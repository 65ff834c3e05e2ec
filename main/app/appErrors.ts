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
// A secret access key is 40 base64 characters and a session token hundreds. ARNs and shard ids break such runs
// with `:` and `-`; only a stream name of 40+ letters and digits without a separator would be masked too.
const OPAQUE_RUN = /[A-Za-z0-9/+=]{40,}/g;

function maskKnown(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((acc, secret) => acc.split(secret).join('***'), text);
}

/** One line of outside text, with the known secret values and anything credential-shaped masked. */
export function scrubMessage(text: string, secrets: readonly string[] = []): string {
  return maskKnown(text.split('\n')[0] ?? '', secrets).replace(LABELLED_SECRET, '$1***').replace(ACCESS_KEY_ID, '***').replace(OPAQUE_RUN, '***').slice(0, 1000);
}

/** `secrets`: the active connection's credential values (access key id included), masked wherever they appear. */
export function toAppError(error: unknown, secrets: readonly string[] = []): RpcErrorShape {
  // Our own errors keep their wording (the connections layer already words its failures without secrets).
  if (error instanceof RpcError || error instanceof ConnectionsError) return { code: error.code, message: maskKnown(error.message, secrets) };
  const shape = toRpcError(error);
  const replaced = lookup(SIGNATURE_ERRORS, shape.code);
  if (replaced !== undefined) return { code: shape.code, message: replaced };
  return { code: shape.code, message: scrubMessage(shape.message, secrets) || shape.code };
}
