import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sweepServiceLevels } from '#processes/service-levels/sla-sweep.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { seedOpenIncidents, slaDependencies } from '../integration/sla-seed.ts';

const openIncidents = 20_000;

/** Counts SDK commands by name (the test helper imports vitest, which a bench must not). */
const countCalls = (client: DynamoDBClient) => {
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCalls' },
  );
  return calls;
};
const breaching = 50;
const warning = 50;

/**
 * The SLA sweep against the due index: N open incidents with running clocks, K of them due.
 * Prints items read per due clock, DynamoDB calls per sweep and the sweep time, for a first sweep
 * (K due) and a second one (nothing due).
 *
 * @example const { lines } = await run({ dynamoEndpoint, motoEndpoint });
 */
export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }): Promise<{
  title: string;
  lines: string[];
}> {
  const client = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  const tableName = `bench-sla-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const now = new Date('2026-06-15T10:00:00.000Z');
  const seedStart = performance.now();
  await seedOpenIncidents(client, tableName, now, { total: openIncidents, breaching, warning });
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const calls = countCalls(client);
  const deps = slaDependencies(client, tableName, now);
  const sweep = async () => {
    calls.length = 0;
    const start = performance.now();
    const report = await sweepServiceLevels(deps);
    return { report, ms: performance.now() - start, calls: [...calls] };
  };
  const first = await sweep();
  const second = await sweep();
  const due = breaching + warning;
  const byName = (names: string[]) =>
    Object.entries(
      names.reduce<Record<string, number>>((counts, name) => {
        const short = name.replace(/Command$/, '');
        counts[short] = (counts[short] ?? 0) + 1;
        return counts;
      }, {}),
    )
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  client.destroy();
  return {
    title: `SLA sweep: ${openIncidents.toLocaleString('en')} open incidents with running clocks, ${due} due`,
    lines: [
      `seeded in ${seedSeconds.toFixed(1)} s (BatchWriteItem, 24 in parallel)`,
      `first sweep: ${first.report.dueRecords} due records, ${first.report.warnings} warnings + ${first.report.breaches} breaches emitted, ${first.ms.toFixed(0)} ms`,
      `  items read ${first.report.itemsRead} = ${(first.report.itemsRead / Math.max(1, first.report.dueRecords)).toFixed(2)} per due clock (${((first.report.itemsRead / openIncidents) * 100).toFixed(2)} % of open incidents)`,
      `  DynamoDB calls ${first.calls.length} = ${(first.calls.length / Math.max(1, due)).toFixed(2)} per due clock (${byName(first.calls)})`,
      `second sweep: ${second.report.dueRecords} due, ${second.report.warnings + second.report.breaches} events, items read ${second.report.itemsRead}, DynamoDB calls ${second.calls.length} (${byName(second.calls)}), ${second.ms.toFixed(0)} ms`,
    ],
  };
}
