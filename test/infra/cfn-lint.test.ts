import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendedManifest } from './support/sample-manifest.ts';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';

interface LintResult {
  exitCode: number;
  output: string;
}

/**
 * Runs cfn-lint on templates. No check is ignored on the command line; the one resource-level
 * exception (W3005 on Lambda functions) is documented where it is set, in lambda-function.ts.
 */
const cfnLint = (templates: string[]): LintResult => {
  try {
    const output = execFileSync('cfn-lint', ['--format', 'parseable', '--', ...templates], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { exitCode: 0, output };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error('cfn-lint is not installed or not on PATH: `pip install cfn-lint` (1.x), then rerun.');
    }
    return { exitCode: failure.status ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
};

let app: SynthesizedOpsDesk;
let extended: SynthesizedOpsDesk;
let appTemplate: string;
let extendedTemplate: string;
/** One cfn-lint run for both templates: its start-up dominates the cost. */
let lint: LintResult;

/** The parseable lines that concern one template. */
const findingsFor = (template: string) =>
  lint.output.split('\n').filter((line) => line.startsWith(`${template}:`));

beforeAll(() => {
  // Bundling only changes asset hashes in the template, so esbuild is skipped; cdk-nag never
  // changes the template and has its own test, so it does not run here.
  app = synthesizeOpsDesk({ bundle: false });
  // Schedules, default-bus rules and metrics grants the manifest may not use yet, and a console domain.
  extended = synthesizeOpsDesk({
    bundle: false,
    opsDesk: {
      functions: extendedManifest,
      console: {
        domain: {
          name: 'opsdesk.example.com',
          certificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
        },
      },
    },
  });
  appTemplate = join(app.outdir, app.stack.templateFile);
  extendedTemplate = join(extended.outdir, extended.stack.templateFile);
  lint = cfnLint([appTemplate, extendedTemplate]);
});
afterAll(() => {
  app?.dispose();
  extended?.dispose();
});

describe('cfn-lint', () => {
  it('passes the app template with no error and no warning', () => {
    expect(findingsFor(appTemplate)).toEqual([]);
  });

  it('passes the template of a manifest using every trigger and access kind, with a console domain', () => {
    expect(findingsFor(extendedTemplate)).toEqual([]);
  });

  it('exits 0 with nothing to say', () => {
    expect(lint.output.trim()).toBe('');
    expect(lint.exitCode).toBe(0);
  });
});
