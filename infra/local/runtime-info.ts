import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where local data lives: `OPSDESK_DATA_DIR`, default `.opsdesk/`. */
export const dataDir = () => resolve(process.env.OPSDESK_DATA_DIR ?? '.opsdesk');

export interface RuntimeInfo {
  url: string;
  tableName: string;
  busName: string;
  dynamoEndpoint: string;
  motoEndpoint: string;
  /** The process serving the platform. */
  pid?: number;
  /** The emulators it owns and keeps running (a restarted one has a new pid). */
  emulators?: Array<{ role: 'dynamodb' | 'moto'; pid?: number; port: number }>;
}

/** Linux only: a process that exited but was not reaped yet is a zombie, not alive. */
const isZombie = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
};

/** True while `pid` is a live process (one of another user's counts too). */
export const processAlive = (pid: number | undefined): boolean => {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
};

/** The command line of a live process, or undefined when `ps` cannot tell. */
export const commandOf = (pid: number): string | undefined => {
  const result = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim() || undefined;
};

const readJson = <T>(file: string): T | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
};

export const runtimeFileOf = (directory: string) => join(directory, 'runtime.json');

/**
 * What the platform serving `directory` wrote (its URL and the emulators' endpoints), only while
 * the process that wrote it is alive: a file left by a killed platform does not count.
 */
export const liveRuntime = (directory = dataDir()): RuntimeInfo | undefined => {
  const info = readJson<RuntimeInfo>(runtimeFileOf(directory));
  if (!info || (info.pid !== undefined && !processAlive(info.pid))) return undefined;
  return info;
};

/** One line saying no platform runs on `directory`, and how to start one. */
export const notRunningMessage = (directory = dataDir()) =>
  existsSync(runtimeFileOf(directory))
    ? `OpsDesk is not running on ${directory} (the platform that wrote ${runtimeFileOf(directory)} is gone). Start it with \`npm start\` in another terminal.`
    : `OpsDesk is not running on ${directory} (no ${runtimeFileOf(directory)}). Start it with \`npm start\` in another terminal.`;

/** The running platform's runtime info; exits with one line when none runs on `OPSDESK_DATA_DIR`. */
export const runtimeInfo = (): RuntimeInfo => {
  const info = liveRuntime();
  if (!info) {
    console.error(notRunningMessage());
    process.exit(1);
  }
  return info;
};
