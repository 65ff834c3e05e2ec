// Opaque tokens (shard iterators, NextTokens): AES-256-GCM over a small JSON payload with a secret kept in
// the database, so they survive restarts, cannot be read or forged, and the purpose (bound as associated
// data) stops one kind of token being replayed as another.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenSealer {
  constructor(private readonly key: Buffer) {}

  seal(purpose: string, payload: unknown): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The payload, or undefined when the token is malformed, forged or sealed for another purpose. */
  open(purpose: string, token: string): unknown {
    const raw = Buffer.from(token, 'base64');
    if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString('base64') !== token) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}
