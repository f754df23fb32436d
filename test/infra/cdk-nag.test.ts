import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpsDeskApp } from '#infra/opsdesk-stack.ts';
import { extendedManifest } from './support/sample-manifest.ts';

/** cdk-nag 3 reports through the CDK validation framework, not as annotations: ask the pack directly. */
const findings = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) =>
          `${violation.ruleName} (${violation.severity}) at ${resource.constructPath}: ${violation.description}`,
      ),
    );

/** Every acknowledgment (suppression) in the tree: the rule id, the reason and where it sits. */
const acknowledgments = (scope: IConstruct) =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id,
          reason,
          path: construct.node.path,
        })),
      ),
  );

let opsDesk: ReturnType<typeof createOpsDeskApp>;
let outdir: string;

const scratchDirs: string[] = [];
/** A scratch cloud assembly directory, removed after the file. */
const scratchOutdir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-nag-'));
  scratchDirs.push(dir);
  return dir;
};

beforeAll(() => {
  // The app as infra/app.ts builds it, AwsSolutions plugin included. Rules read resource
  // properties, never bundle contents, so esbuild is skipped.
  outdir = scratchOutdir();
  opsDesk = createOpsDeskApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
});
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the app stack', () => {
    expect(findings(opsDesk.app)).toEqual([]);
  });

  it('synthesizes through the plugin with no violation, error or warning, in the validation report', () => {
    // Synthesis runs the AwsSolutions pack (Validations plugin) and throws on any error finding.
    expect(() => opsDesk.app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: unknown[] }>;
    };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  });

  it('gives every acknowledgment a concrete reason', () => {
    const acks = acknowledgments(opsDesk.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.trim().length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('finds nothing with an own identity provider, an alarm topic and every trigger and access kind', () => {
    // Prepare
    const { app } = createOpsDeskApp({
      outdir: scratchOutdir(),
      nag: false,
      context: { 'aws:cdk:bundling-stacks': [] },
      opsDesk: {
        jwt: { issuer: 'https://login.example.com/', audience: ['opsdesk'] },
        functions: extendedManifest,
        alarmTopic: Topic.fromTopicArn(
          new Stack(),
          'AlarmTopic',
          'arn:aws:sns:eu-west-1:123456789012:alarms',
        ),
      },
    });

    // Act / Assess
    expect(findings(app)).toEqual([]);
  });

  it('does fail on a finding: an unencrypted queue without TLS or DLQ is reported and stops synthesis', () => {
    // Prepare
    const { app, stack } = createOpsDeskApp({
      outdir: scratchOutdir(),
      nag: true,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    new Queue(stack, 'CarelessQueue', { encryption: undefined });

    // Act / Assess
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-SQS3 .* at OpsDesk\/CarelessQueue\/Resource/),
        expect.stringMatching(/^AwsSolutions-SQS4 .* at OpsDesk\/CarelessQueue\/Resource/),
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
