import { describe, expect, it } from 'vitest';
import { externalIdGuardKey } from '#adapters/dynamo/cmdb-keys.ts';
import { indexAttributes } from '#adapters/dynamo/index-plans.ts';
import { createCiBody, listCisQuery } from '#schemas/cmdb.ts';
import { identifier, keyLimits, shortText, utf8Bytes } from '#schemas/common.ts';
import { fieldErrors } from '#schemas/validation.ts';

/** Every index key of a record fits DynamoDB's limits (partition 2048 bytes, sort 1024). */
const assertKeysFit = (attributes: Record<string, string>) => {
  for (const [name, value] of Object.entries(attributes))
    expect(utf8Bytes(value), name).toBeLessThanOrEqual(
      name.endsWith('pk') ? keyLimits.partition : keyLimits.sort,
    );
};

const ci = (fields: Record<string, unknown>) => ({
  id: 'a'.repeat(36),
  createdAt: '2026-11-24T09:00:00.000Z',
  type: 'server',
  status: 'active',
  ...fields,
});

describe('fields that become keys are limited in UTF-8 bytes', () => {
  it('the longest externalId the schema accepts keys its index and guard within the limits', () => {
    const arn = 'x'.repeat(2034);
    expect(createCiBody.safeParse({ name: 'n', type: 'server', externalId: arn }).success).toBe(true);
    assertKeysFit(indexAttributes('ci', ci({ name: 'n', externalId: arn })));
    expect(utf8Bytes(externalIdGuardKey(arn).pk)).toBeLessThanOrEqual(keyLimits.partition);
  });

  it('one byte more is refused, in characters or in multi-byte text, naming the field', () => {
    const ascii = createCiBody.safeParse({ name: 'n', type: 'server', externalId: 'x'.repeat(2035) });
    const wide = createCiBody.safeParse({ name: 'n', type: 'server', externalId: '€'.repeat(679) });
    const query = listCisQuery.safeParse({ externalId: '€'.repeat(679) });
    expect(ascii.success || fieldErrors(ascii.error.issues)).toEqual([
      { path: 'externalId', message: 'must have at most 2034 characters' },
    ]);
    expect(wide.success || fieldErrors(wide.error.issues)).toEqual([
      { path: 'externalId', message: 'must be at most 2034 bytes (UTF-8)' },
    ]);
    expect(query.success).toBe(false);
    expect(utf8Bytes('€'.repeat(678))).toBe(2034);
  });

  it('the longest name and identifiers key their indexes within the limits, in 4-byte text too', () => {
    const name = '😀'.repeat(200);
    const id = 'i'.repeat(128);
    expect(shortText.safeParse(name).success).toBe(true);
    expect(identifier.safeParse(id).success).toBe(true);
    expect(identifier.safeParse('é').success).toBe(false);
    assertKeysFit(indexAttributes('ci', ci({ name })));
    assertKeysFit(
      indexAttributes('incident', {
        id,
        createdAt: '2026-11-24T09:00:00.000Z',
        state: 'new',
        callerId: id,
        assignee: id,
        assignmentGroup: id,
        ciId: id,
        priority: 1,
        parentId: id,
        problemId: id,
      }),
    );
  });
});
