import { describe, expect, it } from 'vitest';
import { validateChangeWindow } from '#domain/change/change-window.ts';
import { thrown } from './change-fixtures.ts';

describe('validateChangeWindow', () => {
  it('accepts a blackout on every CI', () => {
    // Prepare
    const body = {
      kind: 'blackout',
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-27T00:00:00Z',
      reason: 'Holidays',
    };

    // Act
    const window = validateChangeWindow(body);

    // Assess
    expect(window).toEqual(body);
  });

  it('lists every invalid field in one 422', () => {
    // Prepare
    const body = {
      kind: 'freeze',
      start: '2026-12-27T00:00:00Z',
      end: '2026-12-24T00:00:00Z',
      ciIds: [],
      reason: ' ',
    };

    // Act
    const error = thrown(() => validateChangeWindow(body));

    // Assess
    expect(error.kind).toBe('validation');
    expect(error.errors?.map((entry) => entry.path)).toEqual(['kind', 'end', 'ciIds', 'reason']);
  });

  it('refuses timestamps that are not RFC 3339', () => {
    // Act
    const error = thrown(() =>
      validateChangeWindow({
        kind: 'maintenance',
        start: 'tomorrow',
        end: '2026-12-24',
        reason: 'Patch night',
      }),
    );

    // Assess
    expect(error.errors?.map((entry) => entry.path)).toEqual(['start', 'end']);
  });
});
