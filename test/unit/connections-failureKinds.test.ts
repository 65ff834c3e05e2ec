// Failure mapping over the SDK's own exception classes and Node's own socket errors.
import { AccessDeniedException, KinesisServiceException } from '@aws-sdk/client-kinesis';
import { ExpiredTokenException as StsExpiredToken } from '@aws-sdk/client-sts';
import { CredentialsProviderError } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import { scrub, toHealthFailure, type FailureContext } from '../../main/connections/failureKinds';

const profileCtx: FailureContext = { kind: 'profile', profile: 'prod', region: 'eu-west-1', secrets: [] };
const meta = { $metadata: {}, message: 'from AWS' };

describe('toHealthFailure', () => {
  it('maps AWS error classes to stable codes', () => {
    expect(toHealthFailure(new StsExpiredToken(meta), profileCtx, 'sts')).toMatchObject({ code: 'expired-token', awsCode: 'ExpiredTokenException' });
    // Unmodelled errors arrive as the service's base exception with AWS's name, as the SDK builds them.
    const unrecognized = new KinesisServiceException({ name: 'UnrecognizedClientException', $fault: 'client', $metadata: {}, message: 'bad token' });
    expect(toHealthFailure(unrecognized, profileCtx, 'kinesis')).toMatchObject({ code: 'invalid-credentials', awsCode: 'UnrecognizedClientException' });
    const denied = toHealthFailure(new AccessDeniedException(meta), profileCtx, 'kinesis');
    expect(denied).toEqual({
      code: 'access-denied',
      awsCode: 'AccessDeniedException',
      step: 'kinesis',
      message: 'profile "prod" is not allowed to call kinesis:ListStreams in eu-west-1: ask for the permission or pick another profile',
    });
  });

  it('maps credential provider failures', () => {
    const sso = new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.');
    expect(toHealthFailure(sso, profileCtx, 'credentials')).toMatchObject({
      code: 'sso-expired',
      message: 'The SSO session of profile "prod" has expired or is not signed in. Run: aws sso login --profile prod',
    });
    const mfa = new CredentialsProviderError('Profile prod requires multi-factor authentication, but no MFA code callback was provided.');
    expect(toHealthFailure(mfa, profileCtx, 'credentials').code).toBe('mfa-required');
  });

  it('maps socket errors to network', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const custom: FailureContext = { kind: 'custom', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', secrets: [] };
    expect(toHealthFailure(refused, custom, 'kinesis')).toEqual({
      code: 'network',
      step: 'kinesis',
      message: 'Could not reach the endpoint http://127.0.0.1:9: the connection was refused (is anything listening there?)',
    });
  });
});

describe('scrub', () => {
  it('removes known values and anything shaped like a credential', () => {
    const text = 'denied for AKIAIOSFODNN7EXAMPLE Signature=abc123 token: FwoGZXIvYXdzEJr//////////wEaDNo secretly mysecret1\nsecond line';
    const out = scrub(text, ['mysecret1']);
    expect(out).toBe('denied for *** Signature=*** token: *** secretly ***');
  });
});
