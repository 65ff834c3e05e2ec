// Flink SQL dialect: window table functions TUMBLE/HOP/CUMULATE over TABLE(…) with DESCRIPTOR and INTERVAL,
// GROUP BY window_start, window_end, …; OVER windows; CREATE TABLE (columns, WATERMARK, WITH options) and
// INSERT INTO, so an exported script reads back through the same parser.
import { SqlParserCore } from './sqlParserCore';
import type { DeclaredColumn, Expr, ParsedCreateTable, ParsedQuery, ParsedSelect, WindowTvf } from './queryAst';
import type { Token } from './sqlTokens';
import { TIMESTAMP, VARCHAR, type SqlType } from './sqlTypes';

class FlinkParser extends SqlParserCore {
  parseScript(): ParsedQuery {
    const tables: ParsedCreateTable[] = [];
    let insertInto: ParsedQuery['insertInto'];
    let select: ParsedSelect | undefined;
    while (this.peek().kind !== 'end') {
      if (this.acceptSymbol(';')) continue;
      const t = this.peek();
      if (this.acceptWord('CREATE')) {
        this.acceptWord('TEMPORARY');
        if (!this.isWord('TABLE')) this.unsupported(`CREATE ${this.peek().raw}`);
        this.next();
        tables.push(this.parseCreateTable(t));
        continue;
      }
      if (select) this.unsupported('a second query', t);
      if (this.acceptWord('INSERT')) {
        this.expectWord('INTO', 'after INSERT');
        const target = this.parseName('the sink table');
        if (this.isSymbol('(')) this.unsupported('a column list after INSERT INTO (select the columns in order)');
        insertInto = { stream: target.name, span: this.spanFrom(t) };
      }
      if (this.isWord('SELECT')) {
        select = this.parseSelect();
        continue;
      }
      if (this.isWord('WITH')) this.unsupported('WITH (common table expressions)');
      if (this.isWord('EXECUTE') || this.isWord('BEGIN')) this.unsupported('statement sets');
      this.fail(`expected SELECT, INSERT INTO or CREATE TABLE, found ${this.describe(this.peek())}`);
    }
    if (!select) this.fail('the script has no SELECT');
    return { dialect: 'flink', select, ...(insertInto ? { insertInto } : {}), declaredStreams: [], tables };
  }

