// Translates a plan (from either dialect) into a Flink SQL script for Managed Service for Apache Flink or any Flink
// cluster with the Kinesis SQL connector: the source table (discovered columns, the time attribute, the watermark),
// the sink table and INSERT INTO … SELECT. Connector options are those of the current `kinesis` table connector
// (flink-connector-aws 5.x: 'stream.arn', 'aws.region', 'source.init.position'), not the legacy 'stream' and
// 'scan.stream.initpos'. What has no Flink equivalent is named instead of guessed.
import type { FlinkExport, KinesisStartPosition } from '../../shared/contract/analytics';
import type { Expr } from './queryAst';
import type { InputSchema } from './inputSchema';
import { parsePath } from './inputSchema';
import { SLOT_ARRIVAL, SLOT_PARTITION_KEY, SLOT_ROWTIME, SLOT_SEQUENCE_NUMBER, SLOT_SHARD_ID, systemColumns, type AggregateCall, type QueryPlan } from './queryPlan';
import type { SqlType } from './sqlTypes';

export type { FlinkExport, KinesisStartPosition } from '../../shared/contract/analytics';

export interface FlinkExportOptions {
  /** The source stream's ARN and region. */
  streamArn: string;
  region: string;
  startPosition?: KinesisStartPosition;
  /** AT_TIMESTAMP only: ISO-8601 (the connector's default format is yyyy-MM-dd'T'HH:mm:ss.SSSXXX). */
  startTimestamp?: string;
  /** The Kinesis stream the results go to; without it the sink is Flink's 'print' connector. */
  sinkStreamArn?: string;
  /** Table names in the script (default: the source stream's name, and the plan's sink or "results"). */
  sourceTable?: string;
  sinkTable?: string;
}


class Untranslatable extends Error {}

