import { MissingPrerequisite } from './emulators.ts';
import { startPlatform } from './platform.ts';
import { dataDir } from './runtime-info.ts';

const port = Number(process.env.PORT ?? 3000);

try {
  const platform = await startPlatform({ port, dataDir: dataDir(), persistent: true });
  console.log(
    `OpsDesk ready at ${platform.url} (data in ${dataDir()}, table ${platform.tableName}, bus ${platform.busName})`,
  );
  console.log('Get a token with: npm run token -- --role agent');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping OpsDesk and its emulators…`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof MissingPrerequisite) {
    console.error(`Cannot start OpsDesk: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
