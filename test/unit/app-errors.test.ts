// How the app's service errors reach the renderer: codes kept, outside messages scrubbed of credentials.
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/contract/errors';
import { ConnectionsError } from '../../main/connections/connectionsError';
import { scrubMessage, toAppError } from '../../main/app/appErrors';

function sdkError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

describe('toAppError', () => {
  it('keeps ConnectionsError and RpcError codes and wording, masking only known secret values', () => {
    expect(toAppError(new ConnectionsError('ConnectionNotFound', 'No connection "x"'))).toEqual({ code: 'ConnectionNotFound', message: 'No connection "x"' });
    expect(toAppError(new RpcError('ConfirmationMismatch', 'Type the name again.\nExactly.'))).toEqual({ code: 'ConfirmationMismatch', message: 'Type the name again.\nExactly.' });
    expect(toAppError(new RpcError('X', 'echo s3cretvalue here'), ['s3cretvalue']).message).toBe('echo *** here');
  });

  it('keeps AWS codes and replaces the messages of signature errors, which quote the canonical request', () => {
    const canonical = 'The request signature we calculated does not match.\nx-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
    expect(toAppError(sdkError('InvalidSignatureException', canonical))).toEqual({
      code: 'InvalidSignatureException',
      message: expect.not.stringContaining('IQoJ'),
    });
    expect(toAppError(sdkError('ResourceNotFoundException', 'Stream orders under account 000000000000 not found.'))).toEqual({
      code: 'ResourceNotFoundException',
      message: 'Stream orders under account 000000000000 not found.',
    });
  });

  it('masks credential-shaped text in outside messages, and programming errors become InternalFailure', () => {
    const echoed = 'Bad: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/kinesis/aws4_request, Signature=abc123 token=FQoGZXIvYXdz';
    const message = scrubMessage(echoed);
    for (const part of ['AKIAIOSFODNN7EXAMPLE', 'abc123', 'FQoGZXIvYXdz']) expect(message).not.toContain(part);
    expect(scrubMessage('key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end')).toBe('key *** end');
    expect(scrubMessage('arn:aws:kinesis:us-east-1:000000000000:stream/orders-2026-with-a-rather-long-name')).toBe(
      'arn:aws:kinesis:us-east-1:000000000000:stream/orders-2026-with-a-rather-long-name',
    );
    expect(toAppError(new TypeError('x is undefined')).code).toBe('InternalFailure');
  });
});
