// An error in a query, placed at its source position (SourceSpan, from the contract) so the editor can underline it.
import type { SourceSpan, SqlErrorKind } from '../../shared/contract/analytics';

export type { SourceSpan } from '../../shared/contract/analytics';

export class SqlError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
    /** 'syntax' for text the grammar cannot read; 'unsupported' for valid SQL outside our subset; 'semantic' for names and types. */
    readonly kind: SqlErrorKind,
  ) {
    super(`${message} (line ${span.line}, column ${span.column})`);
    this.name = 'SqlError';
  }
}

export function spanAt(text: string, offset: number, length: number): SourceSpan {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, length: Math.max(1, length), line, column: offset - lineStart + 1 };
}
