import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type Emulator, startDynamoDbLocal, startMoto } from '../../infra/local/emulators.ts';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { type DriveResult, drive, ingestBackToBack, loop, mergeRuns } from './load-drive.ts';
import type { ProcessFigures } from './load-process-figures.ts';
import { type LoadRow, loadTable, rowsOf, type ServerFigures, undeclared } from './load-report.ts';
import type { LoadRunnerReady } from './load-runner.ts';
import { seedLoad, type Tokens } from './load-seed.ts';
import { type Workload, workloadsOver } from './load-workloads.ts';

/**
 * `npm run bench:load`: the local runner under autocannon, one workload at a time for a fixed
 * time, beside a raw DynamoDB Local floor measured in the same run. Prints one Markdown table;
 * exits 1 when any request failed (5xx, socket error, timeout, or a non-2xx no workload declared).
 *
 * LOAD_SECONDS (10) per workload, LOAD_CONNECTIONS (16), LOAD_ROUNDS (5 alternating slices of a
 * read and its floor), LOAD_ONLY=get,list (keys: sdk, raw, get, raw-list, list, create, patch,
 * comment, approve, alarm, ingest, mixed), LOAD_CHANGES (approval pool), LOAD_CPU_PROF=DIR (a CPU
 * profile of the serving process per measured window), LOAD_DEBUG=1 (each window's process
 * figures on stderr). To tell shares apart: LOAD_SCHEDULES=off, LOAD_BACKGROUND=off (the runner
 * without pollers and self-monitoring), LOAD_FLOOR_CLIENT=handler and LOAD_FLOOR_ALS=on (the floor
 * with the handlers' SDK client, or inside an AsyncLocalStorage).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const seconds = Number(process.env.LOAD_SECONDS ?? 10);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 16);
const only = process.env.LOAD_ONLY?.split(',');
const wanted = (key: string) => !only || only.includes(key);
const rounds = Math.max(1, Number(process.env.LOAD_ROUNDS ?? 5));
const warmUpSeconds = Math.min(2, seconds);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** Forks a bench process and waits for its first message; its stderr is kept for a failure. */
const forkReady = async <T>(file: string, args: string[], execArgv: string[] = []) => {
  const child = fork(join(import.meta.dirname, file), args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [...process.execArgv, ...execArgv],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) =>
      reject(new Error(`${file} exited (${code}) before it was ready:\n${stderr}`)),
    );
  });
  return { child, ready };
};

const stopChild = (child: ChildProcess, message?: string) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (message && child.connected) child.send(message);
    else child.kill('SIGTERM');
  });

