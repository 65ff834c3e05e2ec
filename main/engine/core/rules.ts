// The input-rules DSL every action module declares its input with. Checking runs in AWS's two phases:
//  1. decode: types are checked (a wrong type is a SerializationException with the message AWS's Java
//     deserializer gives), unknown members dropped, nulls removed, and protocol forms normalized: blobs
//     become Base64Blobs (checked base64 text from JSON, encoded from CBOR's bytes), timestamps become epoch milliseconds.
//  2. validate: constraints (required, length, range, pattern, enum) produce AWS's ValidationException text,
//     "N validation error(s) detected: Value ... at 'path' failed to satisfy constraint: ...", joined by "; ".
// The TypeScript type of the decoded input is inferred from the rules (InputOf<typeof rules>).
import { Base64Blob, parseBase64 } from './base64Blob';
import { serializationError, validationError } from './errors';

export type WireProtocol = 'json' | 'cbor';

interface Common<R extends boolean> {
  readonly required: R;
}
interface StringSpec {
  readonly kind: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
interface NumberSpec {
  readonly kind: 'integer' | 'long' | 'double';
  readonly min?: number;
  readonly max?: number;
}
interface BlobSpec {
  readonly kind: 'blob';
  readonly min?: number;
  readonly max?: number;
}
interface PlainSpec {
  readonly kind: 'boolean' | 'timestamp';
}
/** A structure taken as it is, checked by the handler (e.g. against a service's own schema). */
interface DocumentSpec {
  readonly kind: 'document';
}
interface ListSpec {
  readonly kind: 'list';
  readonly member: AnyRule;
  readonly min?: number;
  readonly max?: number;
  /** How AWS prints a structure member inside a list value, e.g. com.amazonaws...PutRecordsRequestEntry@1. */
  readonly memberText?: string;
}
interface MapSpec {
  readonly kind: 'map';
  readonly key: AnyRule;
  readonly value: AnyRule;
  readonly min?: number;
  readonly max?: number;
}
interface StructSpec {
  readonly kind: 'structure';
  readonly members: Readonly<Record<string, AnyRule>>;
  readonly text?: string;
  /** Worked out once per rule, not per value (PutRecords checks 500 entries a call): member names as declared… */
  readonly names: readonly string[];
  /** …and in the order AWS reports them (alphabetical), with the lower-case-first name its paths use. */
  readonly checks: readonly { readonly name: string; readonly pathName: string; readonly rule: AnyRule }[];
}
export type Spec = StringSpec | NumberSpec | BlobSpec | PlainSpec | DocumentSpec | ListSpec | MapSpec | StructSpec;

/** A rule for a value of decoded type T; R says whether the member is required. */
export type Rule<T, R extends boolean = boolean> = Common<R> & { readonly spec: Spec; readonly __type?: T };
export type AnyRule = Rule<unknown, boolean>;

export type TypeOf<X> = X extends Rule<infer T, boolean> ? T : never;
type RequiredKeys<M> = { [K in keyof M]: M[K] extends Rule<unknown, true> ? K : never }[keyof M];
type Flatten<T> = { [K in keyof T]: T[K] };
export type StructOf<M extends Record<string, AnyRule>> = Flatten<
  { [K in RequiredKeys<M>]: TypeOf<M[K]> } & { [K in Exclude<keyof M, RequiredKeys<M>>]?: TypeOf<M[K]> }
>;
/** The decoded input type of an action's rules. */
export type InputOf<X> = TypeOf<X>;

interface Req<R extends boolean> {
  required?: R;
}

function rule<T, R extends boolean>(spec: Spec, required: R | undefined): Rule<T, R> {
  return { spec, required: (required ?? false) as R };
}

export const t = {
  string<const R extends boolean = false>(o: Omit<StringSpec, 'kind'> & Req<R> = {}): Rule<string, R> {
    return rule({ kind: 'string', min: o.min, max: o.max, pattern: o.pattern, enum: o.enum }, o.required);
  },
  /** A string restricted to an enum; `shown` is the order AWS prints the set in, when it differs. */
  enum<const E extends string, const R extends boolean = false>(values: readonly E[], o: Req<R> & { shown?: readonly E[] } = {}): Rule<E, R> {
    return rule({ kind: 'string', enum: o.shown ?? values }, o.required);
  },
  integer<const R extends boolean = false>(o: Omit<NumberSpec, 'kind'> & Req<R> = {}): Rule<number, R> {
    return rule({ kind: 'integer', min: o.min, max: o.max }, o.required);
  },
  long<const R extends boolean = false>(o: Omit<NumberSpec, 'kind'> & Req<R> = {}): Rule<number, R> {
    return rule({ kind: 'long', min: o.min, max: o.max }, o.required);
  },
  /** A floating-point number (Java Double); used by the engine's admin API for rates. */
  double<const R extends boolean = false>(o: Omit<NumberSpec, 'kind'> & Req<R> = {}): Rule<number, R> {
    return rule({ kind: 'double', min: o.min, max: o.max }, o.required);
  },
  boolean<const R extends boolean = false>(o: Req<R> = {}): Rule<boolean, R> {
    return rule({ kind: 'boolean' }, o.required);
  },
  /** Decoded to a Base64Blob (checked base64 text and its byte length). */
  blob<const R extends boolean = false>(o: Omit<BlobSpec, 'kind'> & Req<R> = {}): Rule<Base64Blob, R> {
    return rule({ kind: 'blob', min: o.min, max: o.max }, o.required);
  },
  /** Decoded to epoch milliseconds. */
  timestamp<const R extends boolean = false>(o: Req<R> = {}): Rule<number, R> {
    return rule({ kind: 'timestamp' }, o.required);
  },
  list<T, const R extends boolean = false>(member: Rule<T>, o: Omit<ListSpec, 'kind' | 'member'> & Req<R> = {}): Rule<T[], R> {
    return rule({ kind: 'list', member, min: o.min, max: o.max, memberText: o.memberText }, o.required);
  },
  map<V, const R extends boolean = false>(key: Rule<string>, value: Rule<V>, o: Omit<MapSpec, 'kind' | 'key' | 'value'> & Req<R> = {}): Rule<Record<string, V>, R> {
    return rule({ kind: 'map', key, value, min: o.min, max: o.max }, o.required);
  },
  /** A JSON structure kept whole (nulls and all), for shapes the handler validates itself. */
  document<const R extends boolean = false>(o: Req<R> = {}): Rule<Record<string, unknown>, R> {
    return rule({ kind: 'document' }, o.required);
  },
  struct<M extends Record<string, AnyRule>, const R extends boolean = false>(members: M, o: Req<R> & { text?: string } = {}): Rule<StructOf<M>, R> {
    const names = Object.keys(members);
    const checks = [...names].sort().map((name) => ({ name, pathName: lowerFirst(name), rule: members[name] as AnyRule }));
    return rule({ kind: 'structure', members, text: o.text, names, checks }, o.required);
  },
};

// ---------------------------------------------------------------------------------------------------------
// Phase 1: decode

const NUMBER_CLASS = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';
const INT_MAX: Record<'integer' | 'long', number> = { integer: 2147483647, long: Number.MAX_SAFE_INTEGER };
const JAVA_NAME: Record<'integer' | 'long', string> = { integer: 'Integer', long: 'Long' };

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function structureOrList(value: object): never {
  if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
  throw serializationError('Start of structure or map found where not expected.');
}

/** Epoch ms from a wire timestamp: JSON sends epoch seconds; CBOR (Java SDK) sends tag 1 holding epoch ms. */
function timestampMs(value: number, protocol: WireProtocol): number {
  if (protocol === 'cbor' && Math.abs(value) > 1e11) return Math.round(value);
  return Math.round(value * 1000);
}

function decodeValue(value: unknown, spec: Spec, protocol: WireProtocol): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  switch (spec.kind) {
    case 'string':
      if (type === 'string') return value;
      if (type === 'boolean') throw serializationError('class java.lang.Boolean can not be converted to an String');
      if (type === 'number' || type === 'bigint') throw serializationError(`${NUMBER_CLASS} can not be converted to an String`);
      return structureOrList(value as object);
    case 'integer':
    case 'long': {
      const name = JAVA_NAME[spec.kind];
      if (type === 'number' || type === 'bigint') {
        const n = Math.floor(Number(value));
        if (!Number.isFinite(n)) throw serializationError(`${NUMBER_CLASS} can not be converted to an ${name}`);
        return Math.max(Math.min(n, INT_MAX[spec.kind]), -INT_MAX[spec.kind] - 1);
      }
      if (type === 'boolean') throw serializationError(`class java.lang.Boolean can not be converted to an ${name}`);
      if (type === 'string') throw serializationError(`class java.lang.String can not be converted to an ${name}`);
      return structureOrList(value as object);
    }
    case 'double':
      if (type === 'number' || type === 'bigint') {
        const n = Number(value);
        if (!Number.isFinite(n)) throw serializationError(`${NUMBER_CLASS} can not be converted to an Double`);
        return n;
      }
      if (type === 'boolean') throw serializationError('class java.lang.Boolean can not be converted to an Double');
      if (type === 'string') throw serializationError('class java.lang.String can not be converted to an Double');
      return structureOrList(value as object);
    case 'boolean':
      if (type === 'boolean') return value;
      if (type === 'number' || type === 'bigint') throw serializationError(`${NUMBER_CLASS} can not be converted to an Boolean`);
      if (type === 'string') throw serializationError(`'${(value as string).toUpperCase()}' can not be converted to an Boolean`);
      return structureOrList(value as object);
    case 'blob':
      if (type === 'string') return parseBase64(value as string);
      if (isBytes(value)) return Base64Blob.ofBytes(value);
      if (type === 'boolean') throw serializationError('class java.lang.Boolean can not be converted to a Blob');
      if (type === 'number' || type === 'bigint') throw serializationError(`${NUMBER_CLASS} can not be converted to a Blob`);
      return structureOrList(value as object);
    case 'timestamp':
      if (type === 'number' || type === 'bigint') {
        const ms = timestampMs(Number(value), protocol);
        if (!Number.isFinite(ms)) throw serializationError(`${NUMBER_CLASS} can not be converted to milliseconds since epoch`);
        return ms;
      }
      if (type === 'object' && !Array.isArray(value) && 'value' in (value as object)) {
        // A CBOR tag object (cbor-x's Tag, or a tag-1 reader another module registered): its value is the time.
        const inner = (value as { value: unknown }).value;
        if (typeof inner === 'number' || typeof inner === 'bigint') return timestampMs(Number(inner), protocol);
      }
      if (value instanceof Date) {
        // cbor-x reads tag 1 as epoch seconds; the Java SDK puts epoch milliseconds in it.
        const ms = value.getTime();
        return protocol === 'cbor' && Math.abs(ms) > 1e14 ? Math.round(ms / 1000) : ms;
      }
      if (type === 'boolean') throw serializationError('class java.lang.Boolean can not be converted to milliseconds since epoch');
      if (type === 'string') throw serializationError('class java.lang.String can not be converted to milliseconds since epoch');
      return structureOrList(value as object);
    case 'list':
      if (Array.isArray(value)) return value.map((item: unknown) => decodeValue(item, spec.member.spec, protocol));
      if (type === 'object') throw serializationError('Start of structure or map found where not expected.');
      throw serializationError('Expected list or null');
    case 'map': {
      if (type !== 'object' || isBytes(value)) throw serializationError('Expected map or null');
      if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const decoded = decodeValue(item, spec.value.spec, protocol);
        if (decoded !== undefined) out[key] = decoded;
      }
      return out;
    }
    case 'document':
      if (type !== 'object' || isBytes(value)) throw serializationError('Expected null');
      if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
      return value;
    case 'structure': {
      if (type !== 'object' || isBytes(value)) throw serializationError('Expected null');
      if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const name of spec.names) {
        const member = spec.members[name];
        if (!member || !Object.prototype.hasOwnProperty.call(source, name)) continue;
        const decoded = decodeValue(source[name], member.spec, protocol);
        if (decoded !== undefined) out[name] = decoded;
      }
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Phase 2: validate

const MAX_ERRORS = 10;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function valueText(value: unknown, spec: Spec): string {
  if (value === undefined || value === null) return 'null';
  let text: string;
  if (value instanceof Base64Blob) {
    text = `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  } else if (spec.kind === 'list' && Array.isArray(value)) {
    const member = spec.member.spec;
    text = `[${value.map((item: unknown) => (spec.memberText ?? valueText(item, member).replace(/^'|'$/g, ''))).join(', ')}]`;
  } else if (spec.kind === 'map' && typeof value === 'object') {
    text = `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(', ')}}`;
  } else if (spec.kind === 'structure') {
    text = spec.text ?? JSON.stringify(value);
  } else {
    text = String(value);
  }
  return `'${text}'`;
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Base64Blob || Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return 0;
}

class Collector {
  readonly errors: string[] = [];
  fail(path: string, value: unknown, spec: Spec, constraint: string): void {
    if (this.errors.length >= MAX_ERRORS) return;
    this.errors.push(`Value ${valueText(value, spec)} at '${path}' failed to satisfy constraint: ${constraint}`);
  }
}

function checkLength(c: Collector, path: string, value: unknown, spec: Spec & { min?: number; max?: number }): void {
  const length = lengthOf(value);
  if (spec.min !== undefined && length < spec.min) c.fail(path, value, spec, `Member must have length greater than or equal to ${spec.min}`);
  if (spec.max !== undefined && length > spec.max) c.fail(path, value, spec, `Member must have length less than or equal to ${spec.max}`);
}

const patternCache = new Map<string, RegExp>();
function fullMatch(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 's');
    patternCache.set(pattern, re);
  }
  return re;
}

function validateValue(c: Collector, path: string, value: unknown, r: AnyRule): void {
  const spec = r.spec;
  if (value === undefined) {
    if (r.required) c.fail(path, value, spec, 'Member must not be null');
    return;
  }
  switch (spec.kind) {
    case 'string':
      if (spec.pattern !== undefined && !fullMatch(spec.pattern).test(value as string)) {
        c.fail(path, value, spec, `Member must satisfy regular expression pattern: ${spec.pattern}`);
      }
      checkLength(c, path, value, spec);
      if (spec.enum && !spec.enum.includes(value as string)) {
        c.fail(path, value, spec, `Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
      }
      return;
    case 'integer':
    case 'long':
    case 'double':
      if (spec.min !== undefined && (value as number) < spec.min) c.fail(path, value, spec, `Member must have value greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && (value as number) > spec.max) c.fail(path, value, spec, `Member must have value less than or equal to ${spec.max}`);
      return;
    case 'blob':
      checkLength(c, path, value, spec);
      return;
    case 'boolean':
    case 'timestamp':
    case 'document':
      return;
    case 'list': {
      checkLength(c, path, value, spec);
      const items = value as unknown[];
      for (let i = 0; i < items.length && c.errors.length < MAX_ERRORS; i++) {
        validateValue(c, `${path}.${i + 1}.member`, items[i], spec.member);
      }
      return;
    }
    case 'map': {
      checkLength(c, path, value, spec);
      const entries = Object.entries(value as Record<string, unknown>);
      const keySpec = spec.key.spec;
      if (keySpec.kind === 'string' && entries.some(([k]) => (keySpec.min !== undefined && k.length < keySpec.min) || (keySpec.max !== undefined && k.length > keySpec.max))) {
        c.fail(path, value, spec, `Map keys must satisfy constraint: [Member must have length less than or equal to ${keySpec.max}, Member must have length greater than or equal to ${keySpec.min}]`);
      }
      const valueSpec = spec.value.spec;
      if (valueSpec.kind === 'string' && entries.some(([, v]) => (valueSpec.min !== undefined && lengthOf(v) < valueSpec.min) || (valueSpec.max !== undefined && lengthOf(v) > valueSpec.max))) {
        c.fail(path, value, spec, `Map value must satisfy constraint: [Member must have length less than or equal to ${valueSpec.max}, Member must have length greater than or equal to ${valueSpec.min}]`);
      }
      return;
    }
    case 'structure': {
      const prefix = path ? `${path}.` : '';
      const fields = value as Record<string, unknown>;
      for (const check of spec.checks) validateValue(c, prefix + check.pathName, fields[check.name], check.rule);
      return;
    }
  }
}

/**
 * Decodes and validates a request body against an action's rules. Throws SerializationException for a wrong
 * type, ValidationException listing every broken constraint.
 */
export function checkInput<T>(body: unknown, rules: Rule<T>, protocol: WireProtocol): T {
  const decoded = decodeValue(body ?? {}, rules.spec, protocol) ?? {};
  const c = new Collector();
  validateValue(c, '', decoded, rules);
  if (c.errors.length > 0) {
    const n = c.errors.length;
    throw validationError(`${n} validation error${n > 1 ? 's' : ''} detected: ${c.errors.join('; ')}`);
  }
  return decoded as T;
}
