import { describe, expect, it } from 'vitest';
import { isAttributeValue } from '#domain/cmdb/configuration-item.ts';
import { validateCiPatch, validateNewCi } from '#domain/cmdb/index.ts';

describe('validateNewCi', () => {
  it('accepts a typed CI with flat attributes', () => {
    // Prepare
    const input = {
      name: 'checkout',
      type: 'service',
      attributes: { owner: 'payments', replicas: 3, public: true, zones: ['eu-west-1a'] },
      externalId: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1',
      serviceTier: 1,
    };
    // Act
    const errors = validateNewCi(input);
    // Assess
    expect(errors).toEqual([]);
  });

  it('lists an unknown type, an empty name, a bad tier and non-flat attribute values', () => {
    // Prepare
    const input = {
      name: '  ',
      type: 'mainframe',
      attributes: { nested: { a: 1 }, nan: Number.NaN, gone: null, mixed: ['a', 1] },
      serviceTier: 7,
    };
    // Act
    const errors = validateNewCi(input);
    // Assess
    expect(errors.map((e) => e.path)).toEqual([
      'name',
      'type',
      'attributes.nested',
      'attributes.nan',
      'attributes.gone',
      'attributes.mixed',
      'serviceTier',
    ]);
  });

  it('refuses an empty externalId', () => {
    // Act
    const errors = validateNewCi({ name: 'db', type: 'database', externalId: '' });
    // Assess
    expect(errors).toEqual([{ path: 'externalId', message: expect.any(String) }]);
  });
});

describe('validateCiPatch', () => {
  it('accepts a partial patch where null removes an attribute or the tier', () => {
    // Act
    const errors = validateCiPatch({ attributes: { owner: 'sre', legacy: null }, serviceTier: null });
    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses an empty name, an unknown type and an object value', () => {
    // Act
    const errors = validateCiPatch({ name: '', type: 'robot', attributes: { x: { y: 1 } } });
    // Assess
    expect(errors.map((e) => e.path)).toEqual(['name', 'type', 'attributes.x']);
  });
});

describe('attribute numbers the store can keep', () => {
  it.each([0, 1, -2.5, 1e-130, 9.99e125, -1e-130])('%d is an attribute value', (value) => {
    expect(isAttributeValue(value)).toBe(true);
  });
  it.each([5e-324, 1e-131, 1e126, -1e200, Number.NaN, Number.POSITIVE_INFINITY])('%d is refused', (value) => {
    expect(isAttributeValue(value)).toBe(false);
  });
});
