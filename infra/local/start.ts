import { MissingPrerequisite, onEmulatorSpawn } from './emulators.ts';
import { watchLaunchChain } from './launch-chain.ts';
import { type RunningPlatform, startPlatform } from './platform.ts';
import { acquireRunnerLock, portIsFree, StartConflict } from './runner-lock.ts';
import { dataDir } from './runtime-info.ts';

const port = Number(process.env.PORT ?? 3000);
const directory = dataDir();
const portInUse = `port ${port} on 127.0.0.1 is in use (another OpsDesk or program listens on it); stop it, or set PORT to a free port.`;

const refuse = (message: string): never => {
  console.error(`Cannot start OpsDesk: ${message}`);
  process.exit(1);
};

// Both checks come before anything starts: a second `npm start` leaves nothing behind.
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  refuse(`PORT=${process.env.PORT} is not a port number.`);
const lock = await acquireRunnerLock(directory, port).catch((error) =>
  error instanceof StartConflict ? refuse(error.message) : Promise.reject(error),
);
if (!(await portIsFree(port))) {
  lock.release();
  refuse(portInUse);
}
onEmulatorSpawn((emulator) => lock.recordEmulator(emulator));

let platform: RunningPlatform | undefined;
let stopping = false;
const stop = async (reason: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping OpsDesk and its emulators…`);
  // Emulators still starting, or a stop that hangs, are ended by the watchdog once we exit.
  setTimeout(() => {
    lock.release();
    process.exit(1);
  }, 20_000).unref();
  try {
    await platform?.stop();
  } finally {
    lock.release();
    process.exit(0);
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
watchLaunchChain((pid) => void stop(`the process that started OpsDesk (pid ${pid}) exited`));

try {
  platform = await startPlatform({ port, dataDir: directory, persistent: true, registerSelf: true });
  if (stopping) await platform.stop();
  else {
    console.log(
      `OpsDesk ready at ${platform.url} (data in ${directory}, table ${platform.tableName}, bus ${platform.busName})`,
    );
    console.log(`The console: ${platform.url}/console/ (sign in with a role and a user name)`);
    console.log('Get a token with: npm run token -- --role agent');
    if (platform.localServiceId)
      console.log(
        `This OpsDesk watches itself: CI ${platform.localServiceId} (/cis/${platform.localServiceId}/capacity, /availability, /performance)`,
      );
  }
} catch (error) {
  lock.release();
  if (error instanceof MissingPrerequisite) refuse(error.message);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') refuse(portInUse);
  throw error;
}
