// The engine keeps record data as base64 text and checks it without decoding: the verdicts and byte counts must
// be exactly those of decoding and re-encoding (what the engine did before, and what AWS's deserializer accepts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Length, parseBase64 } from '../../main/engine/core/base64Blob';
import { KinesisError } from '../../main/engine/core/errors';

/** The reference: accepted when Node's decoder gives bytes whose canonical encoding is the text itself. */
function acceptedByRoundTrip(text: string): boolean {
  return text.length % 4 === 0 && !/[^a-zA-Z0-9+/=]|=[^=]/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}

function verdict(text: string): { ok: true; length: number } | { ok: false; message: string } {
  try {
    return { ok: true, length: parseBase64(text).length };
  } catch (error) {
    if (!(error instanceof KinesisError)) throw error;
    return { ok: false, message: error.message };
  }
}

describe('parseBase64', () => {
  it('accepts canonical base64 of every length and counts its bytes', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64');
      expect(verdict(text)).toEqual({ ok: true, length: n });
      expect(base64Length(text)).toBe(n);
    }
  });

  it('refuses what the round trip refuses, with AWS messages', () => {
    const alphabet = 'AQgw/+=-_ .';
    const cases = ['', 'A===', '====', 'AB==', 'AA==', 'ABC=', 'ABA=', 'AB=C', '=AAA', 'AAA', 'A-B_', 'AB==AA==', 'QQ==', 'QR==', 'QUI=', 'QUJ='];
    // Every 4- and 8-character string over a small alphabet that mixes valid, padding and invalid characters.
    const grow = (prefix: string, left: number): void => {
      if (left === 0) return void cases.push(prefix);
      for (const c of alphabet) grow(prefix + c, left - 1);
    };
    grow('', 4);
    for (const text of cases) {
      const got = verdict(text);
      expect(got.ok, text).toBe(acceptedByRoundTrip(text));
      if (got.ok) expect(got.length, text).toBe(Buffer.from(text, 'base64').length);
    }
    expect(verdict('AB==')).toEqual({ ok: false, message: "'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected" });
    expect(verdict('AB-C')).toEqual({ ok: false, message: "'AB-C' can not be converted to a Blob: Invalid Base64 character: '-'" });
    expect(verdict('ABC')).toEqual({ ok: false, message: "'ABC' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3" });
  });
});
