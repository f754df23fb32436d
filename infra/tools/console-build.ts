import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type BuildResult, build, buildSync } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The console's sources and where its build goes (gitignored). */
export const consoleSourceDir = join(root, 'console/src');
export const consoleDistDir = join(root, 'console/dist');
const stampFile = 'build.json';

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((file) => /\.(tsx?|css)$/.test(file))
    .sort();

/**
 * What the build depends on: every source file, this build script and the lockfile. A build whose
 * stamp names another hash is stale.
 */
export const consoleSourceHash = (): string => {
  const hash = createHash('sha256');
  for (const file of [
    ...sourceFiles(consoleSourceDir),
    fileURLToPath(import.meta.url),
    join(root, 'package-lock.json'),
  ]) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
};

const indexHtml = (script: string, style: string | undefined) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>OpsDesk</title>
    ${style ? `<link rel="stylesheet" href="./${style}" />` : ''}
    <script type="module" src="./${script}"></script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;

const buildOptions = (outdir: string): BuildOptions & { metafile: true } => ({
  entryPoints: { main: join(consoleSourceDir, 'main.tsx') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: 'assets/[name]-[hash]',
  chunkNames: 'assets/chunk-[hash]',
  assetNames: 'assets/[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});

/** `index.html`, the stamp and the Biome marker beside what esbuild wrote. */
const finishBuild = (outdir: string, result: BuildResult<{ metafile: true }>): { firstLoad: string[] } => {
  const outputs = result.metafile.outputs;
  const entry = Object.entries(outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'));
  if (!entry) throw new Error('The console build has no entry output');
  const [entryFile, entryOutput] = entry;
  const asDist = (file: string) => relative(outdir, join(root, file));
  const script = asDist(entryFile);
  const style = entryOutput.cssBundle ? asDist(entryOutput.cssBundle) : undefined;
  // What the first page load fetches: the entry and the chunks it imports statically.
  const firstLoad = [
    script,
    ...entryOutput.imports.filter((i) => i.kind === 'import-statement').map((i) => asDist(i.path)),
  ];
  writeFileSync(join(outdir, 'index.html'), indexHtml(script, style));
  // A build is no source: `npm run lint` (Biome) leaves this folder alone.
  writeFileSync(join(outdir, 'biome.json'), `${JSON.stringify(biomeIgnoresBuild)}\n`);
  writeFileSync(
    join(outdir, stampFile),
    `${JSON.stringify({ sourceHash: consoleSourceHash(), firstLoad, style }, null, 2)}\n`,
  );
  return { firstLoad };
};

const cleanOutdir = (outdir: string) => {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
};

/**
 * Builds the console with esbuild into `outdir`: one entry (`main`), code split so the CMDB graph,
 * the charts and the OIDC client load only when a page needs them; hashed file names; an
 * `index.html` naming the entry; and `build.json` with the source hash and the first-load files.
 * @example await buildConsole(consoleDistDir)
 */
export const buildConsole = async (outdir: string): Promise<{ firstLoad: string[] }> => {
  cleanOutdir(outdir);
  return finishBuild(outdir, await build(buildOptions(outdir)));
};

/**
 * The same build, synchronously: the CDK bundles the console's asset with it at synthesis.
 * @example buildConsoleSync(outputDir)
 */
export const buildConsoleSync = (outdir: string): { firstLoad: string[] } => {
  cleanOutdir(outdir);
  return finishBuild(outdir, buildSync(buildOptions(outdir)));
};

/** The build stamp of `console/dist`, if there is one. */
export const consoleBuildStamp = (
  outdir = consoleDistDir,
): { sourceHash: string; firstLoad: string[] } | undefined => {
  try {
    return JSON.parse(readFileSync(join(outdir, stampFile), 'utf8'));
  } catch {
    return undefined;
  }
};

/** Files of the build that are not the site, left out of the deployment. */
export const consoleBuildHousekeeping = [stampFile, 'biome.json'];
const biomeIgnoresBuild = {
  root: false,
  extends: '//',
  files: { includes: [] },
  linter: { enabled: false },
  formatter: { enabled: false },
  assist: { enabled: false },
};

let pending: Promise<string> | undefined;

/**
 * `console/dist`, built first when it is missing or older than the sources. The build goes to a
 * folder of its own and is moved into place, so a second process never serves half a build.
 */
export const ensureConsoleBuild = (): Promise<string> => {
  pending ??= (async () => {
    if (consoleBuildStamp()?.sourceHash === consoleSourceHash()) return consoleDistDir;
    const staging = `${consoleDistDir}.${process.pid}-${Date.now()}`;
    await buildConsole(staging);
    if (consoleBuildStamp()?.sourceHash !== consoleSourceHash()) {
      rmSync(consoleDistDir, { recursive: true, force: true });
      try {
        renameSync(staging, consoleDistDir);
      } catch (error) {
        // Another process put a build in place at the same moment: keep that one.
        if (!existsSync(consoleDistDir)) throw error;
      }
    }
    rmSync(staging, { recursive: true, force: true });
    return consoleDistDir;
  })().finally(() => {
    pending = undefined;
  });
  return pending;
};
