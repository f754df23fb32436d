import { describe, expect, it } from 'vitest';
import { applyChangePatch } from '#domain/change/change-lifecycle.ts';
import { openChange } from '#domain/change/open-change.ts';
import { aChange, agent, aWindow, noScheduling, now, requester, thrown } from './change-fixtures.ts';

const newChange = {
  title: 'Patch the database',
  type: 'normal' as const,
  ciIds: ['db-1', 'db-1'],
  plannedStart: '2026-12-01T02:00:00.000Z',
  plannedEnd: '2026-12-01T04:00:00.000Z',
};

describe('openChange', () => {
  it('opens a change in new with its risk', () => {
    // Act
    const change = openChange(newChange, agent, now, { risk: 'moderate', riskReasons: [] });

    // Assess
    expect(change).toMatchObject({
      state: 'new',
      risk: 'moderate',
      ciIds: ['db-1'],
      approvals: [],
      createdBy: 'alex',
    });
  });

  it('lists every invalid field in one 422', () => {
    // Prepare
    const invalid = {
      ...newChange,
      type: 'urgent' as 'normal',
      ciIds: [],
      plannedEnd: newChange.plannedStart,
    };

    // Act
    const error = thrown(() => openChange(invalid, agent, now, { risk: 'low', riskReasons: [] }));

    // Assess
    expect(error.kind).toBe('validation');
    expect(error.errors?.map((entry) => entry.path)).toEqual(['type', 'ciIds', 'plannedEnd']);
  });

  it('refuses a requester with 403', () => {
    // Act
    const error = thrown(() => openChange(newChange, requester, now, { risk: 'low', riskReasons: [] }));

    // Assess
    expect(error.kind).toBe('forbidden');
  });
});

describe('applyChangePatch', () => {
  it('schedules a standard change directly and records the conflicts it found', () => {
    // Prepare
    const change = aChange({ type: 'standard' });
    const scheduling = { ...noScheduling, windows: [aWindow({ kind: 'maintenance' })] };

    // Act
    const { change: next } = applyChangePatch(change, { state: 'scheduled' }, agent, now, { scheduling });

    // Assess
    expect(next).toMatchObject({ state: 'scheduled', conflicts: [], updatedAt: now, version: 1 });
  });

  it('refuses to schedule a standard change into a blackout, listing the conflict (409)', () => {
    // Prepare
    const change = aChange({ type: 'standard' });
    const scheduling = { ...noScheduling, windows: [aWindow()] };

    // Act
    const error = thrown(() => applyChangePatch(change, { state: 'scheduled' }, agent, now, { scheduling }));

    // Assess
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ conflicts: [{ kind: 'blackout', windowId: 'win-1', ciId: 'db-1' }] });
  });

  it('refuses a direct PATCH of a normal change from authorize to scheduled (409)', () => {
    // Act
    const error = thrown(() =>
      applyChangePatch(aChange({ state: 'authorize' }), { state: 'scheduled' }, agent, now),
    );

    // Assess
    expect(error.kind).toBe('conflict');
  });

  it('closes a reviewed change with its outcome and the incidents it caused', () => {
    // Prepare
    const change = aChange({ state: 'implement' });
    const reviewed = applyChangePatch(change, { state: 'review' }, agent, now).change;

    // Act
    const { change: closed, changes } = applyChangePatch(
      reviewed,
      { state: 'closed', reviewOutcome: 'failed', causedIncidentIds: ['inc-9'] },
      agent,
      now,
    );

    // Assess
    expect(closed).toMatchObject({
      state: 'closed',
      reviewOutcome: 'failed',
      causedIncidentIds: ['inc-9'],
      closedAt: now,
    });
    expect(changes.map((change) => change.field)).toEqual([
      'state',
      'reviewOutcome',
      'causedIncidentIds',
      'closedAt',
    ]);
  });

  it('refuses closing without a review outcome (422)', () => {
    // Act
    const error = thrown(() =>
      applyChangePatch(aChange({ state: 'review' }), { state: 'closed' }, agent, now),
    );

    // Assess
    expect(error.errors).toEqual([
      { path: 'reviewOutcome', message: 'Closing a change needs a reviewOutcome' },
    ]);
  });

  it('takes a fresh risk assessment from the caller', () => {
    // Prepare
    const riskReasons = [
      { code: 'services_impacted' as const, detail: '5 services impacted through the CMDB' },
    ];

    // Act
    const { change } = applyChangePatch(aChange(), { ciIds: ['db-1', 'db-2'] }, agent, now, {
      risk: { risk: 'moderate', riskReasons },
    });

    // Assess
    expect(change).toMatchObject({ ciIds: ['db-1', 'db-2'], risk: 'moderate', riskReasons });
  });

  it('refuses a plannedEnd before plannedStart (422)', () => {
    // Act
    const error = thrown(() =>
      applyChangePatch(aChange(), { plannedEnd: '2026-12-01T01:00:00.000Z' }, agent, now),
    );

    // Assess
    expect(error.errors?.[0]?.path).toBe('plannedEnd');
  });
});
