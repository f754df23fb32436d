import { describe, expect, it } from 'vitest';
import { findConflicts } from '#domain/change/change-conflicts.ts';
import { blackout } from '#domain/change/conflicts/blackout.ts';
import { ciOverlap } from '#domain/change/conflicts/ci-overlap.ts';
import { relatedCiOverlap } from '#domain/change/conflicts/related-ci-overlap.ts';
import { aChange, aPlannedChange, aWindow, noScheduling } from './change-fixtures.ts';

const change = aChange(); // db-1, 02:00-04:00 on 1 December

describe('ciOverlap', () => {
  it('finds nothing for back-to-back changes on the same CI (half-open intervals)', () => {
    const other = aPlannedChange({ plannedStart: change.plannedEnd, plannedEnd: '2026-12-01T06:00:00.000Z' });
    expect(ciOverlap(change, { ...noScheduling, otherChanges: [other] })).toEqual([]);
  });

  it('finds a scheduled change overlapping on the same CI', () => {
    expect(ciOverlap(change, { ...noScheduling, otherChanges: [aPlannedChange()] })).toEqual([
      { kind: 'ci_overlap', changeId: 'chg-2', ciId: 'db-1' },
    ]);
  });

  it('ignores changes that hold no slot, and the change itself', () => {
    const others = [aPlannedChange({ state: 'authorize' }), aPlannedChange({ id: change.id })];
    expect(ciOverlap(change, { ...noScheduling, otherChanges: others })).toEqual([]);
  });
});

describe('relatedCiOverlap', () => {
  const onApp = aPlannedChange({ state: 'implement', ciIds: ['app-1'] });

  it('finds nothing when the CIs are not related', () => {
    expect(relatedCiOverlap(change, { ...noScheduling, otherChanges: [onApp] })).toEqual([]);
  });

  it('finds an overlapping change on a CI one hop away, in either direction', () => {
    const conflict = [{ kind: 'related_ci_overlap', changeId: 'chg-2', ciId: 'db-1' }];
    expect(
      relatedCiOverlap(change, { ...noScheduling, otherChanges: [onApp], relatedCis: { 'db-1': ['app-1'] } }),
    ).toEqual(conflict);
    expect(
      relatedCiOverlap(change, { ...noScheduling, otherChanges: [onApp], relatedCis: { 'app-1': ['db-1'] } }),
    ).toEqual(conflict);
  });
});

describe('blackout', () => {
  it('ignores maintenance windows and blackouts on other CIs', () => {
    const windows = [aWindow({ kind: 'maintenance' }), aWindow({ ciIds: ['web-1'] })];
    expect(blackout(change, { ...noScheduling, windows })).toEqual([]);
  });

  it('finds a blackout without ciIds on every CI of the change', () => {
    const twoCis = aChange({ ciIds: ['db-1', 'db-2'] });
    expect(blackout(twoCis, { ...noScheduling, windows: [aWindow()] })).toEqual([
      { kind: 'blackout', windowId: 'win-1', ciId: 'db-1' },
      { kind: 'blackout', windowId: 'win-1', ciId: 'db-2' },
    ]);
  });
});

describe('findConflicts', () => {
  it('returns every kind, deduplicated and sorted by kind, CI, then change or window', () => {
    // Prepare
    const twoCis = aChange({ ciIds: ['db-2', 'db-1'] });
    const context = {
      otherChanges: [
        aPlannedChange({ id: 'chg-3', ciIds: ['db-1', 'db-2'] }),
        aPlannedChange({ id: 'chg-2' }),
      ],
      windows: [aWindow({ ciIds: ['db-2'] }), aWindow({ ciIds: ['db-2'] })],
      relatedCis: { 'db-2': ['db-1'] },
    };

    // Act
    const conflicts = findConflicts(twoCis, context);

    // Assess
    expect(conflicts).toEqual([
      { kind: 'ci_overlap', changeId: 'chg-2', ciId: 'db-1' },
      { kind: 'ci_overlap', changeId: 'chg-3', ciId: 'db-1' },
      { kind: 'ci_overlap', changeId: 'chg-3', ciId: 'db-2' },
      { kind: 'related_ci_overlap', changeId: 'chg-3', ciId: 'db-1' },
      { kind: 'related_ci_overlap', changeId: 'chg-2', ciId: 'db-2' },
      { kind: 'related_ci_overlap', changeId: 'chg-3', ciId: 'db-2' },
      { kind: 'blackout', windowId: 'win-1', ciId: 'db-2' },
    ]);
  });

  it('makes two overlapping changes on one CI report each other', () => {
    // Prepare
    const first = aChange({ id: 'a', state: 'scheduled' });
    const second = aChange({ id: 'b', state: 'scheduled', plannedStart: '2026-12-01T03:00:00.000Z' });

    // Act
    const fromFirst = findConflicts(first, { ...noScheduling, otherChanges: [second] });
    const fromSecond = findConflicts(second, { ...noScheduling, otherChanges: [first] });

    // Assess
    expect([fromFirst[0]?.changeId, fromSecond[0]?.changeId]).toEqual(['b', 'a']);
  });
});
