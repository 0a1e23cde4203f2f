import type { $ZodType } from 'zod/v4/core';

// A response's JSON written while checking it against its zod contract, in one pass. The type
// provider's serializer parses every response with zod (a full copy of it) and then runs
// JSON.stringify over the copy: for the inbox's 50-row page that was ≈ 0.2 ms of the API thread's
// CPU per request, which with 10 requests in flight every request waits for (issue 19,
// bench/results/inbox-scale-2026-12-01.md). This writes what zod's check + JSON.stringify would
// write, or nothing (undefined) where zod would refuse, for the schemas it knows; for any other
// schema compileCheckedJson answers undefined and the caller keeps zod. The property tests in
// checked-json.test.ts hold it to zod's own answer, value by value.

type Writer = (value: unknown) => string;

/** Thrown inside a writer when the value is not what the schema says; caught once at the top. */
const MISMATCH = Symbol('checked-json mismatch');
const mismatch = (): never => {
  throw MISMATCH;
};

// JSON.stringify both checks nothing and writes strings exactly as zod's path would (the same call).
const string: Writer = (v) => (typeof v === 'string' ? JSON.stringify(v) : mismatch());
// zod's number refuses NaN and ±Infinity; JSON.stringify(-0) and String(-0) are both "0".
const number: Writer = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : mismatch());
const boolean: Writer = (v) => (v === true ? 'true' : v === false ? 'false' : mismatch());

function oneOf(values: readonly unknown[]): Writer | undefined {
  // Strings only: a numeric enum or literal writes numbers, and their equality rules (NaN, -0) are zod's.
  if (!values.every((x) => typeof x === 'string')) return undefined;
  const allowed = new Set(values as string[]);
  return (v) => (typeof v === 'string' && allowed.has(v) ? JSON.stringify(v) : mismatch());
}

interface Def {
  type: string;
  checks?: unknown[];
  innerType?: $ZodType;
  element?: $ZodType;
  shape?: Record<string, $ZodType>;
  catchall?: unknown;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
const defOf = (schema: $ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

// The parts of a definition each kind may have and still be checked here: anything more (a
// string's format or pattern — z.iso.date(), z.email() —, a number's safeint, an object's catch-all,
// a refinement's checks) is a rule zod applies and this module does not, so zod keeps the schema.
// `error` only words zod's refusals, which zod still makes.
const PARTS: Record<string, readonly string[]> = {
  string: [],
  number: ['checks'],
  boolean: [],
  enum: ['entries'],
  literal: ['values'],
  nullable: ['innerType'],
  optional: ['innerType'],
  array: ['element'],
  object: ['shape'],
};
const checkedHere = (def: Def) => {
  const parts = PARTS[def.type];
  return parts !== undefined && Object.keys(def).every((k) => k === 'type' || k === 'error' || parts.includes(k)) && !def.checks?.length;
};

/**
 * A writer for `schema`, or undefined when it uses anything this module does not check exactly as
 * zod does: checks (min, int, regex …), formats, transforms, defaults, unions, records, catch-all or
 * strict objects, optional anywhere but as an object's property.
 */
function writerFor(schema: $ZodType): Writer | undefined {
  const def = defOf(schema);
  if (!checkedHere(def)) return undefined;
  switch (def.type) {
    case 'string':
      return string;
    case 'number':
      return number;
    case 'boolean':
      return boolean;
    case 'enum':
      return oneOf(Object.values(def.entries ?? {}));
    case 'literal':
      return oneOf(def.values ?? []);
    case 'nullable': {
      const inner = def.innerType && writerFor(def.innerType);
      return inner && ((v) => (v === null ? 'null' : inner(v)));
    }
    case 'array': {
      const element = def.element && writerFor(def.element);
      if (!element) return undefined;
      return (v) => {
        if (!Array.isArray(v)) return mismatch();
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + element(v[i]);
        return `${out}]`;
      };
    }
    case 'object':
      return objectWriter(def);
    default:
      return undefined;
  }
}

function objectWriter(def: Def): Writer | undefined {
  if (def.catchall !== undefined || !def.shape) return undefined;
  const keys = Object.keys(def.shape);
  const writers: Writer[] = [];
  const optional: boolean[] = [];
  for (const key of keys) {
    const field = def.shape[key]!;
    const fieldDef = defOf(field);
    const isOptional = fieldDef.type === 'optional';
    const w = isOptional ? checkedHere(fieldDef) && fieldDef.innerType && writerFor(fieldDef.innerType) : writerFor(field);
    if (!w) return undefined;
    writers.push(w);
    optional.push(isOptional);
  }
  // zod writes the shape's keys in the shape's order and drops the rest; an optional property that
  // is undefined is left out, as JSON.stringify leaves it out of zod's copy.
  const names = keys.map((k) => `${JSON.stringify(k)}:`);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch();
    const o = v as Record<string, unknown>;
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const value = o[keys[i]!];
      if (value === undefined && optional[i]) continue;
      out += (out === '' ? '{' : ',') + names[i] + writers[i]!(value);
    }
    return out === '' ? '{}' : `${out}}`;
  };
}

/**
 * The checked writer for a response schema: `(value) => JSON text`, the text zod's check and
 * JSON.stringify would make, or undefined where zod would refuse the value. Undefined itself when
 * the schema is not one it checks exactly (the caller then uses zod).
 */
export function compileCheckedJson(schema: $ZodType): ((value: unknown) => string | undefined) | undefined {
  const write = writerFor(schema);
  if (!write) return undefined;
  return (value) => {
    try {
      return write(value);
    } catch (err) {
      if (err === MISMATCH) return undefined;
      throw err;
    }
  };
}
