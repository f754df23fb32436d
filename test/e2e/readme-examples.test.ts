import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUp,
  freeLoopbackPort,
  repositoryRoot,
  type StartedRunner,
  startRunner,
  tempDataDir,
} from './local-processes.ts';

const run = promisify(execFile);

/** Marks an example the test does not run; the line says why. */
const notRun = '# not run by the README test';

/** Every shell example of the README with the line it starts on. */
const examples = (() => {
  const lines = readFileSync(join(repositoryRoot, 'README.md'), 'utf8').split('\n');
  const found: Array<{ line: number; script: string }> = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(sh|bash)\s*$/.test(lines[index] ?? '')) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    found.push({ line: index + 1, script: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return found;
})();

let runner: StartedRunner;
let port: number;

beforeAll(async () => {
  port = await freeLoopbackPort();
  runner = await startRunner(tempDataDir('readme'), port);
});
afterAll(async () => {
  await cleanUp();
});

describe('README examples', () => {
  it('has shell examples, and says why of every one it does not run', () => {
    expect(examples.length).toBeGreaterThan(5);
    for (const example of examples.filter((candidate) => candidate.script.includes(notRun)))
      expect(example.script).toMatch(new RegExp(`${notRun}: \\S`));
  });

  it.each(
    examples.filter((example) => !example.script.includes(notRun)).map((example) => [example.line, example]),
  )('the example at README.md line %i runs as written against a fresh npm start', async (_line, example) => {
    // Prepare: the README's port is the runner's; curl fails on any 4xx or 5xx
    const script = [
      'set -euo pipefail',
      'curl() { command curl --silent --show-error --fail-with-body "$@"; }',
      example.script.replaceAll('localhost:3000', `127.0.0.1:${port}`),
    ].join('\n');

    // Act
    const result = await run('bash', ['-c', script], {
      cwd: repositoryRoot,
      env: { ...process.env, OPSDESK_DATA_DIR: runner.dataDir, PORT: String(port) },
      timeout: 120_000,
    }).catch((failure: { code?: number; stdout?: string; stderr?: string }) => ({
      ...failure,
      failed: true,
    }));

    // Assess
    expect(
      'failed' in result,
      `exit ${'code' in result ? result.code : ''}\n${result.stdout}\n${result.stderr}`,
    ).toBe(false);
  });
});
