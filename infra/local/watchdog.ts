import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The watchdog's own code, run by `node -e`. It reads `+pid` / `-pid` lines on stdin (the pids it
 * guards). Stdin reaches end of file when the process that started it is gone, however it ended
 * (a `kill -9` too: the kernel closes its pipes), and then it stops every pid still guarded:
 * SIGTERM, SIGKILL after 5 s. It ignores terminal signals, so a Ctrl-C to the whole process group
 * cannot take it away before the emulators it guards have stopped.
 */
const watchdogSource = `
const guarded = new Set();
let pending = '';
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\\n');
  pending = lines.pop();
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line.startsWith('+')) guarded.add(pid); else guarded.delete(pid);
  }
});
const zombie = (pid) => { try { const stat = require('node:fs').readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat[stat.lastIndexOf(')') + 2] === 'Z'; } catch { return false; } };
const alive = (pid) => { try { process.kill(pid, 0); } catch { return false; } return !zombie(pid); };
const send = (signal) => { for (const pid of guarded) { try { process.kill(pid, signal); } catch {} } };
process.stdin.on('end', () => {
  send('SIGTERM');
  const deadline = Date.now() + 5000;
  const timer = setInterval(() => {
    for (const pid of guarded) if (!alive(pid)) guarded.delete(pid);
    if (guarded.size === 0) process.exit(0);
    if (Date.now() > deadline) { send('SIGKILL'); process.exit(0); }
  }, 100);
});
process.stdin.resume();
`;

let watchdog: ChildProcess | undefined;

const started = (): ChildProcess => {
  if (watchdog && watchdog.exitCode === null && watchdog.stdin?.writable) return watchdog;
  // Its own process group: a signal to the runner's group reaches the runner, which stops the
  // emulators itself; the watchdog only acts when the runner could not.
  const child = spawn(process.execPath, ['-e', watchdogSource], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.unref();
  child.stdin?.on('error', () => {});
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog = child;
  return child;
};

/** Stops `pid` as soon as this process is gone, however it ends. */
export const guardChild = (pid: number | undefined): void => {
  if (!pid) return;
  started().stdin?.write(`+${pid}\n`);
};

/** `pid` ended on its own: the watchdog forgets it (so a reused pid is never signalled). */
export const releaseChild = (pid: number | undefined): void => {
  if (!pid || !watchdog || watchdog.exitCode !== null) return;
  watchdog.stdin?.write(`-${pid}\n`);
};
