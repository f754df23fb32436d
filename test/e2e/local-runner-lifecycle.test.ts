import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alive,
  cleanUp,
  exitWithin,
  freeLoopbackPort,
  processesMentioning,
  remember,
  runnerRecord,
  type StartedRunner,
  spawnNpm,
  startRunner,
  tempDataDir,
  waitFor,
  watchdogOf,
} from './local-processes.ts';

/** The lines a refused `npm start` printed, without npm's own banner lines. */
const meaningfulLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('> '));

const allGone = (pids: number[]) => pids.every((pid) => !alive(pid));

describe('npm start on this machine', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir('lifecycle');
  let port: number;
  let first: StartedRunner;

  afterAll(cleanUp, 30_000);

  it('a second start on a data directory or port in use prints one line, exits 1 and leaves nothing', async () => {
    // Prepare: a live platform
    port = await freeLoopbackPort();
    first = await startRunner(dataDir, port);
    const otherDir = tempDataDir('second');
    // Act: the same data directory on another port, then another directory on the same port
    const sameDir = spawnNpm(['start'], {
      OPSDESK_DATA_DIR: dataDir,
      PORT: String(await freeLoopbackPort()),
    });
    const samePort = spawnNpm(['start'], { OPSDESK_DATA_DIR: otherDir, PORT: String(port) });
    const [sameDirCode, samePortCode] = await Promise.all([
      exitWithin(sameDir, 20_000),
      exitWithin(samePort, 20_000),
    ]);
    // Assess
    expect(sameDirCode).toBe(1);
    expect(samePortCode).toBe(1);
    expect(meaningfulLines(sameDir.stdout() + sameDir.stderr())).toEqual([
      expect.stringMatching(
        /^Cannot start OpsDesk: the data directory .* is in use by the OpsDesk running at/,
      ),
    ]);
    expect(meaningfulLines(samePort.stdout() + samePort.stderr())).toEqual([
      expect.stringMatching(new RegExp(`^Cannot start OpsDesk: port ${port} on 127.0.0.1 is in use`)),
    ]);
    // Nothing of the second platforms started: no emulator on the other directory's files
    expect(processesMentioning(otherDir)).toEqual([]);
    expect(existsSync(join(otherDir, 'dynamodb'))).toBe(false);
    // ...and the first platform is untouched: same runner, still serving
    expect(runnerRecord(dataDir)?.pid).toBe(first.runnerPid);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
  });

  it('after a kill -9 of the runner and its watchdog, the next start stops the emulators left behind', async () => {
    // Prepare: the runner and its watchdog die without a chance to stop anything
    const watchdog = watchdogOf(first.runnerPid);
    remember(watchdog);
    expect(watchdog).toBeDefined();
    process.kill(watchdog as number, 'SIGKILL');
    process.kill(first.runnerPid, 'SIGKILL');
    await waitFor('the killed runner to be gone', () => !alive(first.runnerPid), 5_000);
    expect(first.emulatorPids.filter(alive)).toHaveLength(2);
    // Act
    const second = await startRunner(dataDir, port);
    // Assess
    expect(second.stdout()).toMatch(/Stopped DynamoDB Local \(pid \d+\) and moto_server \(pid \d+\) left by/);
    expect(first.emulatorPids.filter(alive)).toEqual([]);
    expect((await fetch(`${second.url}/health`)).status).toBe(200);
    first = second;
  });

  it('after a kill -9 of the runner alone, its watchdog stops both emulators', async () => {
    // Act
    process.kill(first.runnerPid, 'SIGKILL');
    // Assess
    await waitFor('the emulators of a killed runner to stop', () => allGone(first.emulatorPids), 10_000);
    expect(first.emulatorPids.filter(alive)).toEqual([]);
  });

  it('SIGHUP to the runner stops it and both emulators, and frees the data directory', async () => {
    // Prepare
    const runner = await startRunner(dataDir, port);
    // Act
    process.kill(runner.runnerPid, 'SIGHUP');
    // Assess
    await waitFor(
      'the runner and its emulators to stop',
      () => allGone([runner.runnerPid, ...runner.emulatorPids]),
      15_000,
    );
    expect(existsSync(join(dataDir, 'runner.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    expect(runner.stdout()).toMatch(/SIGHUP: stopping OpsDesk/);
  });
});
