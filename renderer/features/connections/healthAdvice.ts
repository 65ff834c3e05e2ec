// What to do about each kind of connection failure; the message from main says what happened.
import type { HealthFailureCode } from '../../../shared/contract/connections';

export const healthAdvice: Record<HealthFailureCode, string> = {
  'expired-token': 'The session has expired. Renew it (e.g. run your login or credential tool again), then check again.',
  'invalid-credentials': 'The keys are not accepted. Check them, or whether this region is enabled for the account.',
  'no-credentials': 'This profile has nothing the SDK can use. Add keys, a role or SSO settings to it in your AWS config.',
  'profile-not-found': 'A source_profile named by this profile does not exist in your AWS config.',
  'access-denied': 'The credentials work but are not allowed this action. Ask for the permission named above.',
  network: 'The endpoint cannot be reached. Check the URL, your network, VPN or proxy.',
  'unknown-region': 'This region does not exist or has no Kinesis endpoint. Pick another region.',
  'unknown-endpoint': 'Something answers at this URL, but not Kinesis. Check the URL and port.',
  'mfa-required': 'This profile needs an MFA code. Make it the active connection and press Check to be asked for one.',
  'sso-expired': 'Your SSO session has expired. Run the aws sso login command shown, then check again.',
  'secret-missing': 'The secret key was not kept after a restart (no OS keychain here). Enter it again.',
  'config-invalid': 'Your AWS config has lines the SDK skips for this profile; see the problems listed below.',
  'engine-not-running': 'The local engine is not running yet. Wait for it to start; the status bar shows its state.',
  throttled: 'AWS is throttling these calls. Wait a moment and check again.',
  unknown: 'Something else failed; the message above is what the backend said.',
};
