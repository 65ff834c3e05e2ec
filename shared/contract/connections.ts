// Connections as the renderer sees them. Nothing here may carry a credential: the renderer learns names,
// regions, endpoints, account ids and health, and sends secrets only inward (add/update custom connection).
import { z } from 'zod';

export const ConnectionKind = z.enum(['local', 'profile', 'custom']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/** How a connection gets its credentials; for profiles, what ~/.aws says, so the UI can explain it. */
export const CredentialKind = z.enum([
  'engine', // the built-in local engine: dummy keys
  'none', // custom endpoint with no credentials: dummy keys, since SigV4 needs some
  'static', // access key pair (custom connection, or a profile with aws_access_key_id)
  'static-session', // a profile with a session token alongside its keys
  'role', // role_arn with source_profile or credential_source
  'web-identity',
  'process', // credential_process
  'sso',
  'login', // login_session (aws login)
  'profile', // a custom connection that borrows an AWS profile's credentials
  'unknown', // a profile with no recognisable credential settings
]);
export type CredentialKind = z.infer<typeof CredentialKind>;

/** Stable failure codes; the message explains, the code drives the UI. */
export const HealthFailureCode = z.enum([
  'expired-token',
  'invalid-credentials',
  'no-credentials',
  'profile-not-found',
  'access-denied',
  'network',
  'unknown-region',
  'unknown-endpoint',
  'mfa-required',
  'sso-expired',
  'secret-missing',
  'config-invalid',
  'engine-not-running',
  'throttled',
  'unknown',
]);
export type HealthFailureCode = z.infer<typeof HealthFailureCode>;

export const HealthFailure = z.object({
  code: HealthFailureCode,
  message: z.string(),
  /** The AWS error name when there was one, e.g. ExpiredTokenException. */
  awsCode: z.string().optional(),
  /** Which step failed. */
  step: z.enum(['credentials', 'sts', 'kinesis']),
});
export type HealthFailure = z.infer<typeof HealthFailure>;

export const ConnectionHealth = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unchecked') }),
  z.object({ status: z.literal('checking') }),
  z.object({
    status: z.literal('ok'),
    checkedAt: z.number().int(),
    accountId: z.string().optional(),
    arn: z.string().optional(),
  }),
  z.object({ status: z.literal('error'), checkedAt: z.number().int(), failure: HealthFailure }),
]);
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

export const RegionSource = z.enum(['override', 'profile', 'connection', 'environment', 'default']);
export type RegionSource = z.infer<typeof RegionSource>;

export const ConnectionSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: ConnectionKind,
  region: z.string(),
  regionSource: RegionSource,
  /** For local and custom connections. */
  endpoint: z.string().optional(),
  credentialKind: CredentialKind,
  /** For custom connections using a profile, and for role profiles: the profile name they draw on. */
  sourceProfile: z.string().optional(),
  /** A role profile with mfa_serial: connecting asks for a code. */
  mfaRequired: z.boolean(),
  /** A custom connection whose secret could not be kept (no OS keychain) and must be entered again. */
  secretMissing: z.boolean(),
  accountId: z.string().optional(),
  health: ConnectionHealth,
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

/** A problem in the user's AWS files, with where it is. */
export const AwsConfigProblem = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type AwsConfigProblem = z.infer<typeof AwsConfigProblem>;

export const ConnectionsState = z.object({
  connections: z.array(ConnectionSummary),
  activeId: z.string(),
  configProblems: z.array(AwsConfigProblem),
});
export type ConnectionsState = z.infer<typeof ConnectionsState>;

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const Region = z.string().regex(regionPattern, 'Region must look like us-east-1');

const httpUrl = z.url({ protocol: /^https?$/, error: 'Endpoint must be an http:// or https:// URL' });

/** Credentials as entered by the user for a custom connection. Inbound only: never sent back. */
export const CustomCredentialsInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('static'),
    accessKeyId: z.string().min(1),
    secretAccessKey: z.string().min(1),
    sessionToken: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('profile'), profile: z.string().min(1) }),
]);
export type CustomCredentialsInput = z.infer<typeof CustomCredentialsInput>;

export const AddCustomConnectionInput = z.object({
  name: z.string().trim().min(1).max(100),
  endpoint: httpUrl,
  region: Region,
  credentials: CustomCredentialsInput,
});
export type AddCustomConnectionInput = z.infer<typeof AddCustomConnectionInput>;

/** Omitted fields stay as they are; credentials, when given, replace the old ones (re-entering a secret). */
export const UpdateCustomConnectionInput = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  endpoint: httpUrl.optional(),
  region: Region.optional(),
  credentials: CustomCredentialsInput.optional(),
});
export type UpdateCustomConnectionInput = z.infer<typeof UpdateCustomConnectionInput>;

export const RemoveCustomConnectionInput = z.object({ id: z.string().min(1) });
export type RemoveCustomConnectionInput = z.infer<typeof RemoveCustomConnectionInput>;

/** region null clears an override (profiles and the local engine fall back to their own region). */
export const SetRegionInput = z.object({ id: z.string().min(1), region: Region.nullable() });
export type SetRegionInput = z.infer<typeof SetRegionInput>;

export const SwitchConnectionInput = z.object({ id: z.string().min(1) });
export type SwitchConnectionInput = z.infer<typeof SwitchConnectionInput>;

export const CheckHealthInput = z.object({ id: z.string().min(1) });
export type CheckHealthInput = z.infer<typeof CheckHealthInput>;

export const HealthResult = z.object({ id: z.string(), health: ConnectionHealth });
export type HealthResult = z.infer<typeof HealthResult>;

/** Main asks the UI for an MFA code; the UI answers with MfaAnswerInput (code null = cancelled). */
export const MfaPrompt = z.object({
  promptId: z.string(),
  connectionId: z.string(),
  profile: z.string(),
  /** The MFA device ARN from mfa_serial: an identifier, not a secret. */
  mfaSerial: z.string(),
});
export type MfaPrompt = z.infer<typeof MfaPrompt>;

export const MfaAnswerInput = z.object({
  promptId: z.string().min(1),
  code: z
    .string()
    .regex(/^\d{6}$/, 'An MFA code is six digits')
    .nullable(),
});
export type MfaAnswerInput = z.infer<typeof MfaAnswerInput>;

/** Events main pushes to the renderer. */
export const ConnectionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connections-changed'), state: ConnectionsState }),
  z.object({ type: z.literal('active-changed'), activeId: z.string() }),
  z.object({ type: z.literal('health-changed'), id: z.string(), health: ConnectionHealth }),
  z.object({ type: z.literal('mfa-prompt'), prompt: MfaPrompt }),
  z.object({ type: z.literal('mfa-prompt-closed'), promptId: z.string() }),
]);
export type ConnectionEvent = z.infer<typeof ConnectionEvent>;
