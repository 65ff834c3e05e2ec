// Sample records from what the user typed or picked: one per line, or the whole text (or file) as one record.
// Bytes travel as base64.

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function linesAsRecords(text: string, perLine: boolean): string[] {
  const encoder = new TextEncoder();
  const parts = perLine ? text.split(/\r?\n/).filter((l) => l.length > 0) : text.length ? [text] : [];
  return parts.map((p) => toBase64(encoder.encode(p)));
}

export function bytesAsRecords(bytes: Uint8Array, perLine: boolean): string[] {
  if (!perLine) return bytes.length ? [toBase64(bytes)] : [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const end = i > start && bytes[i - 1] === 0x0d ? i - 1 : i;
      if (end > start) out.push(toBase64(bytes.subarray(start, end)));
      start = i + 1;
    }
  }
  return out;
}
