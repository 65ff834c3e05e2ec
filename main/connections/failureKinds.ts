// Turns whatever the SDK threw into a stable code and a message a user can act on. Our own wording is used
// for every known case: AWS's messages can echo signed headers (a session token) back, so they are passed
// on only for unknown failures, cut to one line and scrubbed of the connection's secret values.
import type { HealthFailure, HealthFailureCode } from '../../shared/contract/connections';

export type HealthStep = HealthFailure['step'];

export interface FailureContext {
  kind: 'local' | 'profile' | 'custom';
  /** The AWS profile behind the credentials, if any. */
  profile?: string;
  region: string;
  endpoint?: string;
  /** Secret values to scrub from any text passed through. */
  secrets: string[];
}

interface ErrorFacts {
  name: string;
  message: string;
  errno?: string;
  httpStatus?: number;
}

const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** Pulls the useful facts out of an SDK or Node error, looking one level into `cause` and AggregateError. */
export function errorFacts(error: unknown): ErrorFacts {
  const name = typeof field(error, 'name') === 'string' ? String(field(error, 'name')) : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const candidates = [error, field(error, 'cause'), ...(error instanceof AggregateError ? error.errors : [])];
  const errno = candidates.map((c) => field(c, 'code')).find((c): c is string => typeof c === 'string');
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return { name, message, errno, httpStatus: typeof status === 'number' ? status : undefined };
}

function describeTarget(ctx: FailureContext): string {
  if (ctx.kind === 'local') return 'the local engine';
  if (ctx.kind === 'custom') return `the endpoint ${ctx.endpoint ?? ''}`.trim();
  return `AWS (${ctx.region})`;
}

function profileLabel(ctx: FailureContext): string {
  return ctx.profile ? `profile "${ctx.profile}"` : 'these credentials';
}

/**
 * Removes the known secret values, then anything shaped like a credential we might not know about (a role
 * chain's source keys, echoed by a proxy): signature parts, access key ids, and long opaque tokens.
 */
export function scrub(text: string, secrets: string[]): string {
  const firstLine = text.split('\n')[0] ?? '';
  const known = secrets.filter((s) => s.length >= 4).reduce((acc, s) => acc.split(s).join('***'), firstLine);
  return known
    .replace(/(Credential=|Signature=|[Tt]oken[=:]\s*)[^\s,;]+/g, '$1***')
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, '***')
    .replace(/[A-Za-z0-9/+=_-]{32,}/g, '***')
    .slice(0, 300);
}

function networkMessage(facts: ErrorFacts, ctx: FailureContext, step: HealthStep): string {
  const target = step === 'credentials' ? `STS to resolve the credentials of ${profileLabel(ctx)}` : describeTarget(ctx);
  switch (facts.errno) {
    case 'ECONNREFUSED':
      return `Could not reach ${target}: the connection was refused (is anything listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not reach ${target}: the host name does not resolve (check the address and your network)`;
    case 'ETIMEDOUT':
      return `Could not reach ${target}: the connection timed out`;
    default:
      return `Could not reach ${target}: ${facts.errno ?? facts.name} (check your network)`;
  }
}

function credentialProviderFailure(facts: ErrorFacts, ctx: FailureContext): [HealthFailureCode, string] {
  const { message } = facts;
  const profile = ctx.profile ?? 'default';
  if (/multi-factor|mfa/i.test(message)) {
    return ['mfa-required', `Profile "${profile}" needs an MFA code: connect to it and enter the code when asked`];
  }
  if (/sso/i.test(message) && /expired|invalid|refresh|login|token/i.test(message)) {
    return [
      'sso-expired',
      `The SSO session of profile "${profile}" has expired or is not signed in. Run: aws sso login --profile ${profile}`,
    ];
  }
  const missing = /Could not resolve credentials using profile: \[([^\]]+)\]|Profile (\S+) (?:was not found|could not be found)/.exec(message);
  if (missing) {
    const named = missing[1] ?? missing[2] ?? profile;
    return named === profile
      ? ['no-credentials', `Profile "${profile}" has no credentials the SDK can use (no keys, role, process or SSO settings)`]
      : ['profile-not-found', `Profile "${profile}" draws on profile "${named}", which has no usable credentials or does not exist`];
  }
  if (/returned expired credentials/.test(message)) {
    return ['expired-token', `The credential_process of profile "${profile}" returned credentials that have already expired`];
  }
  if (/credential_process/.test(message) || /Command failed/.test(message)) {
    return ['no-credentials', `The credential_process of profile "${profile}" failed: ${scrub(message, ctx.secrets)}`];
  }
  return ['no-credentials', `Could not get credentials for profile "${profile}": ${scrub(message, ctx.secrets)}`];
}

