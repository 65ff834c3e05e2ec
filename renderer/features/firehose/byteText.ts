// Bytes as text a person can check: UTF-8 where it decodes, with the delimiters made visible. And a hex dump for
// raw bytes that are not text (compressed objects).
import { hexDump } from '../../../shared/domain/hexDump';

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when most bytes are printable text (so the text view makes sense). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  const sample = bytes.subarray(0, 4096);
  let odd = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32) || b === 127) odd++;
  return odd / sample.length < 0.02;
}

/** A run of text, or one delimiter or control byte shown as a marker (`mark`) with its name (`title`). */
export type Segment = { text: string } | { mark: string; title: string; newline: boolean };

const MARKS: Record<string, { mark: string; title: string }> = {
  '\n': { mark: '↵', title: 'newline, 0x0A' },
  '\r': { mark: '\\r', title: 'carriage return, 0x0D' },
  '\t': { mark: '\\t', title: 'tab, 0x09' },
};

/**
 * UTF-8 text with every delimiter and control byte made visible: a newline shows as ↵ and still breaks the line,
 * others as escapes (\r, \t, \x00). Glyphs from the arrows block, which every monospace font has (the Unicode
 * control pictures such as ␊ are missing from most).
 */
export function visibleSegments(bytes: Uint8Array): Segment[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const out: Segment[] = [];
  let run = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c.length === 1 && (code < 0x20 || code === 0x7f)) {
      if (run) out.push({ text: run });
      run = '';
      const known = MARKS[c];
      out.push(known ? { ...known, newline: c === '\n' } : { mark: `\\x${code.toString(16).padStart(2, '0')}`, title: `control byte 0x${code.toString(16).padStart(2, '0')}`, newline: false });
    } else run += c;
  }
  if (run) out.push({ text: run });
  return out;
}

/** The shared hex dump of the first `maxBytes`, saying how many more there are. */
export function dumpHex(bytes: Uint8Array, maxBytes = 4096): string {
  const dump = hexDump(bytes.subarray(0, maxBytes));
  return bytes.length > maxBytes ? `${dump}\n… ${bytes.length - maxBytes} more bytes` : dump;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
