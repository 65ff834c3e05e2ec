// The web host's gatekeeping. Any page in any browser tab can try to reach 127.0.0.1, so a WebSocket client must
// present the per-launch token, and browsers' requests must come from our own origin and name our own host
// (the Host check defeats DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { RPC_TOKEN_PREFIX } from '../../shared/contract/index';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** Reads `token.<hex>` out of a Sec-WebSocket-Protocol list and compares it in constant time. */
export function presentsToken(protocols: Iterable<string>, token: string): boolean {
  const expected = Buffer.from(token);
  for (const protocol of protocols) {
    if (!protocol.startsWith(RPC_TOKEN_PREFIX)) continue;
    const given = Buffer.from(protocol.slice(RPC_TOKEN_PREFIX.length));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}

/** The names the host answers to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** A browser always sends Origin on a WebSocket handshake; it must be this host. Non-browser clients send none. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
