// Record templates for the data generator: text (usually JSON) with placeholders in double braces, filled in
// for every record. Values are inserted as they are, so in JSON put string-valued placeholders in quotes:
//
//   {"id": "{{uuid}}", "user": "user-{{int 1 500}}", "n": {{seq}}, "at": {{now}}, "kind": "{{pick view click buy}}"}
//
//   {{int MIN MAX}}             an integer from MIN to MAX, both included
//   {{float MIN MAX [DIGITS]}}  a number from MIN to MAX with DIGITS decimals (default 2)
//   {{bool}}                    true or false
//   {{pick A B ...}}            one of the words; quote a word with spaces: {{pick "New York" Paris}}
//   {{seq [START]}}             the record's number in this run, from START (default 1)
//   {{now}}                     the time as epoch milliseconds
//   {{iso}}                     the time as ISO-8601 text (2024-05-01T12:00:00.000Z)
//   {{uuid}}                    a random UUID
//   {{key}}                     the record's partition key (from the key distribution)
//
// `{{` always opens a placeholder. Mistakes are reported with the character position where they are.
import type { Random } from './random';

export interface TemplateContext {
  random: Random;
  /** 0-based number of the record in the run. */
  index: number;
  now: number;
  key: string;
}

type Part = string | ((ctx: TemplateContext) => string);

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export const PLACEHOLDERS = ['int', 'float', 'bool', 'pick', 'seq', 'now', 'iso', 'uuid', 'key'] as const;

function words(body: string, at: number): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const word = match[1] ?? match[2] ?? '';
    if (match[2]?.includes('"')) throw new TemplateError(`Unbalanced quote in the placeholder at character ${at}.`);
    out.push(word);
  }
  return out;
}

function numberArg(text: string | undefined, what: string, at: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) {
    throw new TemplateError(`The placeholder at character ${at} needs a number for ${what}, got ${text === undefined ? 'nothing' : `"${text}"`}.`);
  }
  return value;
}

function expectArgs(name: string, args: readonly string[], min: number, max: number, at: number): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new TemplateError(`{{${name}}} at character ${at} takes ${wanted} argument(s), got ${args.length}.`);
  }
}

function placeholder(name: string, args: string[], at: number): (ctx: TemplateContext) => string {
  switch (name) {
    case 'int': {
      expectArgs(name, args, 2, 2, at);
      const [min, max] = [numberArg(args[0], 'MIN', at), numberArg(args[1], 'MAX', at)];
      if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new TemplateError(`{{int MIN MAX}} at character ${at} needs integers with MIN <= MAX.`);
      return (ctx) => String(ctx.random.int(min, max));
    }
    case 'float': {
      expectArgs(name, args, 2, 3, at);
      const [min, max] = [numberArg(args[0], 'MIN', at), numberArg(args[1], 'MAX', at)];
      const digits = args[2] === undefined ? 2 : numberArg(args[2], 'DIGITS', at);
      if (min > max || !Number.isInteger(digits) || digits < 0 || digits > 10) throw new TemplateError(`{{float MIN MAX [DIGITS]}} at character ${at} needs MIN <= MAX and DIGITS from 0 to 10.`);
      return (ctx) => (min + ctx.random.next() * (max - min)).toFixed(digits);
    }
    case 'pick':
      if (args.length === 0) throw new TemplateError(`{{pick}} at character ${at} needs at least one word to pick from.`);
      return (ctx) => ctx.random.pick(args);
    case 'seq': {
      expectArgs(name, args, 0, 1, at);
      const start = args[0] === undefined ? 1 : numberArg(args[0], 'START', at);
      return (ctx) => String(start + ctx.index);
    }
    case 'bool':
    case 'now':
    case 'iso':
    case 'uuid':
    case 'key': {
      expectArgs(name, args, 0, 0, at);
      const fill: Record<typeof name, (ctx: TemplateContext) => string> = {
        bool: (ctx) => String(ctx.random.next() < 0.5),
        now: (ctx) => String(ctx.now),
        iso: (ctx) => new Date(ctx.now).toISOString(),
        uuid: (ctx) => ctx.random.uuid(),
        key: (ctx) => ctx.key,
      };
      return fill[name];
    }
    default:
      throw new TemplateError(`Unknown placeholder {{${name}}} at character ${at}. Known: ${PLACEHOLDERS.join(', ')}.`);
  }
}

export interface CompiledTemplate {
  render(ctx: TemplateContext): string;
}

/** Parses the template once; throws TemplateError naming the position of the first mistake. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: Part[] = [];
  let from = 0;
  for (;;) {
    const open = template.indexOf('{{', from);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError(`The placeholder opened at character ${open + 1} is never closed with }}.`);
    if (open > from) parts.push(template.slice(from, open));
    const [name = '', ...args] = words(template.slice(open + 2, close), open + 1);
    parts.push(placeholder(name, args, open + 1));
    from = close + 2;
  }
  if (from < template.length) parts.push(template.slice(from));
  return {
    render: (ctx) => parts.map((part) => (typeof part === 'string' ? part : part(ctx))).join(''),
  };
}