const q = (name: string): string => '`' + name.replace(/`/g, '``') + '`';
const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function flinkType(t: SqlType): string {
  switch (t.base) {
    case 'VARCHAR': return 'STRING';
    case 'INTEGER': return 'INT';
    case 'BIGINT': return 'BIGINT';
    case 'DOUBLE': return 'DOUBLE';
    case 'BOOLEAN': return 'BOOLEAN';
    case 'TIMESTAMP': return 'TIMESTAMP(3)';
  }
}

export function flinkInterval(ms: number): string {
  for (const [unit, size] of [['DAY', 86_400_000], ['HOUR', 3_600_000], ['MINUTE', 60_000], ['SECOND', 1000]] as const) {
    if (ms % size === 0) return `INTERVAL '${ms / size}' ${unit}`;
  }
  return `INTERVAL '${ms / 1000}' SECOND`;
}

class Translator {
  readonly notes: string[] = [];
  readonly problems: string[] = [];
  /** How each input slot is written in Flink SQL. */
  private readonly slotText: string[] = [];

  constructor(private readonly plan: QueryPlan, private readonly schema: InputSchema, private readonly timeText: string) {
    plan.inputColumns.forEach((c, i) => {
      if (i === SLOT_ROWTIME || i === SLOT_ARRIVAL) this.slotText.push(timeText);
      else if (i < systemColumns.length) this.slotText.push(q(c.name));
      else if (i - systemColumns.length < schema.columns.length) this.slotText.push(fieldAccess(schema, i - systemColumns.length));
      else this.slotText.push(q(c.name));
    });
  }

  expr(e: Expr): string {
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return 'NULL';
        if (e.type.base === 'TIMESTAMP' && typeof e.value === 'number') return `TIMESTAMP '${new Date(e.value).toISOString().replace('T', ' ').replace('Z', '')}'`;
        return typeof e.value === 'string' ? str(e.value) : String(e.value).toUpperCase();
      case 'interval':
        return flinkInterval(e.ms);
      case 'slot':
        if (e.index === SLOT_PARTITION_KEY || e.index === SLOT_SEQUENCE_NUMBER || e.index === SLOT_SHARD_ID) {
          this.problems.push(`${systemColumns[e.index]!.name}: the current Kinesis table connector exposes no record metadata (FLINK-36671)`);
        }
        return this.slotText[e.index] ?? q(`slot${e.index}`);
      case 'keyRef':
        return this.expr(this.plan.groupKeys[e.index]!);
      case 'aggRef':
        return this.aggregate(this.plan.aggregates[e.index]!);
      case 'windowBound':
        if (this.plan.window.kind === 'stagger') return q('window_end');
        return e.which === 'start' ? 'window_start' : e.which === 'end' ? 'window_end' : 'window_time';
      case 'unary':
        return e.op === 'NOT' ? `NOT (${this.expr(e.operand)})` : `-(${this.expr(e.operand)})`;
      case 'binary':
        return `(${this.expr(e.left)} ${e.op} ${this.expr(e.right)})`;
      case 'case': {
        const whens = e.whens.map((w) => `WHEN ${this.expr(w.when)} THEN ${this.expr(w.then)}`).join(' ');
        return `CASE ${e.operand ? this.expr(e.operand) + ' ' : ''}${whens}${e.otherwise ? ` ELSE ${this.expr(e.otherwise)}` : ''} END`;
      }
      case 'cast':
        return `CAST(${this.expr(e.operand)} AS ${flinkType(e.type)})`;
      case 'floorTo':
        return `${e.fn}(${this.expr(e.operand)} TO ${e.unit})`;
      case 'step': {
        const ms = e.by.kind === 'interval' ? e.by.ms : undefined;
        const unit = ms === undefined ? undefined : ([['DAY', 86_400_000], ['HOUR', 3_600_000], ['MINUTE', 60_000], ['SECOND', 1000]] as const).find(([, size]) => size === ms)?.[0];
        if (unit) return `FLOOR(${this.expr(e.operand)} TO ${unit})`;
        if (e.by.kind === 'literal' && typeof e.by.value === 'number') return `(FLOOR(${this.expr(e.operand)} / ${e.by.value}) * ${e.by.value})`;
        this.problems.push(`STEP(… BY ${ms === undefined ? '…' : flinkInterval(ms)}) outside the window: Flink has no STEP; only whole units translate (FLOOR … TO unit)`);
        return 'NULL';
      }
      case 'like':
        return `(${this.expr(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${this.expr(e.pattern)})`;
      case 'isNull':
        return `(${this.expr(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${this.expr(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map((x) => this.expr(x)).join(', ')}))`;
      case 'between':
        return `(${this.expr(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${this.expr(e.low)} AND ${this.expr(e.high)})`;
      case 'call':
        return this.call(e);
      case 'column':
      case 'star':
        throw new Untranslatable(`internal: unbound ${e.kind}`);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    const args = e.args.map((a) => this.expr(a));
    switch (e.name) {
      case 'SUBSTRING':
        return `SUBSTRING(${args[0]} FROM ${args[1]}${args[2] ? ` FOR ${args[2]}` : ''})`;
      case 'TRIM':
        return `TRIM(${String((e.args[1] as { value: unknown }).value)} ${args[2]} FROM ${args[0]})`;
      case 'CURRENT_TIMESTAMP':
        return 'CURRENT_TIMESTAMP';
      case 'CHARACTER_LENGTH':
        return `CHAR_LENGTH(${args[0]})`;
      default:
        return `${e.name}(${args.join(', ')})`;
    }
  }

  aggregate(a: AggregateCall): string {
    const arg = a.arg ? this.expr(a.arg) : '*';
    let text: string;
    switch (a.fn) {
      case 'COUNT_DISTINCT':
        text = `COUNT(DISTINCT ${arg})`;
        break;
      case 'APPROX_COUNT_DISTINCT':
        this.note('APPROXIMATE_DISTINCT becomes COUNT(DISTINCT …): exact in Flink, with state that grows with the distinct values');
        text = `COUNT(DISTINCT ${arg})`;
        break;
      default:
        text = `${a.fn}(${arg})`;
    }
    if (a.window !== undefined && this.plan.window.kind === 'sliding') {
      const w = this.plan.window.windows[a.window]!;
      const partition = w.partitionBy.length ? `PARTITION BY ${w.partitionBy.map((p) => this.expr(p)).join(', ')} ` : '';
      const frame = w.rangeMs !== undefined ? `RANGE BETWEEN ${flinkInterval(w.rangeMs)} PRECEDING AND CURRENT ROW` : `ROWS BETWEEN ${w.rows} PRECEDING AND CURRENT ROW`;
      text += ` OVER (${partition}ORDER BY ${this.timeText} ${frame})`;
    }
    return text;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

/** How a schema column is read in Flink: its top-level JSON field, or a field of a ROW for nested paths. */
function fieldAccess(schema: InputSchema, index: number): string {
  const c = schema.columns[index]!;
  if (schema.format.kind === 'csv') return q(c.name);
  return parsePath(c.path).map((s) => q(String(s))).join('.');
}

/** The source table's columns: JSON fields (nested paths as ROW types) or CSV positions (gaps filled). */
function sourceColumns(schema: InputSchema, problems: string[]): string[] {
  if (schema.format.kind === 'csv') {
    const byPosition = new Map<number, (typeof schema.columns)[number]>();
    for (const c of schema.columns) byPosition.set(parsePath(c.path)[0] as number, c);
    const last = Math.max(-1, ...byPosition.keys());
    return Array.from({ length: last + 1 }, (_, i) => {
      const c = byPosition.get(i);
      return c ? `${q(c.name)} ${flinkType(c.type)}` : `${q(`_unused_${i}`)} STRING`;
    });
  }
  interface Node { type?: SqlType; children: Map<string, Node> }
  const root: Node = { children: new Map() };
  for (const c of schema.columns) {
    const segments = parsePath(c.path);
    if (segments.some((s) => typeof s === 'number')) {
      problems.push(`column ${c.name} reads an array element (${c.path}): declare it by hand in Flink`);
      continue;
    }
    let node = root;
    for (const s of segments as string[]) {
      let child = node.children.get(s);
      if (!child) {
        child = { children: new Map() };
        node.children.set(s, child);
      }
      node = child;
    }
    node.type = c.type;
  }
  const render = (n: Node): string => (n.children.size === 0 ? flinkType(n.type!) : `ROW<${[...n.children].map(([k, v]) => `${q(k)} ${render(v)}`).join(', ')}>`);
  return [...root.children].map(([k, v]) => `${q(k)} ${render(v)}`);
}

/** Translates a plan into a Flink SQL script, or names what cannot be translated. */
export function exportFlinkSql(plan: QueryPlan, schema: InputSchema, options: FlinkExportOptions): FlinkExport {
  const problems: string[] = [];
  if (plan.window.kind === 'stagger') problems.push('WINDOWED BY STAGGER: Flink has no per-key stagger window (a SESSION or TUMBLE window changes the results)');
  if (plan.topK) problems.push("TOP_K_ITEMS_TUMBLING: write it in Flink as a Window Top-N (ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY … DESC) over the window aggregate)");
  if (plan.join) problems.push(`the join with reference table ${plan.join.table.name}: in Flink, load it into a lookup table (for example JDBC) and join FOR SYSTEM_TIME AS OF a processing-time attribute`);
  if (plan.window.kind === 'sliding' && plan.window.windows.length > 1) problems.push('more than one OVER window: Flink requires all OVER aggregates of a query to use the same window');
  const time = plan.time;
  const sourceTable = options.sourceTable ?? plan.source;
  const timeText = time.eventTime ? q(time.column) : q('ROWTIME');
  const t = new Translator(plan, schema, timeText);
  if (!time.eventTime) {
    t.note('ROWTIME and APPROXIMATE_ARRIVAL_TIME become a processing-time attribute (PROCTIME()): the current Kinesis connector exposes no arrival timestamp (FLINK-36671)');
  }
  const columns = sourceColumns(schema, problems);
  if (time.eventTime) {
    const c = schema.columns.find((x) => x.name === time.column);
    if (c && parsePath(c.path).length > 1) problems.push(`the event-time column ${time.column} is nested (${c.path}): Flink's WATERMARK needs a top-level column`);
    columns.push(`WATERMARK FOR ${timeText} AS ${timeText} - ${flinkInterval(time.watermarkDelayMs)}`);
  } else columns.push(`${q('ROWTIME')} AS PROCTIME()`);
  const position = options.startPosition ?? 'LATEST';
  const sourceOptions: [string, string][] = [
    ['connector', 'kinesis'],
    ['stream.arn', options.streamArn],
    ['aws.region', options.region],
    ['source.init.position', position],
    ...(position === 'AT_TIMESTAMP' && options.startTimestamp ? [['source.init.timestamp', options.startTimestamp] as [string, string]] : []),
    ...(schema.format.kind === 'csv' ? ([['format', 'csv'], ['csv.field-delimiter', schema.format.delimiter]] as [string, string][]) : ([['format', 'json']] as [string, string][])),
  ];
  let select: string;
  try {
    select = selectText(plan, t, sourceTable, timeText);
  } catch (e) {
    if (!(e instanceof Untranslatable)) throw e;
    problems.push(e.message);
    select = '';
  }
  problems.push(...t.problems);
  if (problems.length > 0) return { ok: false, untranslatable: [...new Set(problems)] };
  const sinkTable = options.sinkTable ?? plan.sink?.name ?? 'results';
  const sinkColumns = plan.output.map((o) => `${q(o.name)} ${flinkType(o.type)}`);
  const sinkOptions: [string, string][] = options.sinkStreamArn
    ? [['connector', 'kinesis'], ['stream.arn', options.sinkStreamArn], ['aws.region', options.region], ['format', 'json']]
    : [['connector', 'print']];
  const withText = (opts: [string, string][]): string => `WITH (\n${opts.map(([k, v]) => `  ${str(k)} = ${str(v)}`).join(',\n')}\n)`;
  const script = [
    `CREATE TABLE ${q(sourceTable)} (\n${columns.map((c) => `  ${c}`).join(',\n')}\n) ${withText(sourceOptions)};`,
    `CREATE TABLE ${q(sinkTable)} (\n${sinkColumns.map((c) => `  ${c}`).join(',\n')}\n) ${withText(sinkOptions)};`,
    `INSERT INTO ${q(sinkTable)}\n${select};`,
  ].join('\n\n');
  return { ok: true, script: script + '\n', notes: t.notes };
}

function selectText(plan: QueryPlan, t: Translator, sourceTable: string, timeText: string): string {
  const items = plan.output.map((o) => `${t.expr(o.expr)} AS ${q(o.name)}`);
  const lines = [`SELECT ${items.join(',\n       ')}`];
  const w = plan.window;
  if (w.kind === 'tumble') lines.push(`FROM TABLE(TUMBLE(TABLE ${q(sourceTable)}, DESCRIPTOR(${timeText}), ${flinkInterval(w.sizeMs)}))`);
  else if (w.kind === 'hop') lines.push(`FROM TABLE(HOP(TABLE ${q(sourceTable)}, DESCRIPTOR(${timeText}), ${flinkInterval(w.slideMs)}, ${flinkInterval(w.sizeMs)}))`);
  else if (w.kind === 'cumulate') lines.push(`FROM TABLE(CUMULATE(TABLE ${q(sourceTable)}, DESCRIPTOR(${timeText}), ${flinkInterval(w.stepMs)}, ${flinkInterval(w.maxSizeMs)}))`);
  else lines.push(`FROM ${q(sourceTable)}`);
  if (plan.filter) lines.push(`WHERE ${t.expr(plan.filter)}`);
  if (w.kind === 'tumble' || w.kind === 'hop' || w.kind === 'cumulate') {
    lines.push(`GROUP BY ${['window_start', 'window_end', ...plan.groupKeys.map((k) => t.expr(k))].join(', ')}`);
  }
  if (plan.having) lines.push(`HAVING ${t.expr(plan.having)}`);
  if (plan.allowedLatenessMs > 0) t.note(`allowed lateness (${plan.allowedLatenessMs} ms) has no Flink SQL equivalent for window TVFs: raise the watermark delay instead`);
  return lines.join('\n');
}
