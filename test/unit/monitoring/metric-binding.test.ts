import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TREAT_MISSING_DATA } from '#domain/metrics/metric-point.ts';
import {
  definitionOf,
  METRIC_KINDS,
  METRIC_STATS,
  type MetricBindingDefinition,
  readsAnotherSeries,
  sameDefinition,
  validateBinding,
} from '#domain/monitoring/metric-binding.ts';

const cpu: MetricBindingDefinition = {
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: [{ name: 'InstanceId', value: 'i-0abc' }],
  stat: 'Average',
  periodSeconds: 60,
  kind: 'performance',
};
const paths = (errors: ReturnType<typeof validateBinding>) => errors.map((error) => error.path);

describe('validateBinding', () => {
  it('accepts a binding CloudWatch would read', () => {
    // Act, Assess
    expect(validateBinding('cpu', cpu)).toEqual([]);
    expect(validateBinding('a'.repeat(64), { ...cpu, periodSeconds: 86_400 })).toEqual([]);
    expect(validateBinding('disk-free', { ...cpu, kind: 'capacity', capacityLimit: 100 })).toEqual([]);
    expect(
      validateBinding('up', {
        ...cpu,
        kind: 'availability',
        threshold: { comparison: '<', value: 1, forPeriods: 1 },
      }),
    ).toEqual([]);
  });

  it('names every failing field at once', () => {
    // Act
    const errors = validateBinding('CPU!', {
      ...cpu,
      kind: 'capacity',
      periodSeconds: 90,
      dimensions: [
        { name: 'InstanceId', value: 'i-1' },
        { name: 'InstanceId', value: 'i-2' },
      ],
    });
    // Assess
    expect(errors).toEqual([
      { path: 'key', message: 'must match [a-z0-9-]{1,64}' },
      { path: 'periodSeconds', message: 'must be 60 or a multiple of 60' },
      { path: 'capacityLimit', message: 'a capacity binding needs the limit it is forecast against' },
      { path: 'dimensions.1.name', message: 'names a dimension twice' },
    ]);
  });

  it('needs a threshold on an availability binding', () => {
    // Act, Assess
    expect(validateBinding('up', { ...cpu, kind: 'availability' })).toEqual([
      {
        path: 'threshold',
        message: 'an availability binding needs the threshold that makes a period unhealthy',
      },
    ]);
  });

  it('takes a capacity limit of 0 as given', () => {
    // Act, Assess
    expect(validateBinding('queue', { ...cpu, kind: 'capacity', capacityLimit: 0 })).toEqual([]);
  });

  it('refuses periods under a minute or not whole minutes', () => {
    // Act, Assess
    for (const periodSeconds of [0, 1, 30, 59, 61, 90, -60])
      expect(paths(validateBinding('cpu', { ...cpu, periodSeconds }))).toEqual(['periodSeconds']);
  });

  it('refuses keys CloudWatch ids and URLs would choke on', () => {
    // Act, Assess
    for (const key of ['', 'a'.repeat(65), 'Disk', 'disk_free', 'disk free', 'disk/free'])
      expect(paths(validateBinding(key, cpu))).toEqual(['key']);
  });

  it('points at every repeat of a dimension name', () => {
    // Act
    const errors = validateBinding('cpu', {
      ...cpu,
      dimensions: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'A', value: '3' },
        { name: 'A', value: '4' },
      ],
    });
    // Assess
    expect(paths(errors)).toEqual(['dimensions.2.name', 'dimensions.3.name']);
  });
});

describe('validateBinding property', () => {
  it('reports exactly the fields that break a rule, whatever else is wrong', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...METRIC_KINDS),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (goodKey, goodPeriod, kind, hasLimit, hasThreshold, repeatsName) => {
          // Prepare
          const definition: MetricBindingDefinition = {
            ...cpu,
            kind,
            periodSeconds: goodPeriod ? 300 : 45,
            dimensions: [
              { name: 'InstanceId', value: 'i-1' },
              { name: repeatsName ? 'InstanceId' : 'Region', value: 'x' },
            ],
            ...(hasLimit ? { capacityLimit: 80 } : {}),
            ...(hasThreshold ? { threshold: { comparison: '>', value: 90, forPeriods: 3 } } : {}),
          };
          // Act
          const errors = validateBinding(goodKey ? 'cpu' : 'CPU', definition);
          // Assess
          expect(paths(errors)).toEqual([
            ...(goodKey ? [] : ['key']),
            ...(goodPeriod ? [] : ['periodSeconds']),
            ...(kind === 'capacity' && !hasLimit ? ['capacityLimit'] : []),
            ...(kind === 'availability' && !hasThreshold ? ['threshold'] : []),
            ...(repeatsName ? ['dimensions.1.name'] : []),
          ]);
        },
      ),
    );
  });
});

