// Kinesis Data Analytics (SQL) dialect: CREATE OR REPLACE STREAM, one CREATE OR REPLACE PUMP … AS INSERT INTO …
// SELECT STREAM …, or a bare SELECT STREAM. GROUP BY with STEP/FLOOR of ROWTIME, WINDOWED BY STAGGER, sliding
// WINDOW … RANGE/ROWS … PRECEDING, and TOP_K_ITEMS_TUMBLING.
import { SqlParserCore } from './sqlParserCore';
import type { DeclaredColumn, Expr, ParsedQuery, ParsedSelect, WindowDefinition } from './queryAst';
import type { Token } from './sqlTokens';

class KdaParser extends SqlParserCore {
  parseScript(): ParsedQuery {
    const declaredStreams: ParsedQuery['declaredStreams'] = [];
    let insertInto: ParsedQuery['insertInto'];
    let pumpName: string | undefined;
    let select: ParsedSelect | undefined;
    while (this.peek().kind !== 'end') {
      if (this.acceptSymbol(';')) continue;
      const t = this.peek();
      if (this.isWord('CREATE')) {
        this.next();
        if (this.acceptWord('OR')) this.expectWord('REPLACE', 'in CREATE OR REPLACE');
        if (this.acceptWord('STREAM')) {
          declaredStreams.push(this.parseCreateStream(t));
          continue;
        }
        if (this.acceptWord('PUMP')) {
          if (select) this.unsupported('a second pump (chained in-application streams)', t);
          pumpName = this.parseName('a pump name').name;
          this.acceptWord('STARTED');
          this.expectWord('AS', 'after the pump name');
          const ins = this.expectWord('INSERT', 'in CREATE PUMP … AS INSERT INTO');
          this.expectWord('INTO');
          const target = this.parseName('the destination stream');
          let columns: string[] | undefined;
          if (this.acceptSymbol('(')) {
            columns = [this.parseName('a column name').name];
            while (this.acceptSymbol(',')) columns.push(this.parseName('a column name').name);
            this.expectSymbol(')', 'to close the column list');
          }
          insertInto = { stream: target.name, ...(columns ? { columns } : {}), span: this.spanFrom(ins) };
          select = this.parseSelectStream();
          continue;
        }
        if (this.isWord('TABLE') || this.isWord('VIEW') || this.isWord('FUNCTION')) this.unsupported(`CREATE ${this.peek().value}`);
        this.fail(`expected STREAM or PUMP after CREATE OR REPLACE, found ${this.describe(this.peek())}`);
      }
      if (this.isWord('SELECT')) {
        if (select) this.unsupported('a second query', t);
        select = this.parseSelectStream();
        continue;
      }
      if (this.isWord('INSERT')) this.unsupported('INSERT outside a pump (write CREATE OR REPLACE PUMP … AS INSERT INTO …)');
      this.fail(`expected CREATE OR REPLACE STREAM, CREATE OR REPLACE PUMP or SELECT STREAM, found ${this.describe(t)}`);
    }
    if (!select) this.fail('the script has no query: add a pump (CREATE OR REPLACE PUMP … AS INSERT INTO … SELECT STREAM …) or a SELECT STREAM');
    return { dialect: 'kda', select, ...(insertInto ? { insertInto } : {}), declaredStreams, tables: [], ...(pumpName ? { pumpName } : {}) };
  }

