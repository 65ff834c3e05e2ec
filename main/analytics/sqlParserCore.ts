// The recursive-descent core both dialects share: the token cursor, expressions, the select list, WHERE, GROUP BY,
// HAVING and window definitions. The dialect parsers (flinkParser.ts, kdaParser.ts) drive the statement level and
// the FROM clause, where the two dialects differ.
import { SqlError, spanAt, type SourceSpan } from './sqlError';
import { tokenize, tokenSpan, type Token } from './sqlTokens';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, TIMESTAMP, VARCHAR, parseTimestamp, sqlBaseTypeNamed, type SqlType } from './sqlTypes';
import { aggregateFunctions, refusedFunctions, scalarFunctions } from './sqlFunctions';
import { timeUnitMs, type BinaryOp, type Expr, type OverRef, type SelectItem, type TimeUnit, type WindowDefinition } from './queryAst';

const unitNames: Record<string, TimeUnit> = {
  MILLISECOND: 'MILLISECOND', MILLISECONDS: 'MILLISECOND', SECOND: 'SECOND', SECONDS: 'SECOND', MINUTE: 'MINUTE',
  MINUTES: 'MINUTE', HOUR: 'HOUR', HOURS: 'HOUR', DAY: 'DAY', DAYS: 'DAY',
};

/** Words that end an expression or a select item, so an implicit alias cannot swallow them. */
const clauseWords = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'WINDOWED', 'ORDER', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT', 'JOIN',
  'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'ON', 'AS', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'END', 'BY',
  'PARTITION', 'RANGE', 'ROWS', 'PRECEDING', 'OVER', 'IS', 'IN', 'LIKE', 'BETWEEN', 'FOR', 'TO', 'SELECT', 'FETCH',
]);

export class SqlParserCore {
  protected readonly tokens: Token[];
  protected pos = 0;

  constructor(protected readonly text: string) {
    this.tokens = tokenize(text);
  }

