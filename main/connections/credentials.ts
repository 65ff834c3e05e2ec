// Credential providers for each way a connection can authenticate. Profiles go through the SDK's fromIni,
// which itself runs source_profile chains, credential_process, SSO and web identity; we only add the MFA
// callback and a shared memo so the Kinesis and STS clients of one connection resolve (and prompt) once.
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsConfigPaths } from './profileDiscovery';

export interface StaticSecret {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type CredentialSpec =
  | { type: 'dummy' }
  | { type: 'static'; secret: StaticSecret }
  | {
      type: 'profile';
      profile: string;
      /** Region for the STS calls of role chains when the profile names none. */
      region: string;
      paths: AwsConfigPaths;
      mfaCode?: (mfaSerial: string) => Promise<string>;
    };

/** SigV4 needs some keys even where nobody checks them (the local engine, a "none" custom endpoint). */
export const DUMMY_CREDENTIALS: AwsCredentialIdentity = Object.freeze({
  accessKeyId: 'SHARDSCOPELOCAL',
  secretAccessKey: 'shardscope-local-not-a-secret',
});

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface MemoizedCredentials extends AwsCredentialIdentityProvider {
  /** The last identity resolved, so error messages can be scrubbed of its values. */
  current(): AwsCredentialIdentity | undefined;
}

/** One resolution at a time, reused until five minutes before it expires; failures are not kept. */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider): MemoizedCredentials {
  let identity: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (id: AwsCredentialIdentity): boolean =>
    !id.expiration || id.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;
  const memo = async (): Promise<AwsCredentialIdentity> => {
    if (identity && fresh(identity)) return identity;
    pending ??= provider().then(
      (resolved) => {
        identity = resolved;
        pending = undefined;
        return resolved;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return Object.assign(memo, { current: () => identity });
}

export function credentialProvider(spec: CredentialSpec): AwsCredentialIdentityProvider {
  switch (spec.type) {
    case 'dummy':
      return async () => DUMMY_CREDENTIALS;
    case 'static': {
      const { accessKeyId, secretAccessKey, sessionToken } = spec.secret;
      const identity: AwsCredentialIdentity = sessionToken
        ? { accessKeyId, secretAccessKey, sessionToken }
        : { accessKeyId, secretAccessKey };
      return async () => identity;
    }
    case 'profile':
      // ignoreCache: the user may edit ~/.aws or run `aws sso login` while the app runs.
      return fromIni({
        profile: spec.profile,
        configFilepath: spec.paths.config,
        filepath: spec.paths.credentials,
        ignoreCache: true,
        parentClientConfig: { region: spec.region },
        ...(spec.mfaCode ? { mfaCodeProvider: spec.mfaCode } : {}),
      });
  }
}
