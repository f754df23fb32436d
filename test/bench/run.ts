import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Emulator, startDynamoDbLocal, startMoto } from '../../infra/local/emulators.ts';

/**
 * `npm run bench`: every benchmark module, on emulators of its own, printed as Markdown so the
 * README can record it. Counts and ratios stand beside times: these machines are shared.
 */
// Tables only on stdout: no SDK Node-version notice, no function log lines.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const modules = [
  'bundles.ts',
  'incident-requests.ts',
  'impact-walk.ts',
  'sla-sweep.ts',
  'change-calendar.ts',
  'metrics-ingest.ts',
  'alarm-storm.ts',
  'business-time.ts',
];

type BenchModule = {
  run(context: { dynamoEndpoint: string; motoEndpoint: string }): Promise<{ title: string; lines: string[] }>;
};

console.log(
  `# OpsDesk benchmarks (${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`,
);
const only = process.env.BENCH_ONLY?.split(',');
for (const name of modules) {
  if (only && !only.some((wanted) => name.startsWith(wanted))) continue;
  const file = join(import.meta.dirname, name);
  if (!existsSync(file)) continue;
  // Fresh emulators per module: an in-memory DynamoDB Local full of another bench's 70,000 items
  // would slow the next one down and blur its figures.
  const emulators: Emulator[] = [];
  try {
    emulators.push(await startDynamoDbLocal({}), await startMoto());
    const [dynamo, moto] = emulators as [Emulator, Emulator];
    const started = performance.now();
    const bench = (await import(pathToFileURL(file).href)) as BenchModule;
    const result = await bench.run({ dynamoEndpoint: dynamo.endpoint, motoEndpoint: moto.endpoint });
    console.log(
      `## ${result.title}\n\n${result.lines.join('\n')}\n\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  }
}
process.exit(0);
