import { describe, expect, it } from 'vitest';
import { lintIni } from '../../main/connections/iniLint';

describe('lintIni', () => {
  it('accepts what the AWS CLI writes, comments and sub-sections included', () => {
    const config = [
      '# a comment',
      '[default]',
      'region = us-east-1 ; trailing comment',
      '[profile dev]',
      's3 =',
      '  max_concurrent_requests = 20',
      'region=eu-west-1',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      '[services local]',
      'kinesis =',
      '  endpoint_url = http://127.0.0.1:4567',
    ].join('\n');
    expect(lintIni(config, 'config')).toEqual([]);
    expect(lintIni('[default]\naws_access_key_id = A\n\n[dev]\naws_access_key_id = B\r\n', 'credentials')).toEqual([]);
  });

  it('names each line the SDK would skip, with the profile it sits in', () => {
    const problems = lintIni(['[profile a]', 'no equals here', '  indented = orphan', '[dev]', '= value'].join('\n'), 'config');
    expect(problems).toEqual([
      { line: 2, message: 'Expected "key = value"', profile: 'a' },
      { line: 3, message: 'Indented line continues nothing: remove the indentation or start a sub-section', profile: 'a' },
      { line: 4, message: 'Section [dev] is ignored in the config file: did you mean [profile dev]?' },
      { line: 5, message: 'Expected "key = value"' },
    ]);
  });

  it('flags [profile x] in the credentials file and the reserved __proto__ name', () => {
    expect(lintIni('[profile x]\na = b', 'credentials')).toEqual([
      { line: 1, message: 'In the credentials file sections are bare profile names: write [x], not [profile x]' },
    ]);
    expect(lintIni('[__proto__]\na = b', 'credentials')).toEqual([
      { line: 1, message: 'Invalid profile name "__proto__"', profile: '__proto__' },
    ]);
  });

  it('never quotes the content of a broken line', () => {
    const problems = lintIni('[default]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'credentials');
    expect(JSON.stringify(problems)).not.toContain('wJalr');
    expect(problems).toEqual([{ line: 2, message: 'Expected "key = value"', profile: 'default' }]);
  });
});
