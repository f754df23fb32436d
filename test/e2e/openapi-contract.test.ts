import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const bin = (path: string) => join(root, 'node_modules', path);

let platform: TestPlatform;
let folder: string;
let documentFile: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  folder = mkdtempSync(join(tmpdir(), 'opsdesk-openapi-'));
  documentFile = join(folder, 'openapi.json');
  const served = await platform.call('GET', '/openapi.json');
  writeFileSync(documentFile, JSON.stringify(served.body));
});
afterAll(async () => {
  await platform?.stop();
});

describe('the served OpenAPI document', () => {
  it('passes Redocly lint with the recommended ruleset, no error and no warning', async () => {
    // Act
    const result = await run(
      process.execPath,
      [bin('@redocly/cli/bin/cli.js'), 'lint', '--extends', 'recommended', '--format', 'json', documentFile],
      {
        cwd: folder,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((failure: { stdout?: string; stderr?: string }) => failure);

    // Assess
    const report = JSON.parse(String(result.stdout)) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const found = report.problems.map(
      (problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('generates TypeScript types with openapi-typescript that a small client type-checks against', async () => {
    // Prepare
    const generated = join(folder, 'opsdesk-api.ts');
    copyFileSync(join(import.meta.dirname, 'fixtures/generated-client.ts'), join(folder, 'client.ts'));

    // Act
    await run(process.execPath, [bin('openapi-typescript/bin/cli.js'), documentFile, '--output', generated], {
      cwd: folder,
    });
    const checked = await run(
      process.execPath,
      [
        bin('typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--allowImportingTsExtensions',
        '--lib',
        'es2022,dom',
        '--types',
        'node',
        '--typeRoots',
        bin('@types'),
        join(folder, 'client.ts'),
      ],
      { cwd: folder },
    ).catch((failure: { stdout?: string; stderr?: string }) => ({ ...failure, failed: true }));

    // Assess
    expect(checked.stdout).toBe('');
    expect('failed' in checked).toBe(false);
  });
});
