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
  it('the domain imports no port, adapter, process, AWS SDK or HTTP code', () => {
    const offending = sourceFiles('shared/domain').flatMap((file) =>
      importsOf(file)
        .filter(
          (target) =>
            /^(#ports|#adapters|#http|#processes|#schemas|@aws-sdk|@middy|node:)/.test(target) ||
            /\/(adapters|ports|processes|http|schemas)\//.test(target),
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

  it('comments cite the README or the OpenAPI document, never a note outside the repo', () => {
    const outside = /\b(API|ARCHITECTURE|STYLE)\.md\b|\.\.\/shared\//;
    const citing = ['shared', 'functions', 'infra', 'test']
      .flatMap(sourceFiles)
      .filter((file) => outside.test(readFileSync(join(root, file), 'utf8')));
    expect(citing).toEqual([]);
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
