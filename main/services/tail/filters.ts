// Filters evaluated in main, over each decoded row: quick text (case-insensitive) and a regex over the partition
// key and the decoded data, and a JSONata expression over the decoded JSON (compiled once). All given parts
// must match. JSONata sees the row's JSON value (or its text, for text rows; binary rows never match an
// expression) with $partitionKey, $shardId, $sequenceNumber, $arrival (epoch ms) and $chain bound.
import jsonata from 'jsonata';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { FilterProblem, TailFilter } from '../../../shared/contract/tail';
import type { DecodedRow } from './decoders';
import { jsonataTruthy as truthy } from '../../../shared/domain/jsonataTruth';

export interface FilterContext {
  shardId: string;
  sequenceNumber: string;
  arrivalMs: number;
}

export interface CompiledFilter {
  /** True when the filter has no parts: every row matches without evaluating anything. */
  readonly empty: boolean;
  matches(row: DecodedRow, ctx: FilterContext): Promise<boolean>;
}

/** Everything wrong with a filter, with positions, for as-you-type validation. Empty when it compiles. */
export function filterProblems(filter: TailFilter): FilterProblem[] {
  const problems: FilterProblem[] = [];
  if (filter.regex) {
    try {
      new RegExp(filter.regex.pattern, regexFlags(filter.regex.flags));
    } catch (error) {
      problems.push({ part: 'regex', message: (error as Error).message, position: null, token: null });
    }
  }
  if (filter.jsonata) {
    try {
      jsonata(filter.jsonata);
    } catch (error) {
      problems.push(jsonataProblem(error));
    }
  }
  return problems;
}

interface JsonataFailure {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

function jsonataProblem(error: unknown): FilterProblem {
  const e = error as JsonataFailure;
  const at = typeof e.position === 'number' ? ` (at character ${e.position})` : '';
  return {
    part: 'jsonata',
    message: `${e.message ?? String(error)}${at}${e.code ? ` [${e.code}]` : ''}`,
    position: typeof e.position === 'number' ? e.position : null,
    token: typeof e.token === 'string' ? e.token : null,
  };
}

function regexFlags(flags: string | undefined): string {
  // 'g' and 'y' make test() stateful, which would skip matches between rows.
  return (flags ?? 'i').replace(/[gy]/g, '');
}

export function compileFilter(filter: TailFilter | undefined): CompiledFilter {
  const f = filter ?? {};
  const problems = filterProblems(f);
  if (problems.length > 0) throw new RpcError(ErrorCode.ValidationException, `Invalid filter: ${problems.map((p) => `${p.part}: ${p.message}`).join('; ')}`);
  const needle = f.text ? f.text.toLowerCase() : null;
  const regex = f.regex ? new RegExp(f.regex.pattern, regexFlags(f.regex.flags)) : null;
  const expression = f.jsonata ? jsonata(f.jsonata) : null;
  const empty = !needle && !regex && !expression;
  return {
    empty,
    async matches(row, ctx) {
      if (empty) return true;
      if (needle || regex) {
        const text = searchText(row);
        if (needle && !row.partitionKey.toLowerCase().includes(needle) && !text.toLowerCase().includes(needle)) return false;
        if (regex && !regex.test(row.partitionKey) && !regex.test(text)) return false;
      }
      if (expression) {
        const input = row.view.kind === 'json' ? row.view.value : row.view.kind === 'text' ? row.view.text : undefined;
        if (input === undefined) return false;
        try {
          const result: unknown = await expression.evaluate(input, {
            partitionKey: row.partitionKey,
            shardId: ctx.shardId,
            sequenceNumber: ctx.sequenceNumber,
            arrival: ctx.arrivalMs,
            chain: row.chain,
          });
          return truthy(result);
        } catch {
          // A run-time error on one record (e.g. comparing a string to a number) means "does not match".
          return false;
        }
      }
      return true;
    },
  };
}

const textDecoder = new TextDecoder();

function searchText(row: DecodedRow): string {
  if (row.view.kind === 'text') return row.view.text;
  if (row.view.kind === 'json') return textDecoder.decode(row.decoded);
  return '';
}