  private parseCreateStream(start: Token): ParsedQuery['declaredStreams'][number] {
    const name = this.parseName('a stream name').name;
    this.expectSymbol('(', 'to open the column list');
    const columns: DeclaredColumn[] = [];
    do {
      const c = this.peek();
      const col = this.parseName('a column name');
      const type = this.parseType();
      if (this.acceptWord('NOT')) this.expectWord('NULL');
      columns.push({ name: col.name, type, span: this.spanFrom(c) });
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', 'to close the column list');
    if (this.acceptWord('DESCRIPTION')) this.next();
    return { name, columns, span: this.spanFrom(start) };
  }

  private parseSelectStream(): ParsedSelect {
    const start = this.expectWord('SELECT');
    if (!this.acceptWord('STREAM')) this.fail('a KDA query reads a stream: write SELECT STREAM');
    if (this.isWord('DISTINCT')) this.unsupported('SELECT STREAM DISTINCT');
    const { items, starSpan } = this.parseSelectList();
    this.expectWord('FROM', 'after the select list');
    const select: ParsedSelect = { items, ...(starSpan ? { starSpan } : {}), from: { stream: '', span: this.span(this.peek()) }, groupBy: [], windows: new Map(), span: this.span(start) };
    this.parseFrom(select);
    const join = this.parseJoinIfAny();
    if (join) select.join = join;
    if (this.acceptWord('WHERE')) select.where = this.parseExpr();
    if (this.isWord('WINDOW')) this.parseWindow(select.windows);
    if (this.acceptWord('GROUP')) {
      this.expectWord('BY', 'after GROUP');
      if (this.isWord('ROLLUP') || this.isWord('CUBE') || this.isWord('GROUPING')) this.unsupported(`GROUP BY ${this.peek().value}`);
      select.groupBy = this.parseExprList();
    } else if (this.acceptWord('WINDOWED')) {
      const by = this.expectWord('BY', 'after WINDOWED');
      this.expectWord('STAGGER', 'in WINDOWED BY STAGGER');
      this.expectSymbol('(');
      this.expectWord('PARTITION', 'in STAGGER (PARTITION BY … RANGE INTERVAL …)');
      this.expectWord('BY');
      const partitionBy = this.parseExprList();
      this.expectWord('RANGE', 'in STAGGER (PARTITION BY … RANGE INTERVAL …)');
      const { ms } = this.parseInterval();
      this.expectSymbol(')', 'to close STAGGER');
      select.stagger = { partitionBy, rangeMs: ms, span: this.spanFrom(by) };
    }
    if (this.acceptWord('HAVING')) select.having = this.parseExpr();
    if (this.isWord('WINDOW')) this.parseWindow(select.windows);
    this.refuseTrailingClauses();
    select.span = this.spanFrom(start);
    if (!this.isSymbol(';') && this.peek().kind !== 'end') this.fail(`unexpected ${this.describe(this.peek())} in the query`);
    return select;
  }

  private parseWindow(into: Map<string, WindowDefinition>): void {
    this.expectWord('WINDOW');
    this.parseWindowClause(into);
  }

  private parseFrom(select: ParsedSelect): void {
    const t = this.peek();
    if (this.isSymbol('(')) this.unsupported('a subquery in FROM');
    if (this.acceptWord('TABLE')) {
      this.expectSymbol('(', 'after TABLE');
      const fn = this.peek();
      if (!this.isWord('TOP_K_ITEMS_TUMBLING')) this.unsupported(`table function ${fn.raw}`, fn);
      this.next();
      this.expectSymbol('(');
      this.expectWord('CURSOR', 'as the first argument of TOP_K_ITEMS_TUMBLING');
      this.expectSymbol('(');
      this.expectWord('SELECT');
      this.expectWord('STREAM', 'in CURSOR(SELECT STREAM * FROM …)');
      if (!this.acceptSymbol('*')) this.unsupported('a CURSOR query other than SELECT STREAM * FROM <stream>');
      this.expectWord('FROM');
      const from = this.parseName('the source stream');
      if (!this.isSymbol(')')) this.unsupported('a CURSOR query other than SELECT STREAM * FROM <stream>');
      this.expectSymbol(')');
      this.expectSymbol(',');
      const column = this.next();
      if (column.kind !== 'string') this.fail(`expected the column name in single quotes, found ${this.describe(column)}`, column);
      this.expectSymbol(',');
      const k = this.positiveInteger('K');
      this.expectSymbol(',');
      const seconds = this.positiveInteger('the window size in seconds');
      this.acceptSymbol(',');
      this.expectSymbol(')', 'to close TOP_K_ITEMS_TUMBLING');
      this.expectSymbol(')', 'to close TABLE(…)');
      select.from = { stream: from.name, span: this.span(from.token) };
      select.topK = { column: column.value, k, windowMs: seconds * 1000, span: this.spanFrom(fn) };
      this.parseAlias(select);
      return;
    }
    const stream = this.parseName('the source stream');
    select.from = { stream: stream.name, span: this.span(t) };
    this.parseAlias(select);
  }

  private parseAlias(select: ParsedSelect): void {
    if (this.acceptWord('AS')) select.from.alias = this.parseName('an alias').name;
    else if (this.peek().kind === 'quoted' || (this.peek().kind === 'word' && !['WHERE', 'GROUP', 'WINDOWED', 'WINDOW', 'HAVING', 'JOIN', 'LEFT', 'INNER', 'RIGHT', 'FULL', 'CROSS', 'ORDER', 'LIMIT', 'UNION'].includes(this.peek().value))) {
      select.from.alias = this.parseName('an alias').name;
    }
  }

  private positiveInteger(what: string): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value) || Number(t.value) < 1) this.fail(`expected ${what} as a positive whole number, found ${this.describe(t)}`, t);
    return Number(t.value);
  }
}

/** Parses a KDA SQL script (one pump, or a bare SELECT STREAM). Throws SqlError with the position of the problem. */
export function parseKdaSql(text: string): ParsedQuery {
  return new KdaParser(text).parseScript();
}

export type { Expr };
