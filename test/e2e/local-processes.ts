import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real local-mode processes for the tests of `npm start` and the commands around it: each
 * spawned in its own process group, with its own data directory, and all ended by `cleanUp`.
 */
export const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../../..');

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

const spawnedGroups: Spawned[] = [];
const knownPids = new Set<number>();

/** The environment of a child: this one's, without what a test platform put into it. */
const childEnvironment = (extra: Record<string, string>) => {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !/^(AWS_|OPSDESK_|PORT$|TABLE_NAME$|EVENT_BUS_NAME$)/.test(name))
      environment[name] = value;
  return { ...environment, ...extra };
};

export const tempDataDir = (label: string) => mkdtempSync(join(tmpdir(), `opsdesk-${label}-`));

/** `npm ARGS` in the repository, in a new process group. */
export const spawnNpm = (args: string[], environment: Record<string, string>): Spawned => {
  const child = spawn('npm', args, {
    cwd: repositoryRoot,
    env: childEnvironment(environment),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  const spawned = { child, stdout: () => out, stderr: () => err, exited };
  spawnedGroups.push(spawned);
  return spawned;
};

/** Waits until `test` holds, polling; fails with `what` and the latest output after `timeoutMs`. */
export const waitFor = async (
  what: string,
  test: () => boolean,
  timeoutMs: number,
  output: () => string = () => '',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Output:\n${output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
};

/** The exit code (or signal) of `spawned`, or 'still running' after `timeoutMs`. */
export const exitWithin = (spawned: Spawned, timeoutMs: number): Promise<number | string> =>
  Promise.race([
    spawned.exited,
    new Promise<string>((done) => setTimeout(() => done('still running'), timeoutMs).unref()),
  ]);

export interface StartedRunner extends Spawned {
  url: string;
  dataDir: string;
  /** From the runner's `runner.json`: the runner's pid and its emulators' pids. */
  runnerPid: number;
  emulatorPids: number[];
}

interface RunnerRecord {
  pid: number;
  emulators: { pid: number }[];
}

export const runnerRecord = (dataDir: string): RunnerRecord | undefined => {
  const file = join(dataDir, 'runner.json');
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, 'utf8')) as RunnerRecord;
  knownPids.add(record.pid);
  for (const emulator of record.emulators) knownPids.add(emulator.pid);
  return record;
};

/** `npm start` on `dataDir` and `port`, resolved once it prints its ready line. */
export const startRunner = async (dataDir: string, port: number): Promise<StartedRunner> => {
  const spawned = spawnNpm(['start'], { OPSDESK_DATA_DIR: dataDir, PORT: String(port) });
  let ended = false;
  void spawned.exited.then(() => (ended = true));
  const output = () => `${spawned.stdout()}\n${spawned.stderr()}`;
  // Missing Java or moto makes the runner exit with its install hint: that fails here.
  await waitFor('npm start to print ready', () => /ready at/.test(spawned.stdout()) || ended, 90_000, output);
  if (ended) throw new Error(`npm start exited before it was ready:\n${output()}`);
  const runtime = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number };
  const emulatorPids = childrenOf(runtime.pid, /DynamoDBLocal\.jar|moto_server/);
  remember(runtime.pid, ...emulatorPids);
  if (emulatorPids.length !== 2)
    throw new Error(
      `expected the runner ${runtime.pid} to own DynamoDB Local and moto_server: ${emulatorPids}`,
    );
  runnerRecord(dataDir);
  return { ...spawned, url: `http://127.0.0.1:${port}`, dataDir, runnerPid: runtime.pid, emulatorPids };
};

/** The pids of `parent`'s children whose command line matches `command`. */
export const childrenOf = (parent: number, command: RegExp): number[] => {
  const result = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .filter((row) => Number(row[1]) === parent && command.test(row.slice(2).join(' ')))
    .map((row) => Number(row[0]));
};

/** Whether `pid` is a live process (a zombie, exited but not reaped, is not). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/** Every process whose command line contains `text` (e.g. a data directory). */
export const processesMentioning = (text: string): string[] => {
  const result = spawnSync('ps', ['-A', '-o', 'pid=,command='], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .filter((line) => line.includes(text) && !line.includes('ps -A'))
    .map((line) => line.trim());
};

/** The watchdog a runner spawned (a child of it running the watchdog's code). */
export const watchdogOf = (runnerPid: number): number | undefined => childrenOf(runnerPid, /guarded/)[0];

export const freeLoopbackPort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
};

/** Ends every process these tests started, gracefully first, and any emulator they recorded. */
export const cleanUp = async (): Promise<void> => {
  const signalGroup = (spawned: Spawned, signal: NodeJS.Signals) => {
    try {
      if (spawned.child.pid) process.kill(-spawned.child.pid, signal);
    } catch {
      // already gone
    }
  };
  for (const spawned of spawnedGroups) signalGroup(spawned, 'SIGTERM');
  for (const pid of knownPids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline && [...knownPids].some(alive))
    await new Promise((done) => setTimeout(done, 100));
  for (const spawned of spawnedGroups) signalGroup(spawned, 'SIGKILL');
  for (const pid of knownPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  spawnedGroups.length = 0;
  knownPids.clear();
};

/** Records pids to end in `cleanUp` (e.g. a watchdog the test looked up). */
export const remember = (...pids: (number | undefined)[]) => {
  for (const pid of pids) if (pid) knownPids.add(pid);
};
