// Firehose sends only to https://. Locally, http:// is accepted for a loopback host, so a receiver on the
// user's machine works without a certificate; anything else is refused with the model's pattern message.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && LOOPBACK.test(u.hostname);
  } catch {
    return false;
  }
}

/** An AWS-style message when the URL is not allowed, else undefined. */
export function checkEndpointUrl(url: string, member: string): string | undefined {
  if (/^https:\/\/.+/.test(url) || isLoopbackHttp(url)) return undefined;
  return `1 validation error detected: Value '${url}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: https://.* (locally, http:// is also accepted for localhost and 127.0.0.1)`;
}
