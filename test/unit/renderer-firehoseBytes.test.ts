// How the Firehose screen shows bytes and turns what was typed or picked into records: delimiters made visible
// (a newline as ↵ that still breaks the line, other control bytes escaped), text told from binary, and one record
// per line without the line ends (CRLF too), or the whole input as one record.
import { describe, expect, it } from 'vitest';
import { fromBase64, looksLikeText, sameBytes, visibleSegments } from '../../renderer/features/firehose/byteText';
import { bytesAsRecords, linesAsRecords } from '../../renderer/features/firehose/sampleRecords';

const text = (b64: string) => Buffer.from(b64, 'base64').toString();

describe('bytes as the Firehose screen shows them', () => {
  it('marks every delimiter and control byte, and keeps the text between them', () => {
    const segments = visibleSegments(new TextEncoder().encode('a\nb\r\n\tc\u0000é'));
    expect(segments).toEqual([
      { text: 'a' },
      { mark: '↵', title: 'newline, 0x0A', newline: true },
      { text: 'b' },
      { mark: '\\r', title: 'carriage return, 0x0D', newline: false },
      { mark: '↵', title: 'newline, 0x0A', newline: true },
      { mark: '\\t', title: 'tab, 0x09', newline: false },
      { text: 'c' },
      { mark: '\\x00', title: 'control byte 0x00', newline: false },
      { text: 'é' },
    ]);
  });

  it('tells text from binary, and compares bytes exactly', () => {
    expect(looksLikeText(new TextEncoder().encode('{"a":1}\n'))).toBe(true);
    expect(looksLikeText(Uint8Array.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]))).toBe(false);
    expect(sameBytes(fromBase64(Buffer.from('abc').toString('base64')), new TextEncoder().encode('abc'))).toBe(true);
    expect(sameBytes(new TextEncoder().encode('abc'), new TextEncoder().encode('abd'))).toBe(false);
  });
});

describe('sample records', () => {
  it('takes one record per non-empty line, or the whole text as one', () => {
    expect(linesAsRecords('one\ntwo\r\n\nthree', true).map(text)).toEqual(['one', 'two', 'three']);
    expect(linesAsRecords('one\ntwo\n', false).map(text)).toEqual(['one\ntwo\n']);
    expect(linesAsRecords('', true)).toEqual([]);
  });

  it('splits a file’s bytes the same way, binary-safe', () => {
    const bytes = Uint8Array.from([0x61, 0x0d, 0x0a, 0xff, 0x00, 0x0a, 0x0a, 0x62]);
    expect(bytesAsRecords(bytes, true).map((r) => [...Buffer.from(r, 'base64')])).toEqual([[0x61], [0xff, 0x00], [0x62]]);
    expect(bytesAsRecords(bytes, false).map((r) => [...Buffer.from(r, 'base64')])).toEqual([[...bytes]]);
  });
});
