import { describe, expect, it } from 'vitest';
import { addedCiReferences, ciReferenceErrors } from '#domain/cmdb/ci-references.ts';

const found = new Map([
  ['ci-active', { status: 'active' as const }],
  ['ci-retired', { status: 'retired' as const }],
]);

describe('what a record may point at', () => {
  it('an active CI is fine', () => {
    expect(ciReferenceErrors([{ path: 'ciId', id: 'ci-active' }], found)).toEqual([]);
  });

  it('an unknown CI and a retired CI are each named at their field', () => {
    expect(
      ciReferenceErrors(
        [
          { path: 'ciId', id: 'ghost' },
          { path: 'serviceId', id: 'ci-retired' },
        ],
        found,
      ),
    ).toEqual([
      { path: 'ciId', message: 'no CI with that id' },
      { path: 'serviceId', message: 'CI is retired' },
    ]);
  });

  it('a list names each new CI by its position and skips those already on the record', () => {
    expect(addedCiReferences('ciIds', ['a', 'b', 'c'])).toEqual([
      { path: 'ciIds.0', id: 'a' },
      { path: 'ciIds.1', id: 'b' },
      { path: 'ciIds.2', id: 'c' },
    ]);
    expect(addedCiReferences('ciIds', ['a', 'b'], ['a'])).toEqual([{ path: 'ciIds.1', id: 'b' }]);
  });
});
