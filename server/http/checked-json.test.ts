import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import * as contract from '../../contract';
import { taskCountsSchema, taskPageSchema } from '../../contract';
import { compileCheckedJson } from './checked-json';
import { responseSerializerCompiler } from './response-serializer';

// compileCheckedJson must answer exactly what the type provider's serializer answered: zod's check,
// then JSON.stringify of zod's copy — the same text, or a refusal (undefined) where zod refuses.

/** What the serializer wrote before: JSON of zod's copy, or undefined where zod refused. */
const viaZod = (schema: $ZodType, value: unknown) => {
  const r = z.safeEncode(schema, value);
  return r.success ? JSON.stringify(r.data) : undefined;
};

// Values that fit no schema, or the wrong one: what a mapping bug would hand the serializer.
const stray = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.date({ noInvalidDate: true }),
  fc.bigInt(),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\ud800', 'a\udc00b', '"\\\n\u2028', '（保密客户）'));

type Def = { type: string; innerType?: $ZodType; element?: $ZodType; shape?: Record<string, $ZodType>; entries?: Record<string, string>; values?: string[] };
const defOf = (s: $ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values for `schema`: mostly of its shape, with stray values at every level (extra keys, holes, wrong types). */
function valueFor(schema: $ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const fitting = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string':
        return text;
      case 'number':
        return fc.oneof(fc.integer(), fc.double());
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.oneof(fc.constantFrom(...Object.values(def.entries!)), text);
      case 'literal':
        return fc.oneof(fc.constantFrom(...def.values!), text);
      case 'nullable':
        return fc.oneof(fc.constant(null), valueFor(def.innerType!));
      case 'optional':
        return fc.oneof(fc.constant(undefined), valueFor(def.innerType!));
      case 'array':
        return fc.array(valueFor(def.element!), { maxLength: 4 });
      case 'object': {
        const keys = Object.keys(def.shape!);
        const fields = Object.fromEntries(keys.map((k) => [k, valueFor(def.shape![k]!)]));
        // Now and then a key missing, and now and then one more than the shape names.
        return fc
          .tuple(fc.record(fields), fc.subarray(keys, { maxLength: Math.min(1, keys.length) }), fc.option(fc.tuple(fc.constantFrom('extra', 'customerLevel', '__proto__x'), stray)))
          .map(([obj, drop, extra]) => {
            const o: Record<string, unknown> = { ...obj };
            for (const k of drop) delete o[k];
            if (extra) o[extra[0]] = extra[1];
            return o;
          });
      }
      default:
        throw new Error(`no values for ${def.type}`);
    }
  })();
  return fc.oneof({ arbitrary: fitting, weight: 9 }, { arbitrary: stray, weight: 1 });
}

// Schemas made of what compileCheckedJson claims to check exactly.
const { schema: arbitrarySchema } = fc.letrec<{ schema: $ZodType; leaf: $ZodType }>((tie) => ({
  leaf: fc.oneof(
    fc.constant(z.string()),
    fc.constant(z.number()),
    fc.constant(z.boolean()),
    fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((v) => z.enum(v as [string, ...string[]])),
    fc.string({ maxLength: 3 }).map((v) => z.literal(v)),
  ),
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    tie('schema').map((s) => (s as z.ZodType).nullable()),
    tie('schema').map((s) => z.array(s as z.ZodType)),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'id', 'dueAt'), tie('schema'), fc.boolean()), { selector: ([k]) => k, maxLength: 4 })
      .map((fields) => z.object(Object.fromEntries(fields.map(([k, s, opt]) => [k, opt ? (s as z.ZodType).optional() : (s as z.ZodType)])))),
  ),
}));

describe('compileCheckedJson', () => {
  it('writes what zod + JSON.stringify writes, and refuses what zod refuses, for any schema it compiles', () => {
    fc.assert(
      fc.property(
        arbitrarySchema.chain((schema) => fc.tuple(fc.constant(schema), valueFor(schema))),
        ([schema, value]) => {
          const checked = compileCheckedJson(schema);
          expect(checked).toBeDefined();
          expect(checked!(value)).toBe(viaZod(schema, value));
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000); // ≈ 2 s idle; a loaded CI runner may take several times that

  it("agrees with zod on the inbox's page and counts, row by row", () => {
    for (const schema of [taskPageSchema, taskCountsSchema] as $ZodType[]) {
      const checked = compileCheckedJson(schema);
      expect(checked, 'the inbox answers through the one-pass writer').toBeDefined();
      fc.assert(
        fc.property(valueFor(schema), (value) => {
          expect(checked!(value)).toBe(viaZod(schema, value));
        }),
        { numRuns: 500 },
      );
    }
  }, 60_000);

  it('agrees with zod on every contract schema it compiles', () => {
    const compiled = Object.entries(contract).filter(([, s]) => s instanceof z.ZodType && compileCheckedJson(s as $ZodType));
    expect(compiled.length).toBeGreaterThan(20);
    for (const [, schema] of compiled) {
      const checked = compileCheckedJson(schema as $ZodType)!;
      fc.assert(
        fc.property(valueFor(schema as $ZodType), (value) => {
          expect(checked(value)).toBe(viaZod(schema as $ZodType, value));
        }),
        { numRuns: 100 },
      );
    }
  }, 60_000);

  it('leaves to zod every schema with checks, defaults, transforms, unions, records or non-stripping objects', () => {
    const unsupported: z.ZodType[] = [
      z.string().min(1),
      z.number().int(),
      z.string().email(),
      z.string().default('x'),
      z.string().transform((s) => s.length),
      z.union([z.string(), z.number()]),
      z.record(z.string(), z.string()),
      z.object({ a: z.string() }).strict(),
      z.object({ a: z.string() }).passthrough(),
      z.object({ a: z.string() }).catchall(z.number()),
      z.array(z.string().optional()),
      z.string().optional(),
      z.enum({ A: 1, B: 2 }),
      z.literal(3),
      z.date(),
      z.iso.date(),
      z.email(),
      z.int(),
      z.object({ a: z.string() }).refine((o) => o.a !== ''),
      z.unknown(),
      z.object({ inner: z.object({ n: z.number().min(0) }) }),
    ];
    for (const s of unsupported) expect(compileCheckedJson(s)).toBeUndefined();
  });
});

describe('responseSerializerCompiler', () => {
  const serialize = responseSerializerCompiler({ schema: taskCountsSchema, method: 'GET', url: '/api/tasks/counts', httpStatus: '200' });
  const counts = { mine: 1, group: 2, all: 3, overdue: 0, dueSoon: 1 };

  it('answers the same text as before, without the internals a row carries', () => {
    expect(serialize({ ...counts, secret: 'x' })).toBe(JSON.stringify(counts));
  });

  it("still refuses, with zod's error, what the contract does not allow", () => {
    expect(() => serialize({ ...counts, group: Number.NaN })).toThrow(/Response doesn't match the schema/);
    expect(() => serialize({ ...counts, mine: undefined })).toThrow(/Response doesn't match the schema/);
  });
});
