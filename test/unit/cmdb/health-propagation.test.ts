import { describe, expect, it } from 'vitest';
import { type Health, healthRecomputeSet, propagateHealth, walkEdges } from '#domain/cmdb/index.ts';

// service depends_on application runs_on server
const edges = [
  { fromId: 'svc', toId: 'app', type: 'depends_on' as const },
  { fromId: 'app', toId: 'srv', type: 'runs_on' as const },
];
const needs = new Map([
  ['svc', ['app']],
  ['app', ['srv']],
]);

const recompute = (own: Record<string, Health>) => {
  const affected = healthRecomputeSet(
    ['srv'],
    walkEdges(edges, { startId: 'srv', direction: 'impact', depth: 10 }),
  );
  return propagateHealth({ affected, own: new Map(Object.entries(own)), needs, stored: new Map() });
};

describe('health propagation (the end-to-end chain of the README, in the domain)', () => {
  it('makes the service down when its server has a P1 open', () => {
    // Act
    const health = recompute({ srv: 'down' });
    // Assess
    expect(Object.fromEntries(health)).toEqual({ srv: 'down', app: 'down', svc: 'down' });
  });

  it('restores ok everywhere once the incident is resolved', () => {
    // Act: the server's own health went back to ok
    const health = recompute({ srv: 'ok' });
    // Assess
    expect(Object.fromEntries(health)).toEqual({ srv: 'ok', app: 'ok', svc: 'ok' });
  });

  it('keeps a CI own health when it is worse than what it needs', () => {
    // Act
    const health = recompute({ srv: 'degraded', svc: 'down' });
    // Assess
    expect(health.get('app')).toBe('degraded');
    expect(health.get('svc')).toBe('down');
  });
});

describe('propagateHealth', () => {
  it('reads CIs outside the affected set from their stored effective health', () => {
    // Prepare: app also needs a queue that is down but untouched by this change
    const input = {
      affected: ['srv', 'app'],
      own: new Map<string, Health>(),
      needs: new Map([['app', ['srv', 'queue']]]),
      stored: new Map<string, Health>([['queue', 'down']]),
    };
    // Act
    const health = propagateHealth(input);
    // Assess
    expect(health.get('srv')).toBe('ok');
    expect(health.get('app')).toBe('down');
  });

  it('is right whatever the order of CIs at the same distance', () => {
    // Prepare: x needs both srv and y; y needs srv; both are at distance 1 from srv
    const input = {
      affected: ['srv', 'x', 'y'],
      own: new Map<string, Health>([['srv', 'degraded']]),
      needs: new Map([
        ['x', ['srv', 'y']],
        ['y', ['srv']],
      ]),
      stored: new Map<string, Health>(),
    };
    // Act
    const health = propagateHealth(input);
    // Assess
    expect(Object.fromEntries(health)).toEqual({ srv: 'degraded', x: 'degraded', y: 'degraded' });
  });

  it('does not invent an outage around a cycle', () => {
    // Prepare: a and b need each other, neither has a signal
    const input = {
      affected: ['a', 'b'],
      own: new Map<string, Health>(),
      needs: new Map([
        ['a', ['b']],
        ['b', ['a']],
      ]),
      stored: new Map<string, Health>([
        ['a', 'down'],
        ['b', 'down'],
      ]),
    };
    // Act
    const health = propagateHealth(input);
    // Assess: the stale stored values of affected CIs are not read back
    expect(Object.fromEntries(health)).toEqual({ a: 'ok', b: 'ok' });
  });

  it('spreads an outage around a cycle', () => {
    // Act
    const health = propagateHealth({
      affected: ['a', 'b', 'c'],
      own: new Map<string, Health>([['c', 'down']]),
      needs: new Map([
        ['a', ['b']],
        ['b', ['a', 'c']],
      ]),
      stored: new Map(),
    });
    // Assess
    expect(Object.fromEntries(health)).toEqual({ a: 'down', b: 'down', c: 'down' });
  });
});

describe('healthRecomputeSet', () => {
  it('is the changed CI plus everything that needs it, without duplicates', () => {
    // Act
    const set = healthRecomputeSet(
      ['srv', 'db'],
      [
        { ciId: 'app', distance: 1, path: ['srv', 'app'] },
        { ciId: 'db', distance: 1, path: ['srv', 'db'] },
      ],
    );
    // Assess
    expect(set).toEqual(['srv', 'db', 'app']);
  });
});