describe('readsAnotherSeries', () => {
  it('starts a new series when what CloudWatch reads changes', () => {
    // Act, Assess
    expect(readsAnotherSeries(cpu, { ...cpu, namespace: 'Custom/App' })).toBe(true);
    expect(readsAnotherSeries(cpu, { ...cpu, metricName: 'NetworkIn' })).toBe(true);
    expect(readsAnotherSeries(cpu, { ...cpu, stat: 'Maximum' })).toBe(true);
    expect(readsAnotherSeries(cpu, { ...cpu, periodSeconds: 300 })).toBe(true);
    expect(readsAnotherSeries(cpu, { ...cpu, dimensions: [{ name: 'InstanceId', value: 'i-0def' }] })).toBe(
      true,
    );
    expect(readsAnotherSeries(cpu, { ...cpu, dimensions: [] })).toBe(true);
    expect(readsAnotherSeries(cpu, { ...cpu, unit: 'Count' })).toBe(true);
  });

  it('reads dimensions as a set: their order and key order are the same series', () => {
    // Arrange
    const two: MetricBindingDefinition = {
      ...cpu,
      dimensions: [
        { name: 'AutoScalingGroupName', value: 'web' },
        { name: 'InstanceId', value: 'i-0abc' },
      ],
    };
    const reordered = {
      ...two,
      dimensions: [
        { value: 'i-0abc', name: 'InstanceId' },
        { value: 'web', name: 'AutoScalingGroupName' },
      ],
    };

    // Act, Assess
    expect(readsAnotherSeries(two, reordered)).toBe(false);
  });

  it('keeps the series when only what the analyses do with it changes', () => {
    // Act, Assess
    expect(readsAnotherSeries(cpu, cpu)).toBe(false);
    expect(
      readsAnotherSeries(cpu, { ...cpu, threshold: { comparison: '>', value: 90, forPeriods: 3 } }),
    ).toBe(false);
    expect(readsAnotherSeries(cpu, { ...cpu, kind: 'capacity', capacityLimit: 100 })).toBe(false);
    expect(readsAnotherSeries(cpu, { ...cpu, treatMissingData: 'breaching' })).toBe(false);
    expect(readsAnotherSeries(cpu, { ...cpu, dimensions: cpu.dimensions.map((d) => ({ ...d })) })).toBe(
      false,
    );
  });
});

