import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1] ?? '',
  );

describe('house rules', () => {
  it('the domain imports no adapter, port implementation, AWS SDK or HTTP code', () => {
    const offending = sourceFiles('shared/domain').flatMap((file) =>
      importsOf(file)
        .filter(
          (target) =>
            /^(#adapters|#http|#processes|@aws-sdk|@middy|node:)/.test(target) ||
            target.includes('/adapters/'),
        )
        .map((target) => `${relative(root, join(root, file))} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('nothing in shared/ or functions/ scans a table', () => {
    const scanning = [...sourceFiles('shared'), ...sourceFiles('functions')].filter((file) =>
      /\bScan(Command|Input)\b|paginateScan/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(scanning).toEqual([]);
  });

  it('handlers reach DynamoDB only through adapters', () => {
    const direct = sourceFiles('functions').filter((file) =>
      importsOf(file).some((target) => target.startsWith('@aws-sdk/client-dynamodb')),
    );
    expect(direct).toEqual([]);
  });

  it('no focused or skipped tests', () => {
    const flagged = sourceFiles('test').filter(
      (file) =>
        /\b(it|describe|test)\.(only|skip)\(/.test(readFileSync(join(root, file), 'utf8')) &&
        !file.endsWith('layering.test.ts'),
    );
    expect(flagged).toEqual([]);
  });
});
