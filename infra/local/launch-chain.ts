import { spawnSync } from 'node:child_process';
import { processAlive } from './runtime-info.ts';

/**
 * The processes that launched this one and share its process group: for `npm start` that is
 * tsx, the `sh -c` npm runs scripts in, and npm itself. Read once from `ps` (Linux and macOS).
 */
export const launchChain = (): number[] => {
  const result = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return process.ppid > 1 ? [process.ppid] : [];
  const table = new Map<number, { ppid: number; pgid: number }>();
  for (const line of result.stdout.split('\n')) {
    const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
    if (pid && ppid !== undefined && pgid !== undefined) table.set(pid, { ppid, pgid });
  }
  const group = table.get(process.pid)?.pgid;
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && !chain.includes(pid)) {
    const entry = table.get(pid);
    if (!entry || entry.pgid !== group) break;
    chain.push(pid);
    pid = entry.ppid;
  }
  // The direct parent always counts, even in another process group.
  if (chain.length === 0 && process.ppid > 1) chain.push(process.ppid);
  return chain;
};

/**
 * Calls `onGone` once when any process of the launch chain has exited. `npm` forwards SIGTERM
 * only to its `sh -c`, which dies without passing it on; the runner learns of it here, so
 * stopping npm stops the platform and its emulators too.
 */
export const watchLaunchChain = (onGone: (pid: number) => void, intervalMs = 500): (() => void) => {
  const chain = launchChain();
  const timer = setInterval(() => {
    const gone = chain.find((pid) => !processAlive(pid));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
