// What a connection needs to build its clients, or the reason it cannot be built yet (no engine running,
// a secret to re-enter, a broken profile section). Those reasons are health failures found before any call.
import type { HealthFailure } from '../../shared/contract/connections';
import type { ClientTarget } from './clientFactory';
import type { Connection } from './connectionModel';
import { credentialProvider, type CredentialSpec } from './credentials';
import type { FailureContext } from './failureKinds';
import type { AwsConfigPaths } from './profileDiscovery';

export interface TargetInputs {
  region: string;
  localEndpoint: string | undefined;
  paths: AwsConfigPaths;
  /** Present only when the user can be asked for a code right now (an interactive connect). */
  mfaCode?: (profile: string) => (mfaSerial: string) => Promise<string>;
}

export type TargetResult =
  | { ok: true; target: ClientTarget; context: FailureContext }
  | { ok: false; failure: HealthFailure };

function profileSpec(profile: string, inputs: TargetInputs): CredentialSpec {
  return {
    type: 'profile',
    profile,
    region: inputs.region,
    paths: inputs.paths,
    ...(inputs.mfaCode ? { mfaCode: inputs.mfaCode(profile) } : {}),
  };
}

const notReady = (failure: Omit<HealthFailure, 'step'>): TargetResult => ({
  ok: false,
  failure: { ...failure, step: 'credentials' },
});

export function connectionTarget(connection: Connection, inputs: TargetInputs): TargetResult {
  const { region } = inputs;
  switch (connection.kind) {
    case 'local': {
      if (!inputs.localEndpoint) {
        return notReady({ code: 'engine-not-running', message: 'The local engine is not running yet' });
      }
      return {
        ok: true,
        target: { region, endpoint: inputs.localEndpoint, http1: false, withSts: false, credentials: credentialProvider({ type: 'dummy' }) },
        context: { kind: 'local', region, endpoint: inputs.localEndpoint, secrets: [] },
      };
    }
    case 'profile': {
      const { profile } = connection;
      const broken = profile.problems[0];
      if (broken) {
        const at = broken.line === undefined ? broken.file : `${broken.file}:${broken.line}`;
        return notReady({ code: 'config-invalid', message: `Profile "${profile.name}" has a problem at ${at}: ${broken.message}` });
      }
      return {
        ok: true,
        target: { region, http1: false, withSts: true, credentials: credentialProvider(profileSpec(profile.name, inputs)) },
        context: { kind: 'profile', profile: profile.name, region, secrets: [] },
      };
    }
    case 'custom': {
      const { custom } = connection;
      const creds = custom.credentials;
      if (creds.type === 'static-missing') {
        return notReady({
          code: 'secret-missing',
          message: `The secret key of "${custom.name}" was not kept (no OS keychain here): enter it again`,
        });
      }
      const spec: CredentialSpec =
        creds.type === 'static'
          ? { type: 'static', secret: creds.secret }
          : creds.type === 'profile'
            ? profileSpec(creds.profile, inputs)
            : { type: 'dummy' };
      const secrets =
        creds.type === 'static' ? [creds.secret.accessKeyId, creds.secret.secretAccessKey, creds.secret.sessionToken ?? ''] : [];
      return {
        ok: true,
        target: { region, endpoint: custom.endpoint, http1: true, withSts: false, credentials: credentialProvider(spec) },
        context: {
          kind: 'custom',
          region,
          endpoint: custom.endpoint,
          secrets,
          ...(creds.type === 'profile' ? { profile: creds.profile } : {}),
        },
      };
    }
  }
}
