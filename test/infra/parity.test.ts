import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '#functions/manifest.ts';
import { manifest, routesOf } from '#functions/manifest.ts';
import { ruleDescription, scheduleDescription } from '#infra/constructs/naming.ts';
import { localOnlyRouteKeys } from '#infra/local/console-site.ts';
import { localRoutes, localRules, localSchedules } from '#infra/local/routing.ts';
import { extendedManifest } from './support/sample-manifest.ts';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';
import { canonicalJson, templateEventRules, templateRoutes } from './support/template-views.ts';

/** One line per route, schedule or rule, so set differences read well in a failure. */
const sorted = (lines: string[]) => [...lines].sort();

const cloudRoutes = (synthesized: SynthesizedOpsDesk) =>
  sorted(
    templateRoutes(synthesized.template).map(
      (route) => `${route.routeKey} -> ${route.functionName}${route.public ? ' (public)' : ''}`,
    ),
  );
const runnerRoutes = (specs: FunctionSpec[]) =>
  sorted(
    localRoutes(specs).map(
      (route) => `${route.routeKey} -> ${route.functionName}${route.public ? ' (public)' : ''}`,
    ),
  );

const cloudSchedules = (synthesized: SynthesizedOpsDesk) =>
  sorted(
    templateEventRules(synthesized.template)
      .filter((rule) => rule.scheduleExpression !== undefined)
      .map(
        (rule) => `${rule.scheduleExpression} -> ${rule.functionName} [${rule.description}] on ${rule.bus}`,
      ),
  );
const runnerSchedules = (specs: FunctionSpec[]) =>
  sorted(
    localSchedules(specs).map(
      (schedule) =>
        // Schedules are rules on the default bus.
        `${schedule.expression} -> ${schedule.functionName} [${scheduleDescription(schedule.functionName, schedule.name)}] on default`,
    ),
  );

const cloudRules = (synthesized: SynthesizedOpsDesk) =>
  sorted(
    templateEventRules(synthesized.template)
      .filter((rule) => rule.eventPattern !== undefined)
      .map(
        (rule) =>
          `${rule.bus}: ${canonicalJson(rule.eventPattern)} -> ${rule.functionName} [${rule.description}]`,
      ),
  );
const runnerRules = (specs: FunctionSpec[]) =>
  sorted(
    localRules(specs).map(
      (rule) =>
        `${rule.bus}: ${canonicalJson(rule.pattern)} -> ${rule.functionName} [${ruleDescription(rule.functionName, rule.name)}]`,
    ),
  );

describe.each([
  { title: 'the manifest', specs: manifest },
  { title: 'a manifest using every trigger kind', specs: extendedManifest },
])('cloud and local runner agree for $title', ({ specs }) => {
  let synthesized: SynthesizedOpsDesk;

  beforeAll(() => {
    // Parity reads only wiring, so the functions need no bundle.
    synthesized = synthesizeOpsDesk({ bundle: false, opsDesk: { functions: specs } });
  });
  afterAll(() => synthesized?.dispose());

  it('serves the same routes with the same functions and the same public routes', () => {
    expect(cloudRoutes(synthesized)).toEqual(runnerRoutes(specs));
    expect(cloudRoutes(synthesized).length).toBe(specs.flatMap((spec) => routesOf(spec)).length);
  });

  it('fires the same schedules on the same functions', () => {
    expect(cloudSchedules(synthesized)).toEqual(runnerSchedules(specs));
  });

  it('routes the same event patterns from the same buses to the same functions', () => {
    expect(cloudRules(synthesized)).toEqual(runnerRules(specs));
  });

  it('has no rule that is neither a schedule nor an event pattern', () => {
    const rules = templateEventRules(synthesized.template);
    expect(rules.length).toBe(cloudSchedules(synthesized).length + cloudRules(synthesized).length);
  });
});

it('names the console sign-in as the one route only the local runner has', () => {
  // The local "Sign in" form mints local tokens; the deployed stack signs in through its issuer.
  const synthesized = synthesizeOpsDesk({ bundle: false });
  try {
    const cloud = templateRoutes(synthesized.template).map((route) => route.routeKey);
    expect(localOnlyRouteKeys).toEqual(['POST /console/local-sign-in']);
    for (const key of localOnlyRouteKeys) {
      expect(cloud).not.toContain(key);
      expect(localRoutes().map((route) => route.routeKey)).not.toContain(key);
    }
  } finally {
    synthesized.dispose();
  }
});

it('the richer manifest really exercises schedules and both buses', () => {
  expect(localSchedules(extendedManifest).length).toBeGreaterThan(0);
  expect(new Set(localRules(extendedManifest).map((rule) => rule.bus))).toEqual(
    new Set(['default', 'platform']),
  );
});