  private parseCreateTable(start: Token): ParsedCreateTable {
    if (this.acceptWord('IF')) {
      this.expectWord('NOT');
      this.expectWord('EXISTS');
    }
    const name = this.parseName('a table name').name;
    this.expectSymbol('(', 'to open the column list');
    const columns: DeclaredColumn[] = [];
    let watermark: ParsedCreateTable['watermark'];
    do {
      const c = this.peek();
      if (this.acceptWord('WATERMARK')) {
        this.expectWord('FOR', 'after WATERMARK');
        const col = this.parseName('the watermark column').name;
        this.expectWord('AS', 'in WATERMARK FOR … AS …');
        const e = this.parseExpr();
        watermark = { column: col, delayMs: watermarkDelay(e, col) ?? this.unsupported('a watermark other than <column> or <column> - INTERVAL …', c) };
        continue;
      }
      if (this.isWord('PRIMARY') || this.isWord('CONSTRAINT')) this.unsupported('table constraints', c);
      const col = this.parseName('a column name');
      if (this.acceptWord('AS')) {
        // A processing-time attribute is the one computed column we read (the export uses it for ROWTIME).
        if (!this.acceptWord('PROCTIME')) this.unsupported('computed columns other than … AS PROCTIME()', c);
        this.expectSymbol('(', 'after PROCTIME');
        this.expectSymbol(')', 'to close PROCTIME()');
        columns.push({ name: col.name, type: TIMESTAMP, span: this.spanFrom(c) });
        continue;
      }
      const type = this.parseColumnType();
      if (this.acceptWord('NOT')) this.expectWord('NULL');
      if (this.isWord('METADATA')) this.unsupported('METADATA columns', this.peek());
      columns.push({ name: col.name, type, span: this.spanFrom(c) });
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', 'to close the column list');
    if (this.acceptWord('PARTITIONED')) {
      this.expectWord('BY');
      this.expectSymbol('(');
      do this.parseName('a column name');
      while (this.acceptSymbol(','));
      this.expectSymbol(')');
    }
    const options: Record<string, string> = {};
    this.expectWord('WITH', "to give the connector options: WITH ('connector' = …)");
    this.expectSymbol('(');
    do {
      const k = this.next();
      if (k.kind !== 'string') this.fail(`expected an option name in single quotes, found ${this.describe(k)}`, k);
      this.expectSymbol('=');
      const v = this.next();
      if (v.kind !== 'string') this.fail(`expected an option value in single quotes, found ${this.describe(v)}`, v);
      options[k.value] = v.value;
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', 'to close WITH (…)');
    return { name, columns, ...(watermark ? { watermark } : {}), options, span: this.spanFrom(start) };
  }

  /** A column type, with Flink's ROW<name type, …> for nested JSON objects (kept as one opaque column here). */
  private parseColumnType(): SqlType {
    if (!this.acceptWord('ROW')) return this.parseType();
    this.expectSymbol('<', 'after ROW');
    do {
      this.parseName('a field name');
      this.parseColumnType();
    } while (this.acceptSymbol(','));
    this.expectSymbol('>', 'to close ROW<…>');
    return VARCHAR();
  }

  private parseSelect(): ParsedSelect {
    const start = this.expectWord('SELECT');
    if (this.isWord('STREAM')) this.unsupported('SELECT STREAM in the Flink dialect (it is KDA syntax: switch the dialect)');
    if (this.isWord('DISTINCT')) this.unsupported('SELECT DISTINCT');
    const { items, starSpan } = this.parseSelectList();
    this.expectWord('FROM', 'after the select list');
    const select: ParsedSelect = { items, ...(starSpan ? { starSpan } : {}), from: { stream: '', span: this.span(this.peek()) }, groupBy: [], windows: new Map(), span: this.span(start) };
    if (this.acceptWord('TABLE')) {
      this.expectSymbol('(', 'after TABLE');
      select.tvf = this.parseWindowTvf(select);
      this.expectSymbol(')', 'to close TABLE(…)');
    } else {
      if (this.isSymbol('(')) this.unsupported('a subquery in FROM');
      const stream = this.parseName('the source table');
      select.from = { stream: stream.name, span: this.span(stream.token) };
    }
    if (this.acceptWord('AS')) select.from.alias = this.parseName('an alias').name;
    else if (this.peek().kind === 'quoted' || (this.peek().kind === 'word' && !['WHERE', 'GROUP', 'WINDOW', 'HAVING', 'JOIN', 'LEFT', 'INNER', 'RIGHT', 'FULL', 'CROSS', 'ORDER', 'LIMIT', 'UNION'].includes(this.peek().value))) {
      select.from.alias = this.parseName('an alias').name;
    }
    const join = this.parseJoinIfAny();
    if (join) select.join = join;
    if (this.acceptWord('WHERE')) select.where = this.parseExpr();
    if (this.acceptWord('GROUP')) {
      this.expectWord('BY', 'after GROUP');
      if (this.isWord('ROLLUP') || this.isWord('CUBE') || this.isWord('GROUPING')) this.unsupported(`GROUP BY ${this.peek().value}`);
      select.groupBy = this.parseExprList();
    }
    if (this.acceptWord('HAVING')) select.having = this.parseExpr();
    if (this.acceptWord('WINDOW')) this.parseWindowClause(select.windows);
    this.refuseTrailingClauses();
    select.span = this.spanFrom(start);
    if (!this.isSymbol(';') && this.peek().kind !== 'end') this.fail(`unexpected ${this.describe(this.peek())} in the query`);
    return select;
  }

  /** TUMBLE(TABLE t, DESCRIPTOR(c), size) | HOP(…, slide, size) | CUMULATE(…, step, maxSize); named arguments too. */
  private parseWindowTvf(select: ParsedSelect): WindowTvf {
    const fn = this.peek();
    if (fn.kind !== 'word' || !['TUMBLE', 'HOP', 'CUMULATE'].includes(fn.value)) {
      if (fn.kind === 'word' && fn.value === 'SESSION') this.unsupported('the SESSION window function', fn);
      this.unsupported(`table function ${fn.raw}`, fn);
    }
    this.next();
    const kind = fn.value as WindowTvf['kind'];
    this.expectSymbol('(', `after ${kind}`);
    const named: Record<string, 'table' | 'descriptor' | number> = {};
    const positional: ('table' | 'descriptor' | number)[] = [];
    let timeColumn: Extract<Expr, { kind: 'column' }> | undefined;
    do {
      let argName: string | undefined;
      if (this.peek().kind === 'word' && this.isSymbol('=>', 1)) {
        argName = this.next().value;
        this.next();
      }
      let value: 'table' | 'descriptor' | number;
      if (this.acceptWord('TABLE')) {
        const t = this.peek();
        const stream = this.parseName('the source table');
        select.from = { stream: stream.name, span: this.span(t) };
        value = 'table';
      } else if (this.acceptWord('DESCRIPTOR')) {
        this.expectSymbol('(');
        const t = this.peek();
        const col = this.parseName('the time column');
        timeColumn = { kind: 'column', name: col.name, quoted: col.quoted, span: this.span(t) };
        if (this.isSymbol(',')) this.unsupported('more than one DESCRIPTOR column');
        this.expectSymbol(')');
        value = 'descriptor';
      } else if (this.isWord('INTERVAL')) {
        value = this.parseInterval().ms;
      } else {
        this.fail(`expected TABLE …, DESCRIPTOR(…) or INTERVAL …, found ${this.describe(this.peek())}`);
      }
      if (argName) named[argName] = value;
      else positional.push(value);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')', `to close ${kind}(…)`);
    if ('OFFSET' in named) this.unsupported('the OFFSET argument of a window function', fn);
    const intervals = positional.filter((v): v is number => typeof v === 'number');
    const first = named.SIZE ?? named.SLIDE ?? named.STEP;
    if (!timeColumn) this.fail(`${kind} needs DESCRIPTOR(time column)`, fn);
    if (!select.from.stream) this.fail(`${kind} needs TABLE <source>`, fn);
    const span = this.spanFrom(fn);
    if (kind === 'TUMBLE') {
      const size = (named.SIZE as number | undefined) ?? intervals[0];
      if (size === undefined || intervals.length > 1) this.fail('TUMBLE takes TABLE, DESCRIPTOR and one INTERVAL (the size)', fn);
      return { kind, timeColumn, sizeMs: size, span };
    }
    const slide = (kind === 'HOP' ? named.SLIDE : named.STEP) ?? intervals[0];
    const size = (kind === 'HOP' ? named.SIZE : named.SIZE) ?? intervals[1];
    if (typeof slide !== 'number' || typeof size !== 'number' || first === 'table') {
      this.fail(kind === 'HOP' ? 'HOP takes TABLE, DESCRIPTOR, the slide and the size' : 'CUMULATE takes TABLE, DESCRIPTOR, the step and the maximum size', fn);
    }
    return { kind, timeColumn, sizeMs: size, slideMs: slide, span };
  }
}

/** `ts - INTERVAL '5' SECOND` → 5000; `ts` → 0; anything else → undefined. */
function watermarkDelay(e: Expr, column: string): number | undefined {
  if (e.kind === 'column' && e.name === column) return 0;
  if (e.kind === 'binary' && e.op === '-' && e.left.kind === 'column' && e.left.name === column && e.right.kind === 'interval') return e.right.ms;
  return undefined;
}

/** Parses a Flink SQL script (CREATE TABLE statements, then one SELECT or INSERT INTO … SELECT). Throws SqlError. */
export function parseFlinkSql(text: string): ParsedQuery {
  return new FlinkParser(text).parseScript();
}
