// An error in a query, placed at its source position so the editor can underline it.
export interface SourceSpan {
  /** Character offset of the first character (0-based). */
  offset: number;
  /** Length in characters (at least 1, so there is something to underline). */
  length: number;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
}

export class SqlError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
    /** 'syntax' for text the grammar cannot read; 'unsupported' for valid SQL outside our subset; 'semantic' for names and types. */
    readonly kind: 'syntax' | 'unsupported' | 'semantic',
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
