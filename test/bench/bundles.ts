import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { manifest } from '#functions/manifest.ts';
import { bundleAliases, bundleDefines } from '../../infra/constructs/bundle-options.ts';
import { bundleTarget, createRequireBanner } from '../../infra/constructs/lambda-function.ts';
import { repositoryRoot } from '../../infra/local/function-host.ts';

const outDir = join(repositoryRoot, '.bench', 'bundles');
const coldStarts = 31;

/** The esbuild options the construct's NodejsFunction uses (see infra/constructs/lambda-function.ts). */
const bundle = async (
  entry: { path?: string; contents?: string },
  outfile: string,
  define: Record<string, string> = {},
) => {
  const result = await build({
    ...(entry.path
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents ?? '', resolveDir: repositoryRoot, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundleTarget,
    mainFields: ['module', 'main'],
    minify: true,
    banner: { js: createRequireBanner },
    define,
    alias: bundleAliases,
    absWorkingDir: repositoryRoot,
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { bytes: output?.bytes ?? 0, inputs: Object.keys(result.metafile.inputs) };
};

/** The SDK clients a bundle pulls in, read from esbuild's metafile. */
const sdkClients = (inputs: string[]) =>
  [
    ...new Set(
      inputs.flatMap(
        (input) => /node_modules\/@aws-sdk\/(client-[\w-]+|util-dynamodb)\//.exec(input)?.[1] ?? [],
      ),
    ),
  ].sort();

/** A floor: a handler that only constructs the same SDK clients, nothing of ours. */
/**
 * The SDK names our own modules in the bundle import (clients, commands, marshalling), read from
 * their source, so the floor holds the same SDK surface and nothing of ours.
 */
const sdkImports = (inputs: string[]) => {
  const names = new Map<string, Set<string>>();
  for (const input of inputs.filter((file) => !file.includes('node_modules') && file.endsWith('.ts'))) {
    const text = readFileSync(join(repositoryRoot, input), 'utf8');
    for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[\w-]+)'/g)) {
      if (/^import\s*type/.test(match[0] ?? '')) continue;
      const imported = (match[1] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith('type '))
        .map((name) => name.split(/\s+as\s+/)[0] ?? name);
      const set = names.get(match[2] ?? '') ?? new Set<string>();
      for (const name of imported) set.add(name);
      names.set(match[2] ?? '', set);
    }
  }
  return names;
};

/** A floor: a handler that constructs the same SDK clients and holds the same commands, nothing of ours. */
const floorSource = (imports: Map<string, Set<string>>) => {
  const all = [...imports.entries()].flatMap(([pkg, set]) => [...set].map((name) => ({ pkg, name })));
  const clients = all.filter(({ name }) => /Client$/.test(name) && !/^DynamoDBDocumentClient$/.test(name));
  return [
    ...[...imports.entries()].map(([pkg, set]) => `import { ${[...set].join(', ')} } from '${pkg}';`),
    ...clients.map(({ name }, n) => `const c${n} = new ${name}({});`),
    `export const used = [${all.map(({ name }) => name).join(', ')}];`,
    `export const handler = async () => [${clients.map((_, n) => `c${n}`).join(', ')}].length + used.length;`,
  ].join('\n');
};

const coldInitEnv = {
  ...process.env,
  TABLE_NAME: 'bench',
  EVENT_BUS_NAME: 'bench',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

/** Ms of `import(bundle)` in one fresh Node process. */
const coldImportMs = (file: string) => {
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});process.stdout.write(String(performance.now()-t));`;
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: coldInitEnv,
      encoding: 'utf8',
    }),
  );
};

/**
 * Instructions a fresh Node process executes to import `file` (nothing: a bare process), counted
 * by valgrind's callgrind, with V8 single-threaded and predictable (no background compilation or
 * GC threads, fixed seeds): the same count to 0.1 M run after run, whatever else this shared
 * machine does, where milliseconds move by a tenth. Undefined without valgrind.
 */
const processInstructions = (file?: string): number | undefined => {
  const script = file ? `await import(${JSON.stringify(`file://${file}`)});` : '0;';
  const result = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      // V8 writes the code it runs: valgrind must notice code that changes.
      '--smc-check=all-non-file',
      process.execPath,
      '--single-threaded',
      '--predictable',
      '--input-type=module',
      '-e',
      script,
    ],
    { env: coldInitEnv, encoding: 'utf8' },
  );
  const collected = /Collected : (\d+)/.exec(result.stderr ?? '')?.[1];
  return collected === undefined ? undefined : Number(collected);
};

/** Instructions of importing `file` beyond a bare Node process's. */
const importInstructions = (file: string, bare: number | undefined) => {
  const total = processInstructions(file);
  return total === undefined || bare === undefined ? undefined : total - bare;
};

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

/**
 * Cold imports of a bundle and of its floor in fresh Node processes, taken in pairs (the floor
 * first every other pair). The ratio is the median of the pairs' ratios: two imports a moment
 * apart see the same load on this shared machine, where medians taken apart drift with it.
 */
const coldInitMs = (ours: string, floor: string) => {
  const oursSamples: number[] = [];
  const floorSamples: number[] = [];
  const ratios: number[] = [];
  for (let n = 0; n < coldStarts; n++) {
    // An object literal's properties are evaluated in order: the floor first every other pair.
    const { oursMs, floorMs } =
      n % 2 === 1
        ? { floorMs: coldImportMs(floor), oursMs: coldImportMs(ours) }
        : { oursMs: coldImportMs(ours), floorMs: coldImportMs(floor) };
    oursSamples.push(oursMs);
    floorSamples.push(floorMs);
    ratios.push(oursMs / floorMs);
  }
  return { oursMs: median(oursSamples), floorMs: median(floorSamples), ratio: median(ratios) };
};

export async function run(): Promise<{ title: string; lines: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const lines = [
    '| function | SDK clients | bundle bytes | floor bytes | ratio | import instructions (M) | floor (M) | ratio | cold init ms (median) | floor ms | ratio (median of pairs) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const bare = processInstructions();
  for (const spec of manifest) {
    const ours = await bundle(
      { path: join(repositoryRoot, spec.entry) },
      join(outDir, `${spec.name}.mjs`),
      bundleDefines(spec),
    );
    const clients = sdkClients(ours.inputs);
    const floorFile = join(outDir, `${spec.name}.floor.mjs`);
    const floorCode = floorSource(sdkImports(ours.inputs));
    writeFileSync(join(outDir, `${spec.name}.floor.ts`), floorCode);
    const floor = await bundle({ contents: floorCode }, floorFile);
    const { oursMs, floorMs, ratio } = coldInitMs(join(outDir, `${spec.name}.mjs`), floorFile);
    const oursInstructions = importInstructions(join(outDir, `${spec.name}.mjs`), bare);
    const floorInstructions = importInstructions(floorFile, bare);
    const instructions =
      oursInstructions === undefined || floorInstructions === undefined
        ? 'no valgrind | | '
        : `${(oursInstructions / 1e6).toFixed(1)} | ${(floorInstructions / 1e6).toFixed(1)} | ${(oursInstructions / floorInstructions).toFixed(3)}`;
    lines.push(
      `| ${spec.name} | ${clients.join(', ') || '(none)'} | ${ours.bytes} | ${floor.bytes} | ${(ours.bytes / Math.max(floor.bytes, 1)).toFixed(3)} | ${instructions} | ${oursMs.toFixed(1)} | ${floorMs.toFixed(1)} | ${ratio.toFixed(2)} |`,
    );
  }
  return {
    title: `Bundles and cold init (${coldStarts} pairs of fresh Node processes, a bundle's and its floor's)`,
    lines,
  };
}