const ACTION_OF_STEP: Record<HealthStep, string> = {
  credentials: 'sts:AssumeRole',
  sts: 'sts:GetCallerIdentity',
  kinesis: 'kinesis:ListStreams',
};

function classify(facts: ErrorFacts, ctx: FailureContext, step: HealthStep): [HealthFailureCode, string] {
  const who = profileLabel(ctx);
  const where = describeTarget(ctx);
  if (facts.errno && NETWORK_ERRNOS.has(facts.errno)) return ['network', networkMessage(facts, ctx, step)];
  if (facts.name === 'TimeoutError' || facts.name === 'AbortError') {
    return ['network', `${where} did not answer in time (check your network)`];
  }
  switch (facts.name) {
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
    case 'TokenRefreshRequired':
      return ['expired-token', `The session token of ${who} has expired: refresh your credentials and check again`];
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
    case 'InvalidSignatureException':
      return [
        'invalid-credentials',
        ctx.kind === 'profile'
          ? `AWS rejected the credentials of ${who} (${facts.name}): the keys may be wrong or deactivated, or region ${ctx.region} may not be enabled for the account`
          : `${where} rejected the credentials (${facts.name})`,
      ];
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation':
    case 'AuthorizationError':
      return [
        'access-denied',
        `${who} is not allowed to call ${ACTION_OF_STEP[step]} in ${ctx.region}: ask for the permission or pick another profile`,
      ];
    case 'CredentialsProviderError':
      return credentialProviderFailure(facts, ctx);
    case 'UnknownOperationException':
      return ['unknown-endpoint', `${where} does not speak the Kinesis API (UnknownOperation)`];
    case 'ThrottlingException':
    case 'Throttling':
    case 'LimitExceededException':
      return ['throttled', `${where} is throttling requests: try again in a moment`];
  }
  if (step === 'credentials' && !/parse|Deserialization/i.test(facts.message)) return credentialProviderFailure(facts, ctx);
  if (/region/i.test(facts.message) && /invalid|missing|unknown/i.test(facts.message)) {
    return ['unknown-region', `"${ctx.region}" is not a region the SDK can use: pick another region`];
  }
  if (facts.httpStatus === 403) return ['access-denied', `${where} refused the request (HTTP 403) for ${who}`];
  if (facts.errno?.startsWith('ERR_HTTP2') || /^Protocol error/.test(facts.message)) {
    return ['unknown-endpoint', `${where} did not answer over HTTP/2 as the Kinesis client expects: check the endpoint`];
  }
  if (facts.httpStatus === 404 || facts.name === 'SyntaxError' || /Deserialization|parse|Unexpected token/i.test(facts.message)) {
    const service = step === 'kinesis' ? 'Kinesis' : 'STS';
    return ['unknown-endpoint', `${where} answered, but not like ${service}: check the endpoint URL`];
  }
  return ['unknown', `${where}: ${facts.name}: ${scrub(facts.message, ctx.secrets)}`];
}

/** The name every screen sees for a connection that cannot be reached (the SDK gives a bare Error with an errno). */
export const UNREACHABLE = 'EndpointUnreachable';

/**
 * A network failure as an error named for what happened, worded as the health check words it, so the Streams,
 * Tail and Settings screens all say the same thing; undefined for anything else (AWS errors, cancellations).
 * The original error stays as `cause`, so errorFacts still finds its errno.
 */
export function unreachableError(error: unknown, ctx: FailureContext): Error | undefined {
  const facts = errorFacts(error);
  const network = (facts.errno !== undefined && NETWORK_ERRNOS.has(facts.errno)) || facts.name === 'TimeoutError';
  if (!network || facts.name === UNREACHABLE) return undefined;
  const message = facts.name === 'TimeoutError' ? `${describeTarget(ctx)} did not answer in time (check your network)` : networkMessage(facts, ctx, 'kinesis');
  return Object.assign(new Error(message, { cause: error }), { name: UNREACHABLE });
}

export function toHealthFailure(error: unknown, ctx: FailureContext, step: HealthStep): HealthFailure {
  const facts = errorFacts(error);
  const [code, message] = classify(facts, ctx, step);
  const awsCode = facts.name !== 'Error' && facts.name !== 'CredentialsProviderError' && facts.name !== UNREACHABLE ? facts.name : undefined;
  return awsCode ? { code, message, awsCode, step } : { code, message, step };
}
