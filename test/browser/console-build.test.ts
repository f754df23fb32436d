import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApiTypes, consoleApiTypesFile } from '../../infra/tools/console-api-types.ts';
import { buildConsole } from '../../infra/tools/console-build.ts';

const root = join(import.meta.dirname, '../..');
/** The budget: the console's first load is at most 300 KB of compressed JavaScript. */
const firstLoadBudget = 300 * 1024;

describe('the console build', () => {
  let outdir: string;
  let firstLoad: string[];

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'opsdesk-console-'));
    ({ firstLoad } = await buildConsole(outdir));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('loads at most 300 KB of compressed JavaScript first; the graph and charts load later', () => {
    // Act
    const files = firstLoad.map((file) => readFileSync(join(outdir, file)));
    const gzip = files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
    const brotli = files.reduce((sum, file) => sum + brotliCompressSync(file).length, 0);
    const everything = readFileSync(join(outdir, 'index.html'), 'utf8');

    // Assess
    expect(gzip, `first load ${firstLoad.join(', ')}: ${gzip} bytes gzip`).toBeLessThanOrEqual(
      firstLoadBudget,
    );
    expect(brotli).toBeLessThanOrEqual(gzip);
    expect(everything).toContain(`src="./${firstLoad[0]}"`);
    const entry = files.map(String).join('\n');
    expect(entry).not.toContain('cytoscape');
    expect(entry).not.toContain('uPlot');
  });

  it('names the entry in index.html with no inline script (the CSP allows only its own files)', () => {
    const html = readFileSync(join(outdir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(html).toMatch(/<script type="module" src="\.\/assets\/main-\w+\.js"><\/script>/);
  });
});

describe('the console API types', () => {
  it('are what `npm run console:api-types` generates from the OpenAPI document', async () => {
    const committed = readFileSync(join(root, consoleApiTypesFile), 'utf8');
    expect(committed, 'stale: run `npm run console:api-types` and commit console/src/api-types.ts').toBe(
      await consoleApiTypes(),
    );
  });
});
