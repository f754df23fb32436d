import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFunctionResource, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpsDeskApp } from '#infra/opsdesk-stack.ts';
import { extendedManifest } from './support/sample-manifest.ts';

/** The packs the app runs at synthesis (infra/opsdesk-stack.ts), fresh for each use. */
const packs = (): NagPack[] => [new AwsSolutionsChecks(), new ServerlessChecks()];

interface Finding {
  rule: string;
  path: string;
  line: string;
}

/** cdk-nag 3 reports through the CDK validation framework, not as annotations: ask each pack directly. */
const findingsOf = (scope: IConstruct, pack: NagPack): Finding[] =>
  pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      path: resource.constructPath ?? '',
      line: `${violation.ruleName} (${violation.severity}) at ${resource.constructPath}: ${violation.description}`,
    })),
  );

/** Every unacknowledged finding of both packs, one line each. */
const findings = (scope: IConstruct): string[] =>
  packs().flatMap((pack) => findingsOf(scope, pack).map((finding) => finding.line));

/**
 * What the packs would report if nothing were acknowledged: the pack's private acknowledgment
 * lookup is shadowed on the instance, so every rule reports what it finds.
 */
const rawFindings = (scope: IConstruct): Finding[] =>
  packs().flatMap((pack) => {
    Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
    return findingsOf(scope, pack);
  });

/** Every acknowledgment (suppression) in the tree: the rule id, the reason and where it sits. */
const acknowledgments = (scope: IConstruct) =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          reason,
          path: construct.node.path,
        })),
      ),
  );

/** Reasons that say nothing: empty, placeholders, or the rule's own name. */
const emptyReason =
  /^\s*(n\/?a|none|todo|tbd|fixme|ok|okay|fine|ignored?|suppress(ed)?|not applicable|by design|accepted|-)?\s*\.?\s*$/i;

let opsDesk: ReturnType<typeof createOpsDeskApp>;
let outdir: string;

const scratchDirs: string[] = [];
/** A scratch cloud assembly directory, removed after the file. */
const scratchOutdir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-nag-'));
  scratchDirs.push(dir);
  return dir;
};

/** The app as infra/app.ts builds it, both packs included. Rules read resource properties, never bundle contents. */
const nagApp = (options: Parameters<typeof createOpsDeskApp>[0] = {}) =>
  createOpsDeskApp({ outdir: scratchOutdir(), context: { 'aws:cdk:bundling-stacks': [] }, ...options });

