// The web host's gatekeeping. Any page in any browser tab can try to reach 127.0.0.1, so a WebSocket client must
// present the per-launch token, and browsers' requests must come from our own origin and name our own host
// (the Host check defeats DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RPC_TOKEN_PREFIX } from '../../shared/contract/index';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * A page whose WebSocket was refused asks here whether its token is the wrong one (an address from an earlier
 * launch, or a mistyped token) or nothing answers at all. The token travels in a header, never in the URL; the
 * answer is only 204 (this token would be accepted) or 403 (it would not), compared in constant time.
 */
export const TOKEN_CHECK_PATH = '/token-check';
export const TOKEN_CHECK_HEADER = 'x-shardscope-token';

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function answerTokenCheck(req: IncomingMessage, res: ServerResponse, token: string, headers: Record<string, string>): void {
  const given = req.headers[TOKEN_CHECK_HEADER];
  const status = req.method !== 'GET' ? 405 : typeof given === 'string' && sameToken(given, token) ? 204 : 403;
  res.writeHead(status, { ...headers, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** Reads `token.<hex>` out of a Sec-WebSocket-Protocol list and compares it in constant time. */
export function presentsToken(protocols: Iterable<string>, token: string): boolean {
  for (const protocol of protocols) {
    if (protocol.startsWith(RPC_TOKEN_PREFIX) && sameToken(protocol.slice(RPC_TOKEN_PREFIX.length), token)) return true;
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
    // 'self' for the token check a refused page makes (TOKEN_CHECK_PATH); the socket for everything else.
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
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
