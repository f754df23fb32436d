import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const sources = (folder: string): string[] =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('bundle size guards', () => {
  it('Lambda code imports zod/mini as a namespace, never full zod or the `z` object (it defeats tree-shaking)', () => {
    const offending = [...sources('shared'), ...sources('functions')].filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return /from 'zod'|import \{ z \} from 'zod\/mini'/.test(text);
    });
    expect(offending).toEqual([]);
  });
});