const emulators: Emulator[] = [];
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-load-'));
let failed = false;
try {
  emulators.push(await startDynamoDbLocal({}), await startMoto());
  const [dynamo, moto] = emulators as [Emulator, Emulator];
  const runner = await forkReady<LoadRunnerReady>('load-runner.ts', [
    dynamo.endpoint,
    moto.endpoint,
    dataDir,
  ]);
  children.push(runner.child);
  const call = async (base: string, method: string, path: string) =>
    (await fetch(`${base}${path}`, { method })).json() as Promise<Record<string, number>>;
  const bench = (method: string, path: string) => call(runner.ready.invokeUrl, method, path);

  const keys = await localKeys(dataDir);
  const roles = ['requester', 'agent', 'change_manager', 'admin'] as const;
  const tokens = Object.fromEntries(
    await Promise.all(
      roles.map(async (role) => [role, await signLocalToken(keys, { sub: `load-${role}`, roles: [role] })]),
    ),
  ) as Tokens;

  const seed = await seedLoad({
    url: runner.ready.url,
    motoEndpoint: moto.endpoint,
    tokens,
    servers: 16,
    readIncidents: 200,
    writableIncidents: 4 * connections,
    changes: wanted('approve') || wanted('mixed') ? Number(process.env.LOAD_CHANGES ?? 50 * seconds) : 0,
    bindings: 32,
  });
  // A new binding's first ingest reads back 24 hours; the workloads measure the steady runs after it.
  if (wanted('ingest') || wanted('mixed'))
    await bench('POST', '/2015-03-31/functions/metrics-ingest/invocations');
  const raw = await forkReady<{ url: string }>('load-raw-server.ts', [
    dynamo.endpoint,
    runner.ready.tableName,
    moto.endpoint,
  ]);
  children.push(raw.child);
  const workloads = workloadsOver(seed, tokens, connections);
  const urlOf = (target: Workload['target']) =>
    target === 'api' ? runner.ready.url : target === 'invoke' ? runner.ready.invokeUrl : raw.ready.url;

  const driven = (part: Workload) => ({
    url: urlOf(part.target),
    connections: part.connections,
    timeoutSeconds: part.timeoutSeconds,
    next: part.next,
  });
  /** Runs workloads side by side for `seconds`, with the figures of the process serving them. */
  const window = async (parts: Workload[], seconds: number, profileName: string) => {
    const served = parts.every((part) => part.target === 'raw') ? raw.ready.url : runner.ready.invokeUrl;
    await call(served, 'POST', '/figures');
    await call(served, 'POST', '/profile/start');
    const runs = await Promise.all(parts.map((part) => drive({ ...driven(part), seconds })));
    await call(served, 'POST', `/profile/stop?name=${profileName}`);
    const figures = (await call(served, 'POST', '/figures')) as unknown as ProcessFigures;
    if (process.env.LOAD_DEBUG) console.error(profileName, JSON.stringify(figures));
    return { runs, figures };
  };
  /** The serving process's figures over several windows: loop delay p99 averaged, CPU per request. */
  const serverOf = (windows: { runs: DriveResult[]; figures: ProcessFigures }[]): ServerFigures => {
    const requests = windows
      .flatMap((one) => one.runs)
      .flatMap((run) => [...run.byLabel.values()])
      .reduce((sum, figures) => sum + figures.latencies.length, 0);
    return {
      loopP99: windows.reduce((sum, one) => sum + one.figures.loopP99, 0) / windows.length,
      cpuMsPerRequest: windows.reduce((sum, one) => sum + one.figures.cpuMs, 0) / Math.max(1, requests),
    };
  };
  const rowsFor = (part: Workload, run: DriveResult, server: ServerFigures) =>
    rowsOf(part.key, run, {
      label: part.label,
      connections: part.connections,
      read: part.read,
      expected: part.expected,
      server,
    });
  /** The outbox published, then the warm-ups: every window starts from the same quiet state. */
  const prepare = async (parts: Workload[]) => {
    await bench('POST', '/settle');
    for (const part of parts.filter((candidate) => candidate.warmUp))
      await drive({ ...driven(part), seconds: warmUpSeconds });
  };

  const rows: LoadRow[] = [];
  if (wanted('sdk')) {
    await bench('POST', '/settle');
    // The same GetItem straight from this process: DynamoDB Local's own ceiling, no HTTP hop.
    const client = new DynamoDBClient(clientConfig(dynamo.endpoint));
    const getItem = () =>
      client.send(
        new GetItemCommand({
          TableName: runner.ready.tableName,
          Key: { pk: { S: `incident#${pick(seed.readIds)}` }, sk: { S: 'record' } },
          ConsistentRead: true,
        }),
      );
    await loop({ label: 'raw: SDK GetItem', inFlight: connections, seconds: warmUpSeconds, call: getItem });
    const run = await loop({ label: 'raw: SDK GetItem', inFlight: connections, seconds, call: getItem });
    rows.push(...rowsOf('sdk', run, { label: 'raw: SDK GetItem', connections, read: false, expected: [] }));
  }
  // A read and its floor alternate in `rounds` slices that add up to `seconds` each, so a busy
  // spell on this shared machine falls on both alike; the throughput ratio is over the sums.
  for (const [floor, read] of workloads.reads) {
    if (!wanted(read.key) && !wanted(floor.key)) continue;
    await prepare([floor, read]);
    const floorWindows: Awaited<ReturnType<typeof window>>[] = [];
    const readWindows: Awaited<ReturnType<typeof window>>[] = [];
    for (let round = 1; round <= rounds; round++) {
      floorWindows.push(await window([floor], seconds / rounds, `${floor.key}-${round}`));
      readWindows.push(await window([read], seconds / rounds, `${read.key}-${round}`));
    }
    const merged = (windows: typeof floorWindows) => mergeRuns(windows.flatMap((one) => one.runs));
    const [floorRow] = rowsFor(floor, merged(floorWindows), serverOf(floorWindows));
    const readRows = rowsFor(read, merged(readWindows), serverOf(readWindows));
    for (const row of readRows) if (floorRow) row.versusRaw = row.perSecond / floorRow.perSecond;
    if (floorRow) rows.push(floorRow);
    rows.push(...readRows);
  }
  for (const workload of workloads.writes) {
    if (!wanted(workload.key)) continue;
    await prepare([workload]);
    const measured = await window([workload], seconds, workload.key);
    rows.push(...rowsFor(workload, measured.runs[0] as DriveResult, serverOf([measured])));
  }
  if (wanted('mixed')) {
    // The mix, and the mix with its reads on the floor server, alternate like a read and its floor.
    const [mix, floorMix] = workloads.mixed;
    await bench('POST', '/settle');
    // Ingest runs one after another through the whole mix, as the schedule runs them (never two at once).
    const ingest = ingestBackToBack(runner.ready.invokeUrl);
    const mixWindows: Awaited<ReturnType<typeof window>>[] = [];
    const floorWindows: Awaited<ReturnType<typeof window>>[] = [];
    for (let round = 1; round <= rounds; round++) {
      mixWindows.push(await window(mix, seconds / rounds, `mixed-${round}`));
      floorWindows.push(await window(floorMix, seconds / rounds, `mixed-floor-${round}`));
    }
    const mixRows = (parts: Workload[], windows: typeof mixWindows) =>
      parts.flatMap((part, index) =>
        rowsFor(part, mergeRuns(windows.map((one) => one.runs[index] as DriveResult)), serverOf(windows)).map(
          (row) => (part.target === 'raw' ? { ...row, server: undefined } : row),
        ),
      );
    const measuredMix = mixRows(mix, mixWindows);
    const measuredFloor = mixRows(floorMix, floorWindows);
    for (const row of measuredMix) {
      const floor = measuredFloor.find((candidate) => candidate.label === `floor: ${row.label}`);
      if (floor && row.read) row.versusRaw = row.perSecond / floor.perSecond;
    }
    rows.push(...measuredMix, ...measuredFloor);
    rows.push(
      ...rowsOf('mixed', await ingest.stop(), {
        label: 'metrics-ingest (invoke)',
        connections: 1,
        read: false,
        expected: [],
      }),
    );
  }

  console.log(
    `# OpsDesk under load (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${connections} connections, ${seconds} s a workload)\n`,
  );
  console.log(loadTable(rows).join('\n'));
  failed = rows.some((row) => row.errors > 0 || undeclared(row).length > 0);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await Promise.all(children.map((child, index) => stopChild(child, index === 0 ? 'stop' : undefined)));
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