describe('definitionOf and sameDefinition', () => {
  const full: MetricBindingDefinition = {
    ...cpu,
    kind: 'capacity',
    unit: 'Percent',
    capacityLimit: 95,
    threshold: { comparison: '>=', value: 90, forPeriods: 3 },
    treatMissingData: 'missing',
  };

  it('keeps the definition alone, in one field order', () => {
    // Prepare
    const stored = {
      revision: 4,
      ciId: 'ci-1',
      key: 'cpu',
      treatMissingData: 'missing' as const,
      threshold: { forPeriods: 3, value: 90, comparison: '>=' as const, note: 'extra' },
      capacityLimit: 95,
      unit: 'Percent',
      kind: 'capacity' as const,
      periodSeconds: 60,
      stat: 'Average' as const,
      dimensions: [{ value: 'i-0abc', name: 'InstanceId', extra: true }],
      metricName: 'CPUUtilization',
      namespace: 'AWS/EC2',
    };
    // Act
    const definition = definitionOf(stored);
    // Assess
    expect(JSON.stringify(definition)).toBe(JSON.stringify(full));
  });

  it('leaves absent and undefined fields out', () => {
    // Act
    const definition = definitionOf({
      ...cpu,
      unit: undefined,
      capacityLimit: undefined,
      threshold: undefined,
    });
    // Assess
    expect(Object.keys(definition)).toEqual([
      'namespace',
      'metricName',
      'dimensions',
      'stat',
      'periodSeconds',
      'kind',
    ]);
  });

  it('keeps a capacity limit of 0', () => {
    // Act, Assess
    expect(definitionOf({ ...cpu, kind: 'capacity', capacityLimit: 0 }).capacityLimit).toBe(0);
  });

  it('finds two definitions the same whatever their key order and undefined fields', () => {
    // Prepare
    const reordered = Object.fromEntries(Object.entries(full).reverse()) as MetricBindingDefinition;
    // Act, Assess
    expect(sameDefinition(full, reordered)).toBe(true);
    expect(sameDefinition(cpu, { ...cpu, unit: undefined, treatMissingData: undefined })).toBe(true);
    expect(sameDefinition(full, { ...full, dimensions: [{ value: 'i-0abc', name: 'InstanceId' }] })).toBe(
      true,
    );
  });

  it('tells definitions apart by any field', () => {
    // Act, Assess
    expect(sameDefinition(full, { ...full, capacityLimit: 96 })).toBe(false);
    expect(sameDefinition(full, { ...full, unit: undefined })).toBe(false);
    expect(sameDefinition(full, { ...full, threshold: { comparison: '>=', value: 90, forPeriods: 4 } })).toBe(
      false,
    );
    expect(sameDefinition(full, { ...full, treatMissingData: 'ignore' })).toBe(false);
    expect(sameDefinition(full, { ...full, kind: 'performance' })).toBe(false);
  });
});

describe('definitionOf properties', () => {
  const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
  const definitions: fc.Arbitrary<MetricBindingDefinition> = fc.record({
    namespace: fc.string({ minLength: 1, maxLength: 20 }),
    metricName: fc.string({ minLength: 1, maxLength: 20 }),
    dimensions: fc.array(
      fc.record({ name: fc.string({ maxLength: 8 }), value: fc.string({ maxLength: 8 }) }),
      {
        maxLength: 4,
      },
    ),
    stat: fc.constantFrom(...METRIC_STATS),
    periodSeconds: fc.integer({ min: 1, max: 1440 }).map((n) => n * 60),
    kind: fc.constantFrom(...METRIC_KINDS),
    unit: optional(fc.constantFrom('Percent', 'Bytes', 'Count')),
    capacityLimit: optional(fc.double({ noNaN: true })),
    threshold: optional(
      fc.record({
        comparison: fc.constantFrom('>', '>=', '<', '<=' as const),
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
        forPeriods: fc.integer({ min: 1, max: 100 }),
      }),
    ),
    treatMissingData: optional(fc.constantFrom(...TREAT_MISSING_DATA)),
  });
  /** The same definition with its keys, and its dimensions' keys, in another order. */
  const shuffled = (definition: MetricBindingDefinition, seed: number): MetricBindingDefinition => {
    const turn = <T extends object>(value: T): T => {
      const entries = Object.entries(value);
      const at = seed % Math.max(1, entries.length);
      return Object.fromEntries([...entries.slice(at), ...entries.slice(0, at)].reverse()) as T;
    };
    return turn({ ...definition, dimensions: definition.dimensions.map(turn) });
  };

  it('is the same for a definition and its reordered copy, and a fixed point', () => {
    fc.assert(
      fc.property(definitions, fc.nat(), (definition, seed) => {
        // Act
        const once = definitionOf(definition);
        // Assess
        expect(sameDefinition(definition, shuffled(definition, seed))).toBe(true);
        expect(JSON.stringify(definitionOf(once))).toBe(JSON.stringify(once));
        expect(Object.values(once)).not.toContain(undefined);
      }),
    );
  });

  it('a definition that reads another series is never the same definition', () => {
    fc.assert(
      fc.property(definitions, definitions, (a, b) => {
        // Act, Assess
        if (readsAnotherSeries(a, b)) expect(sameDefinition(a, b)).toBe(false);
      }),
    );
  });
});
