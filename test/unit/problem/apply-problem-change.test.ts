import { describe, expect, it } from 'vitest';
import { applyProblemChange } from '#domain/problem/apply-problem-change.ts';
import { openProblem } from '#domain/problem/open-problem.ts';
import { admin, agent, aProblem, now, requester, thrown } from './problem-fixtures.ts';

describe('applyProblemChange', () => {
  it('returns the new problem and its field changes, without bumping the version', () => {
    // Prepare
    const problem = aProblem({ state: 'fix_in_progress', rootCause: 'Disk full' });

    // Act
    const result = applyProblemChange(
      problem,
      { state: 'resolved', workaround: 'Purge the spool' },
      agent,
      now,
    );

    // Assess
    expect(result.problem).toMatchObject({ state: 'resolved', resolvedAt: now, updatedAt: now, version: 1 });
    expect(result.changes).toEqual([
      { field: 'state', from: 'fix_in_progress', to: 'resolved' },
      { field: 'workaround', from: null, to: 'Purge the spool' },
      { field: 'resolvedAt', from: null, to: now },
    ]);
  });

  it('marks a known error when root cause and workaround are there', () => {
    // Prepare
    const problem = aProblem({ state: 'root_cause_analysis' });

    // Act
    const { problem: next } = applyProblemChange(
      problem,
      { knownError: true, rootCause: 'Disk full', workaround: 'Purge the spool' },
      agent,
      now,
    );

    // Assess
    expect(next.knownError).toBe(true);
  });

  it('refuses to clear the workaround of a known error (checked on every change, not only at the flag)', () => {
    // Prepare
    const problem = aProblem({ knownError: true, rootCause: 'Disk full', workaround: 'Purge the spool' });

    // Act
    const error = thrown(() => applyProblemChange(problem, { workaround: null }, agent, now));

    // Assess
    expect(error.kind).toBe('validation');
    expect(error.errors).toEqual([{ path: 'workaround', message: 'A known error needs a workaround' }]);
  });

  it('lists every missing field in one 422', () => {
    // Prepare
    const problem = aProblem({ state: 'fix_in_progress' });

    // Act
    const error = thrown(() =>
      applyProblemChange(problem, { state: 'resolved', knownError: true, title: '' }, agent, now),
    );

    // Assess
    expect(error.errors?.map((entry) => entry.path).sort()).toEqual([
      'rootCause',
      'rootCause',
      'title',
      'workaround',
    ]);
  });

  it('says 403 before 409 before 422', () => {
    // Prepare
    const problem = aProblem({ state: 'new' });

    // Act
    const asRequester = thrown(() =>
      applyProblemChange(problem, { state: 'closed', title: '' }, requester, now),
    );
    const asAgent = thrown(() => applyProblemChange(problem, { state: 'closed', title: '' }, agent, now));

    // Assess
    expect([asRequester.kind, asAgent.kind]).toEqual(['forbidden', 'conflict']);
  });

  it('returns the problem untouched when nothing changes', () => {
    // Prepare
    const problem = aProblem({ assignee: 'alex' });

    // Act
    const result = applyProblemChange(problem, { assignee: 'alex' }, admin, now);

    // Assess
    expect(result).toEqual({ problem, changes: [] });
  });
});

describe('openProblem', () => {
  it('opens a problem in new with the incidents it was raised from', () => {
    // Act
    const problem = openProblem({ title: 'Nightly stall', incidentIds: ['i1', 'i1', 'i2'] }, agent, now);

    // Assess
    expect(problem).toMatchObject({
      state: 'new',
      knownError: false,
      incidentIds: ['i1', 'i2'],
      createdBy: 'alex',
    });
    expect(problem).not.toHaveProperty('version');
  });

  it('refuses a requester with 403', () => {
    // Act
    const error = thrown(() => openProblem({ title: 'Nightly stall' }, requester, now));

    // Assess
    expect(error.kind).toBe('forbidden');
  });
});