beforeAll(() => {
  opsDesk = nagApp();
  outdir = opsDesk.app.outdir;
});
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('cdk-nag AwsSolutions and Serverless', () => {
  it('finds nothing unacknowledged in the app stack, in either pack', () => {
    const [awsSolutions, serverless] = packs() as [NagPack, NagPack];
    expect(findingsOf(opsDesk.app, awsSolutions).map((finding) => finding.line)).toEqual([]);
    expect(findingsOf(opsDesk.app, serverless).map((finding) => finding.line)).toEqual([]);
  });

  it('synthesizes through both plugins with no violation, error or warning, in the validation report', () => {
    // Synthesis runs both packs (Validations plugins) and throws on any error finding.
    expect(() => opsDesk.app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: unknown[] }>;
    };
    // A clean run reports no plugin at all; the failing tests below prove both plugins stop synthesis.
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  });

  it('gives every acknowledgment a reason of substance', () => {
    const acks = acknowledgments(opsDesk.app);
    expect(acks.some((ack) => ack.id.startsWith('AwsSolutions-'))).toBe(true);
    expect(acks.some((ack) => ack.id.startsWith('Serverless-'))).toBe(true);
    for (const ack of acks) {
      const where = `${ack.id} at ${ack.path}`;
      expect(ack.id, ack.path).toMatch(/^(AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+)(\[.+\])?$/);
      expect(ack.reason, where).not.toMatch(emptyReason);
      expect(ack.reason.trim().length, where).toBeGreaterThanOrEqual(40);
      expect(ack.reason.toLowerCase(), where).not.toContain(ack.id.toLowerCase());
    }
  });

  it('acknowledges only what a rule reports: no acknowledgment is stale or sits above its finding', () => {
    // Prepare: what the packs report with every acknowledgment ignored.
    const raw = rawFindings(opsDesk.app);

    // Assess: each acknowledgment silences a finding on its own construct or one below it.
    for (const ack of acknowledgments(opsDesk.app)) {
      const silenced = raw.filter(
        (finding) =>
          finding.rule === ack.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`)),
      );
      expect(silenced.length, `${ack.id} at ${ack.path} silences nothing`).toBeGreaterThan(0);
    }
  });

  it('gives a dead-letter queue to every function invoked asynchronously, and acknowledges the synchronous ones', () => {
    // Prepare
    const raw = rawFindings(opsDesk.app).filter((finding) => finding.rule === 'Serverless-LambdaDLQ');
    const synchronous = raw.map((finding) => finding.path.split('/')[2]).sort();

    // Assess: the API functions and the stream consumer, plus the CDK's deploy-time handler; never a scheduled or rule-driven one.
    expect(synchronous).toEqual(expect.arrayContaining(['PlatformApi', 'IncidentsApi', 'OutboxPublisher']));
    for (const asynchronous of [
      'SlaSweep',
      'MetricsIngest',
      'AlarmIntake',
      'IncidentIntake',
      'ConfigDiscovery',
    ])
      expect(synchronous).not.toContain(asynchronous);
  });

  it('finds nothing with an own identity provider, an alarm topic, a console domain and every trigger and access kind', () => {
    // Prepare
    const { app } = nagApp({
      nag: false,
      opsDesk: {
        jwt: { issuer: 'https://login.example.com/', audience: ['opsdesk'] },
        console: {
          domain: {
            name: 'opsdesk.example.com',
            certificateArn:
              'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
          },
        },
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

  it('does fail on an AwsSolutions finding: an unencrypted queue without TLS or DLQ is reported and stops synthesis', () => {
    // Prepare
    const { app, stack } = nagApp({ nag: true });
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

  it('does fail on a Serverless finding: a careless function, rule, queue and log group are reported and stop synthesis', () => {
    // Prepare: an old runtime, no tracing, no dead-letter queue, a rule target without one, logs kept forever.
    const { app, stack } = nagApp({ nag: true });
    const careless = new LambdaFunctionResource(stack, 'CarelessFunction', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    });
    new Rule(stack, 'CarelessRule', {
      eventBus: new EventBus(stack, 'CarelessBus'),
      eventPattern: { source: ['careless'] },
      targets: [new LambdaFunction(careless)],
    });
    new Queue(stack, 'UnredrivenQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    new LogGroup(stack, 'EndlessLogs', { retention: RetentionDays.INFINITE });

    // Act / Assess
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Serverless-LambdaDLQ \(error\) at OpsDesk\/CarelessFunction\/Resource/),
        expect.stringMatching(
          /^Serverless-LambdaLatestVersion \(error\) at OpsDesk\/CarelessFunction\/Resource/,
        ),
        expect.stringMatching(/^Serverless-LambdaTracing \(warning\) at OpsDesk\/CarelessFunction\/Resource/),
        expect.stringMatching(/^Serverless-EventBusDLQ \(error\) at OpsDesk\/CarelessRule\/Resource/),
        expect.stringMatching(/^Serverless-SQSRedrivePolicy \(error\) at OpsDesk\/UnredrivenQueue\/Resource/),
        expect.stringMatching(
          /^Serverless-CloudWatchLogGroupRetentionPeriod \(warning\) at OpsDesk\/EndlessLogs\/Resource/,
        ),
      ]),
    );
    expect(() => app.synth()).toThrow(/Serverless-LambdaDLQ/);
  });
});