  // ---- cursor ----
  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }
  protected next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }
  protected isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.value === word;
  }
  protected isSymbol(symbol: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'symbol' && t.value === symbol;
  }
  protected acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.pos++;
    return true;
  }
  protected acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.pos++;
    return true;
  }
  protected expectWord(word: string, context?: string): Token {
    if (!this.isWord(word)) this.fail(`expected ${word}${context ? ` ${context}` : ''}, found ${this.describe(this.peek())}`);
    return this.next();
  }
  protected expectSymbol(symbol: string, context?: string): Token {
    if (!this.isSymbol(symbol)) this.fail(`expected '${symbol}'${context ? ` ${context}` : ''}, found ${this.describe(this.peek())}`);
    return this.next();
  }
  protected describe(t: Token): string {
    if (t.kind === 'end') return 'the end of the query';
    if (t.kind === 'string') return `'${t.value}'`;
    return t.kind === 'quoted' ? t.raw : `'${t.raw}'`;
  }
  protected span(t: Token): SourceSpan {
    return tokenSpan(this.text, t);
  }
  /** The span from token `from` to the last token consumed. */
  protected spanFrom(from: Token): SourceSpan {
    const last = this.tokens[Math.max(0, this.pos - 1)] as Token;
    return spanAt(this.text, from.offset, last.offset + last.length - from.offset);
  }
  protected fail(message: string, token: Token = this.peek(), kind: 'syntax' | 'unsupported' = 'syntax'): never {
    throw new SqlError(message, this.span(token), kind);
  }
  protected unsupported(construct: string, token: Token = this.peek()): never {
    throw new SqlError(`${construct} is not supported`, this.span(token), 'unsupported');
  }

  /** A name: a word or a quoted identifier. */
  protected parseName(what: string): { name: string; quoted: boolean; token: Token } {
    const t = this.peek();
    if (t.kind === 'quoted') return { name: this.next().value, quoted: true, token: t };
    if (t.kind === 'word' && !clauseWords.has(t.value)) return { name: this.next().raw, quoted: false, token: t };
    return this.fail(`expected ${what}, found ${this.describe(t)}`);
  }

  // ---- types and intervals ----
  protected parseType(): SqlType {
    const t = this.peek();
    if (t.kind !== 'word') this.fail(`expected a type name, found ${this.describe(t)}`);
    const base = sqlBaseTypeNamed(t.value);
    if (!base) this.unsupported(`type ${t.raw}`, t);
    this.next();
    if (t.value === 'DOUBLE') this.acceptWord('PRECISION');
    let length: number | undefined;
    if (this.acceptSymbol('(')) {
      const n = this.next();
      if (n.kind !== 'number') this.fail(`expected a length, found ${this.describe(n)}`, n);
      length = Number(n.value);
      if (this.acceptSymbol(',')) this.next();
      this.expectSymbol(')');
    }
    if (base === 'TIMESTAMP' && this.isWord('WITH')) this.unsupported('TIMESTAMP WITH TIME ZONE');
    if (base === 'TIMESTAMP' && this.isWord('WITHOUT')) {
      this.next();
      this.expectWord('TIME');
      this.expectWord('ZONE');
    }
    if (base === 'VARCHAR') return VARCHAR(t.value === 'STRING' ? undefined : length);
    return { base };
  }

  /** INTERVAL '10' SECOND — the INTERVAL word already consumed or not. */
  protected parseInterval(): { ms: number; span: SourceSpan } {
    const start = this.peek();
    this.expectWord('INTERVAL');
    const value = this.next();
    if (value.kind !== 'string' && value.kind !== 'number') this.fail(`expected a quoted interval length such as '10', found ${this.describe(value)}`, value);
    const amount = Number(value.value.trim());
    if (!Number.isFinite(amount) || amount < 0) this.unsupported(`interval literal '${value.value}' (only a whole number of one unit is)`, value);
    const unitToken = this.peek();
    const unit = unitToken.kind === 'word' ? unitNames[unitToken.value] : undefined;
    if (!unit) {
      if (unitToken.kind === 'word' && /^(YEAR|MONTH|WEEK|QUARTER)S?$/.test(unitToken.value)) this.unsupported(`INTERVAL … ${unitToken.value} (a unit of variable length)`, unitToken);
      this.fail(`expected an interval unit (SECOND, MINUTE, HOUR, DAY), found ${this.describe(unitToken)}`, unitToken);
    }
    this.next();
    if (this.isWord('TO')) this.unsupported('a compound interval (… TO …)');
    return { ms: amount * timeUnitMs[unit], span: this.spanFrom(start) };
  }

  // ---- expressions ----
  parseExpr(): Expr {
    return this.parseOr();
  }
  private binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    const span = spanAt(this.text, left.span.offset, right.span.offset + right.span.length - left.span.offset);
    return { kind: 'binary', op, left, right, span };
  }
  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.acceptWord('OR')) left = this.binary('OR', left, this.parseAnd());
    return left;
  }
  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.acceptWord('AND')) left = this.binary('AND', left, this.parseNot());
    return left;
  }
  private parseNot(): Expr {
    const t = this.peek();
    if (this.acceptWord('NOT')) {
      const operand = this.parseNot();
      return { kind: 'unary', op: 'NOT', operand, span: this.spanFrom(t) };
    }
    return this.parseComparison();
  }
  private parseComparison(): Expr {
    const left = this.parseConcat();
    const t = this.peek();
    if (t.kind === 'symbol' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(t.value)) {
      this.next();
      const op = (t.value === '!=' ? '<>' : t.value) as BinaryOp;
      return this.binary(op, left, this.parseConcat());
    }
    if (this.isWord('IS')) {
      this.next();
      const negated = this.acceptWord('NOT');
      if (this.isWord('TRUE') || this.isWord('FALSE')) this.unsupported('IS TRUE / IS FALSE (write = TRUE)');
      this.expectWord('NULL', 'after IS');
      return { kind: 'isNull', operand: left, negated, span: this.spanFrom(t) };
    }
    const negated = this.isWord('NOT') && (this.isWord('LIKE', 1) || this.isWord('IN', 1) || this.isWord('BETWEEN', 1));
    if (negated) this.next();
    if (this.acceptWord('LIKE')) {
      const pattern = this.parseConcat();
      if (this.isWord('ESCAPE')) this.unsupported('LIKE … ESCAPE');
      return { kind: 'like', operand: left, pattern, negated, span: spanAt(this.text, left.span.offset, pattern.span.offset + pattern.span.length - left.span.offset) };
    }
    if (this.acceptWord('IN')) {
      this.expectSymbol('(', 'after IN');
      if (this.isWord('SELECT')) this.unsupported('a subquery in IN (…)');
      const list = [this.parseExpr()];
      while (this.acceptSymbol(',')) list.push(this.parseExpr());
      this.expectSymbol(')', 'to close IN (…)');
      return { kind: 'in', operand: left, list, negated, span: this.spanFrom(t) };
    }
    if (this.acceptWord('BETWEEN')) {
      const low = this.parseConcat();
      this.expectWord('AND', 'in BETWEEN … AND …');
      const high = this.parseConcat();
      return { kind: 'between', operand: left, low, high, negated, span: this.spanFrom(t) };
    }
    return left;
  }
  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.acceptSymbol('||')) left = this.binary('||', left, this.parseAdditive());
    return left;
  }
  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      if (this.acceptSymbol('+')) left = this.binary('+', left, this.parseMultiplicative());
      else if (this.acceptSymbol('-')) left = this.binary('-', left, this.parseMultiplicative());
      else return left;
    }
  }
  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      if (this.acceptSymbol('*')) left = this.binary('*', left, this.parseUnary());
      else if (this.acceptSymbol('/')) left = this.binary('/', left, this.parseUnary());
      else if (this.acceptSymbol('%')) left = this.binary('%', left, this.parseUnary());
      else return left;
    }
  }
  private parseUnary(): Expr {
    const t = this.peek();
    if (this.acceptSymbol('-')) {
      const operand = this.parseUnary();
      if (operand.kind === 'literal' && typeof operand.value === 'number') return { ...operand, value: -operand.value, span: this.spanFrom(t) };
      return { kind: 'unary', op: '-', operand, span: this.spanFrom(t) };
    }
    if (this.acceptSymbol('+')) return this.parseUnary();
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      const isInt = /^\d+$/.test(t.value);
      const value = Number(t.value);
      return { kind: 'literal', value, type: isInt ? (Math.abs(value) > 2_147_483_647 ? BIGINT : INTEGER) : DOUBLE, span: this.span(t) };
    }
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.value, type: VARCHAR(t.value.length), span: this.span(t) };
    }
    if (t.kind === 'symbol' && t.value === '(') {
      this.next();
      if (this.isWord('SELECT')) this.unsupported('a subquery');
      const inner = this.parseExpr();
      this.expectSymbol(')', 'to close the parenthesis');
      return { ...inner, span: this.spanFrom(t) } as Expr;
    }
    if (t.kind === 'symbol' && t.value === '*') {
      this.next();
      return { kind: 'star', span: this.span(t) };
    }
    if (t.kind === 'quoted') return this.parseColumnOrCall();
    if (t.kind !== 'word') this.fail(`expected an expression, found ${this.describe(t)}`);
    switch (t.value) {
      case 'NULL':
        this.next();
        return { kind: 'literal', value: null, type: VARCHAR(), span: this.span(t) };
      case 'TRUE':
      case 'FALSE':
        this.next();
        return { kind: 'literal', value: t.value === 'TRUE', type: BOOLEAN, span: this.span(t) };
      case 'TIMESTAMP': {
        if (this.peek(1).kind !== 'string') break;
        this.next();
        const s = this.next();
        const ms = parseTimestamp(s.value);
        if (ms === null) this.fail(`'${s.value}' is not a timestamp (use 'YYYY-MM-DD HH:MM:SS')`, s);
        return { kind: 'literal', value: ms, type: TIMESTAMP, span: this.spanFrom(t) };
      }
      case 'INTERVAL': {
        const { ms, span } = this.parseInterval();
        return { kind: 'interval', ms, span };
      }
      case 'CASE':
        return this.parseCase();
      case 'CAST': {
        this.next();
        this.expectSymbol('(', 'after CAST');
        const operand = this.parseExpr();
        this.expectWord('AS', 'in CAST(… AS type)');
        const type = this.parseType();
        this.expectSymbol(')', 'to close CAST');
        return { kind: 'cast', operand, type, span: this.spanFrom(t) };
      }
      case 'CURRENT_TIMESTAMP':
      case 'LOCALTIMESTAMP':
        this.next();
        if (this.acceptSymbol('(')) this.expectSymbol(')');
        return { kind: 'call', name: 'CURRENT_TIMESTAMP', args: [], distinct: false, span: this.span(t) };
      case 'EXISTS':
        this.unsupported('EXISTS');
        break;
      case 'SELECT':
        this.unsupported('a subquery');
        break;
    }
    return this.parseColumnOrCall();
  }

  private parseCase(): Expr {
    const t = this.expectWord('CASE');
    const operand = this.isWord('WHEN') ? undefined : this.parseExpr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.acceptWord('WHEN')) {
      const when = this.parseExpr();
      this.expectWord('THEN', 'in CASE … WHEN … THEN');
      whens.push({ when, then: this.parseExpr() });
    }
    if (whens.length === 0) this.fail('expected WHEN in CASE');
    const otherwise = this.acceptWord('ELSE') ? this.parseExpr() : undefined;
    this.expectWord('END', 'to close CASE');
    return { kind: 'case', ...(operand ? { operand } : {}), whens, ...(otherwise ? { otherwise } : {}), span: this.spanFrom(t) };
  }

  /** A column (`x`, `"x"`, `s.x`, `"S".ROWTIME`) or a function call. */
  private parseColumnOrCall(): Expr {
    const first = this.peek();
    const head = this.parseName('a column or function name');
    if (this.isSymbol('(') && !head.quoted) return this.parseCall(first, head.name.toUpperCase());
    if (this.acceptSymbol('.')) {
      const t = this.peek();
      if (t.kind === 'symbol' && t.value === '*') this.unsupported('qualified * (write the columns)');
      const column = this.parseName('a column name after the dot');
      return { kind: 'column', name: column.name, quoted: column.quoted, qualifier: head.name, span: this.spanFrom(first) };
    }
    return { kind: 'column', name: head.name, quoted: head.quoted, span: this.span(first) };
  }

  private parseCall(first: Token, name: string): Expr {
    if (refusedFunctions.has(name)) this.unsupported(`function ${name}`, first);
    this.expectSymbol('(');
    if (name === 'STEP') {
      const operand = this.parseExpr();
      this.expectWord('BY', 'in STEP(… BY …)');
      const by = this.parseExpr();
      this.expectSymbol(')', 'to close STEP');
      return { kind: 'step', operand, by, span: this.spanFrom(first) };
    }
    if ((name === 'FLOOR' || name === 'CEIL' || name === 'CEILING')) {
      const operand = this.parseExpr();
      if (this.acceptWord('TO')) {
        const u = this.next();
        const unit = u.kind === 'word' ? unitNames[u.value] : undefined;
        if (!unit) {
          if (u.kind === 'word' && /^(YEAR|MONTH|WEEK|QUARTER)$/.test(u.value)) this.unsupported(`FLOOR(… TO ${u.value})`, u);
          this.fail(`expected a time unit after TO, found ${this.describe(u)}`, u);
        }
        this.expectSymbol(')');
        return { kind: 'floorTo', fn: name === 'FLOOR' ? 'FLOOR' : 'CEIL', operand, unit, span: this.spanFrom(first) };
      }
      this.expectSymbol(')');
      return { kind: 'call', name: name === 'CEILING' ? 'CEIL' : name, args: [operand], distinct: false, span: this.spanFrom(first) };
    }
    if (name === 'SUBSTRING') {
      const args = [this.parseExpr()];
      if (this.acceptWord('FROM')) {
        args.push(this.parseExpr());
        if (this.acceptWord('FOR')) args.push(this.parseExpr());
      } else {
        while (this.acceptSymbol(',')) args.push(this.parseExpr());
      }
      this.expectSymbol(')', 'to close SUBSTRING');
      return { kind: 'call', name, args, distinct: false, span: this.spanFrom(first) };
    }
    if (name === 'TRIM') return this.parseTrim(first);
    const isAggregate = aggregateFunctions.has(name);
    if (!isAggregate && !scalarFunctions.has(name)) this.unsupported(`function ${name}`, first);
    let distinct = false;
    if (this.isWord('DISTINCT')) {
      if (name !== 'COUNT') this.unsupported(`${name}(DISTINCT …) (only COUNT(DISTINCT …) is)`);
      this.next();
      distinct = true;
    }
    if (this.isWord('ALL')) this.next();
    const args: Expr[] = [];
    if (!this.isSymbol(')')) {
      args.push(this.parseExpr());
      while (this.acceptSymbol(',')) args.push(this.parseExpr());
    }
    this.expectSymbol(')', `to close ${name}(…)`);
    let over: OverRef | undefined;
    if (this.isWord('FILTER')) this.unsupported('aggregate FILTER (WHERE …)');
    if (this.isWord('OVER')) {
      if (!isAggregate) this.unsupported(`OVER on ${name} (only aggregates take OVER)`);
      this.next();
      if (this.isSymbol('(')) {
        over = { spec: this.parseWindowDefinition() };
      } else {
        const w = this.parseName('a window name after OVER');
        over = { name: w.name, span: this.span(w.token) };
      }
    }
    return { kind: 'call', name, args, distinct, ...(over ? { over } : {}), span: this.spanFrom(first) };
  }

  private parseTrim(first: Token): Expr {
    let mode = 'BOTH';
    if (this.isWord('BOTH') || this.isWord('LEADING') || this.isWord('TRAILING')) mode = this.next().value;
    let chars: Expr | undefined;
    let operand: Expr;
    if (this.acceptWord('FROM')) {
      operand = this.parseExpr();
    } else {
      const e = this.parseExpr();
      if (this.acceptWord('FROM')) {
        chars = e;
        operand = this.parseExpr();
      } else operand = e;
    }
    this.expectSymbol(')', 'to close TRIM');
    const modeLiteral: Expr = { kind: 'literal', value: mode, type: VARCHAR(), span: this.span(first) };
    const charsLiteral: Expr = chars ?? { kind: 'literal', value: ' ', type: VARCHAR(1), span: this.span(first) };
    return { kind: 'call', name: 'TRIM', args: [operand, modeLiteral, charsLiteral], distinct: false, span: this.spanFrom(first) };
  }

  /** `( [PARTITION BY …] [ORDER BY …] [RANGE … | ROWS …] )`, both dialects' forms. */
  protected parseWindowDefinition(): WindowDefinition {
    const open = this.expectSymbol('(');
    const partitionBy: Expr[] = [];
    let orderBy: Expr | undefined;
    let rangeMs: number | undefined;
    let rows: number | undefined;
    if (this.acceptWord('PARTITION')) {
      this.expectWord('BY', 'after PARTITION');
      partitionBy.push(this.parseExpr());
      while (this.acceptSymbol(',')) partitionBy.push(this.parseExpr());
    }
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY', 'after ORDER');
      orderBy = this.parseExpr();
      if (this.isWord('DESC')) this.unsupported('ORDER BY … DESC in a window');
      this.acceptWord('ASC');
      if (this.isSymbol(',')) this.unsupported('more than one ORDER BY column in a window');
    }
    if (this.acceptWord('RANGE')) {
      const between = this.acceptWord('BETWEEN');
      if (this.isWord('UNBOUNDED')) this.unsupported('RANGE UNBOUNDED PRECEDING');
      rangeMs = this.parseInterval().ms;
      this.expectWord('PRECEDING', 'after the RANGE interval');
      if (between) this.parseCurrentRowEnd();
    } else if (this.acceptWord('ROWS')) {
      const between = this.acceptWord('BETWEEN');
      if (this.isWord('UNBOUNDED')) this.unsupported('ROWS UNBOUNDED PRECEDING');
      const n = this.next();
      if (n.kind !== 'number' || !/^\d+$/.test(n.value)) this.fail(`expected a row count, found ${this.describe(n)}`, n);
      rows = Number(n.value);
      this.expectWord('PRECEDING', 'after the ROWS count');
      if (between) this.parseCurrentRowEnd();
    }
    this.expectSymbol(')', 'to close the window definition');
    if (rangeMs === undefined && rows === undefined) this.fail('a window needs RANGE INTERVAL … PRECEDING or ROWS n PRECEDING', open);
    return { partitionBy, ...(orderBy ? { orderBy } : {}), ...(rangeMs !== undefined ? { rangeMs } : {}), ...(rows !== undefined ? { rows } : {}), span: this.spanFrom(open) };
  }

  private parseCurrentRowEnd(): void {
    this.expectWord('AND', 'in BETWEEN … AND CURRENT ROW');
    if (!this.isWord('CURRENT')) this.unsupported('a window frame that does not end at CURRENT ROW');
    this.next();
    this.expectWord('ROW');
  }

  // ---- select pieces ----
  protected parseSelectList(): { items: SelectItem[] | 'star'; starSpan?: SourceSpan } {
    if (this.isSymbol('*')) {
      const t = this.next();
      if (this.isSymbol(',')) this.unsupported('* together with other select items');
      return { items: 'star', starSpan: this.span(t) };
    }
    const items: SelectItem[] = [this.parseSelectItem()];
    while (this.acceptSymbol(',')) items.push(this.parseSelectItem());
    return { items };
  }

  private parseSelectItem(): SelectItem {
    const first = this.peek();
    const expr = this.parseExpr();
    let alias: string | undefined;
    if (this.acceptWord('AS')) alias = this.parseName('an alias after AS').name;
    else if (this.peek().kind === 'quoted' || (this.peek().kind === 'word' && !clauseWords.has(this.peek().value))) alias = this.parseName('an alias').name;
    return { expr, ...(alias !== undefined ? { alias } : {}), span: this.spanFrom(first) };
  }

  protected parseExprList(): Expr[] {
    const list = [this.parseExpr()];
    while (this.acceptSymbol(',')) list.push(this.parseExpr());
    return list;
  }

  /** `WINDOW w AS (…) [, w2 AS (…)]`. */
  protected parseWindowClause(into: Map<string, WindowDefinition>): void {
    do {
      const name = this.parseName('a window name');
      this.expectWord('AS', 'after the window name');
      into.set(name.name.toUpperCase(), this.parseWindowDefinition());
    } while (this.acceptSymbol(','));
  }

  /** The clauses a SELECT may not have in our subset, refused by name where they start. */
  protected refuseTrailingClauses(): void {
    const t = this.peek();
    if (t.kind !== 'word') return;
    const refused: Record<string, string> = {
      ORDER: 'ORDER BY on a stream', LIMIT: 'LIMIT', UNION: 'UNION', INTERSECT: 'INTERSECT', EXCEPT: 'EXCEPT',
      FETCH: 'FETCH', OFFSET: 'OFFSET', MATCH_RECOGNIZE: 'MATCH_RECOGNIZE', EMIT: 'EMIT',
    };
    const construct = refused[t.value];
    if (construct) this.unsupported(construct, t);
  }

  protected parseJoinIfAny(): { table: string; alias?: string; on: Expr; kind: 'INNER' | 'LEFT'; span: SourceSpan } | undefined {
    const t = this.peek();
    if (this.isSymbol(',')) this.unsupported('a second FROM source (comma join)');
    if (this.isWord('RIGHT') || this.isWord('FULL') || this.isWord('CROSS')) this.unsupported(`${t.value} JOIN`);
    let kind: 'INNER' | 'LEFT' = 'INNER';
    if (this.acceptWord('LEFT')) {
      kind = 'LEFT';
      this.acceptWord('OUTER');
      this.expectWord('JOIN', 'after LEFT');
    } else if (this.acceptWord('INNER')) this.expectWord('JOIN', 'after INNER');
    else if (!this.acceptWord('JOIN')) return undefined;
    if (this.isSymbol('(') || this.isWord('TABLE') || this.isWord('LATERAL') || this.isWord('UNNEST')) this.unsupported('a join against anything but a reference table name');
    const table = this.parseName('a reference table name');
    if (this.acceptWord('FOR')) {
      // Flink's lookup-join form: FOR SYSTEM_TIME AS OF s.proc_time. A reference table is static here, so it is read and ignored.
      this.expectWord('SYSTEM_TIME');
      this.expectWord('AS');
      this.expectWord('OF');
      this.parseExpr();
    }
    let alias: string | undefined;
    if (this.acceptWord('AS')) alias = this.parseName('an alias').name;
    else if (this.peek().kind === 'quoted' || (this.peek().kind === 'word' && !clauseWords.has(this.peek().value))) alias = this.parseName('an alias').name;
    if (this.isWord('USING')) this.unsupported('JOIN … USING (write ON)');
    this.expectWord('ON', 'after the joined table');
    const on = this.parseExpr();
    if (this.isWord('JOIN') || this.isWord('LEFT') || this.isWord('INNER')) this.unsupported('more than one JOIN');
    return { table: table.name, ...(alias !== undefined ? { alias } : {}), on, kind, span: this.spanFrom(t) };
  }

  protected expectEnd(): void {
    while (this.acceptSymbol(';'));
    const t = this.peek();
    if (t.kind !== 'end') this.fail(`unexpected ${this.describe(t)} after the end of the statement`, t);
  }
}
