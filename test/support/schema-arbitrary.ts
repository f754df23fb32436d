import fc from 'fast-check';

/** The JSON Schema subset the OpenAPI document uses (zod's output). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Strings that have broken parsers, keys and logs elsewhere. */
export const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '💥'.repeat(600),
  'x'.repeat(5000),
  '../../etc/passwd',
  '%00%2e%2e',
  "'; DROP TABLE incidents; --",
  '<script>alert(1)</script>',
  '{"$ne":null}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30T25:61:00Z',
  'Ω≈ç√∫˜µ≤≥÷',
  '\u202e\u0041\u0042',
];

const hostile = fc.constantFrom(...hostileStrings);

/** A string near a schema's limits: empty, at, just over, far over, or hostile. */
const boundaryString = (schema: JsonSchema) =>
  fc.oneof(
    hostile,
    fc.constant('a'.repeat(schema.maxLength ?? 256)),
    fc.constant('a'.repeat((schema.maxLength ?? 256) + 1)),
    fc.constant('é'.repeat(schema.maxLength ?? 256)),
    fc.constant('a'.repeat(Math.max(0, (schema.minLength ?? 1) - 1))),
    fc.string({ unit: 'binary', maxLength: 64 }),
  );

/**
 * Values for a JSON Schema: mostly what it accepts (so requests reach deep code), sometimes
 * its boundaries, hostile strings and wrong types (so refusals are exercised).
 */
export const schemaArbitrary = (
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  depth = 0,
  mode: Mode = 'any',
): fc.Arbitrary<unknown> => {
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? '';
    return schemaArbitrary(components[name] ?? {}, components, depth + 1, mode);
  }
  const accepted = shapedArbitrary(schema, components, depth, mode);
  if (mode === 'valid') return accepted;
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.boolean(),
    hostile,
    fc.constant([]),
    fc.constant({}),
  );
  return fc.oneof({ weight: 6, arbitrary: accepted }, { weight: 1, arbitrary: wrongType });
};

/**
 * Values for properties that must name something that exists (a `ciId`, a `parentId`): with
 * them a careful request reaches past the reference checks into the store. `pinned` ones replace
 * the schema's values even in hostile requests (their arbitrary brings its own hostile values):
 * for properties where a value the schema accepts makes every later request slow.
 */
const knownValues = new Map<string, fc.Arbitrary<unknown>>();
const pinnedValues = new Set<string>();
export const useKnownValues = (
  values: Record<string, fc.Arbitrary<unknown>>,
  pinned: Record<string, fc.Arbitrary<unknown>> = {},
) => {
  knownValues.clear();
  pinnedValues.clear();
  for (const [name, value] of Object.entries(values)) knownValues.set(name, value);
  for (const [name, value] of Object.entries(pinned)) {
    knownValues.set(name, value);
    pinnedValues.add(name);
  }
};

/** `valid`: only what the schema accepts; `any`: that, its boundaries, hostile values and wrong types. */
export type Mode = 'valid' | 'any';

/** A property's value: a known one where the name has some (always when careful), else from its schema. */
const propertyArbitrary = (
  name: string,
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  depth: number,
  mode: Mode,
): fc.Arbitrary<unknown> => {
  const generated = schemaArbitrary(schema, components, depth + 1, mode);
  const known = knownValues.get(name);
  if (!known) return generated;
  return mode === 'valid' || pinnedValues.has(name)
    ? known
    : fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: generated });
};

const shapedArbitrary = (
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  depth: number,
  mode: Mode,
): fc.Arbitrary<unknown> => {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((option) => schemaArbitrary(option, components, depth + 1, mode)));
  if (schema.allOf?.[0]) return schemaArbitrary(schema.allOf[0], components, depth + 1, mode);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, components, depth, mode)));
};

const typedArbitrary = (
  type: string,
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  depth: number,
  mode: Mode,
): fc.Arbitrary<unknown> => {
  const valid = mode === 'valid';
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1;
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1;
      if (valid) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 53, 1.5),
      );
    }
    case 'string': {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      if (schema.format === 'date-time') {
        const timestamp = fc
          .date({
            min: new Date('2020-01-01T00:00:00Z'),
            max: new Date('2030-01-01T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((date) => date.toISOString());
        return valid ? timestamp : fc.oneof(timestamp, boundaryString(schema));
      }
      if (valid)
        return schema.pattern
          ? fc
              .stringMatching(new RegExp(schema.pattern))
              .filter((value) => value.length >= Math.max(minLength, 1) && value.length <= maxLength)
          : fc
              .oneof(
                fc.string({ minLength: Math.max(minLength, 1), maxLength }),
                // Any script, combining marks and emoji; lengths count UTF-16 units, as the schemas do.
                fc.string({ unit: 'grapheme', minLength: Math.max(minLength, 1), maxLength }),
              )
              .filter((value) => value.trim() !== '' && value.length <= maxLength);
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
        { weight: 1, arbitrary: boundaryString(schema) },
      );
    }
    case 'array': {
      const item = schema.items ? schemaArbitrary(schema.items, components, depth + 1, mode) : fc.jsonValue();
      if (schema.prefixItems)
        return fc.tuple(
          ...schema.prefixItems.map((entry) => schemaArbitrary(entry, components, depth + 1, mode)),
        );
      return fc.array(item, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const record = fc.record(
        Object.fromEntries(
          properties.map(([name, property]) => [
            name,
            propertyArbitrary(name, property, components, depth, mode),
          ]),
        ),
        { requiredKeys: properties.flatMap(([name]) => (required.has(name) ? [name] : [])) },
      );
      if (valid) return record;
      return fc.oneof(
        { weight: 5, arbitrary: record },
        { weight: 1, arbitrary: record.map((value) => ({ ...value, unexpected: 'field' })) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
            maxKeys: 4,
          }),
        },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};
