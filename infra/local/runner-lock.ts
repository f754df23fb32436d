import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { commandOf, liveRuntime, processAlive } from './runtime-info.ts';

/** A start that must not go on; `message` is the one line the runner prints. */
export class StartConflict extends Error {}

interface RunnerRecord {
  pid: number;
  port: number;
  startedAt: string;
  emulators: { name: string; pid: number; port: number }[];
}

export interface RunnerLock {
  /** Records an emulator's pid, so a start after a crash of this runner can stop it. */
  recordEmulator(emulator: { name: string; pid: number; port: number }): void;
  release(): void;
}

const lockFileOf = (directory: string) => join(directory, 'runner.json');

const readRecord = (file: string): RunnerRecord | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunnerRecord;
  } catch {
    return undefined;
  }
};

/** A live runner: its pid is alive and is still a node process running the start script. */
const isLiveRunner = (pid: number) => {
  if (!processAlive(pid) || pid === process.pid) return false;
  const command = commandOf(pid);
  return command === undefined || command.includes('start.ts');
};

/** An emulator a dead runner left: alive, and its command line is that emulator on that port. */
const isLeftEmulator = (emulator: RunnerRecord['emulators'][number]) => {
  if (!processAlive(emulator.pid)) return false;
  const command = commandOf(emulator.pid) ?? '';
  const program = emulator.name === 'moto_server' ? 'moto_server' : 'DynamoDBLocal.jar';
  return command.includes(program) && new RegExp(`-p(ort)? ${emulator.port}\\b`).test(command);
};

const stopLeftEmulators = async (record: RunnerRecord | undefined) => {
  const left = (record?.emulators ?? []).filter(isLeftEmulator);
  for (const emulator of left) process.kill(emulator.pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (left.some((emulator) => processAlive(emulator.pid)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  for (const emulator of left) if (processAlive(emulator.pid)) process.kill(emulator.pid, 'SIGKILL');
  return left;
};

/**
 * Claims `directory` for this runner (`runner.json`, created exclusively). A live runner on it is
 * a StartConflict; one that died (even by `kill -9`) leaves emulators that are stopped here.
 */
export const acquireRunnerLock = async (directory: string, port: number): Promise<RunnerLock> => {
  mkdirSync(directory, { recursive: true });
  const file = lockFileOf(directory);
  const record: RunnerRecord = { pid: process.pid, port, startedAt: new Date().toISOString(), emulators: [] };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify(record, null, 2));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
    }
    const holder = readRecord(file);
    if (holder && isLiveRunner(holder.pid)) {
      const url = liveRuntime(directory)?.url ?? `http://127.0.0.1:${holder.port}`;
      throw new StartConflict(
        `the data directory ${directory} is in use by the OpsDesk running at ${url} (pid ${holder.pid}); stop it first, or set OPSDESK_DATA_DIR to another directory.`,
      );
    }
    const stopped = await stopLeftEmulators(holder);
    if (stopped.length > 0)
      console.log(
        `Stopped ${stopped.map((emulator) => `${emulator.name} (pid ${emulator.pid})`).join(' and ')} left by an OpsDesk that did not shut down.`,
      );
    rmSync(file, { force: true });
  }
  let released = false;
  return {
    recordEmulator: (emulator) => {
      if (released) return;
      record.emulators.push(emulator);
      writeFileSync(file, JSON.stringify(record, null, 2));
    },
    release: () => {
      if (released) return;
      released = true;
      if (readRecord(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
};

/** Whether nothing listens on 127.0.0.1:`port` (port 0 always is: the OS picks one). */
export const portIsFree = (port: number): Promise<boolean> =>
  port === 0
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
      });
