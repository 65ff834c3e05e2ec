// The tokenizer shared by both dialects. Identifiers may be quoted with "double quotes" (KDA, standard SQL) or
// `backticks` (Flink); quoted names keep their case, unquoted ones match case-insensitively.
import { SqlError, spanAt, type SourceSpan } from './sqlError';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** word: upper-cased; quoted: the name as written; string: the unescaped value; number/symbol: the text. */
  value: string;
  /** For words: the text as written (an unquoted column name keeps its case for lookup). */
  raw: string;
  offset: number;
  length: number;
}

const symbols = ['<>', '!=', '>=', '<=', '||', '=>', '(', ')', ',', ';', '.', '*', '+', '-', '/', '%', '=', '<', '>'];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const fail = (message: string, at: number, length = 1): never => {
    throw new SqlError(message, spanAt(text, at, length), 'syntax');
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment', i, 2);
      i = end + 2;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$]/.test(text[i] as string)) i++;
      const raw = text.slice(start, i);
      tokens.push({ kind: 'word', value: raw.toUpperCase(), raw, offset: start, length: i - start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[0-9]/.test(text[i] as string)) i++;
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < n && /[0-9]/.test(text[i] as string)) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && /[-+0-9]/.test(text[i + 1] ?? '')) {
        i += 2;
        while (i < n && /[0-9]/.test(text[i] as string)) i++;
      }
      const raw = text.slice(start, i);
      tokens.push({ kind: 'number', value: raw, raw, offset: start, length: i - start });
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) fail(c === "'" ? 'unterminated string literal' : 'unterminated quoted identifier', start, i - start);
        const d = text[i] as string;
        if (d === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', value, raw: text.slice(start, i), offset: start, length: i - start });
      continue;
    }
    const symbol = symbols.find((s) => text.startsWith(s, i));
    if (!symbol) fail(`unexpected character '${c}'`, i);
    tokens.push({ kind: 'symbol', value: symbol as string, raw: symbol as string, offset: start, length: (symbol as string).length });
    i += (symbol as string).length;
  }
  tokens.push({ kind: 'end', value: '', raw: '', offset: n, length: 0 });
  return tokens;
}

export function tokenSpan(text: string, token: Token): SourceSpan {
  return spanAt(text, token.offset, token.kind === 'end' ? 1 : token.length);
}
