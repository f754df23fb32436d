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
}

/** What the running `npm start` wrote: its URL and the emulators' endpoints. */
export const runtimeInfo = (): RuntimeInfo => {
  const file = join(dataDir(), 'runtime.json');
  if (!existsSync(file)) {
    console.error(`OpsDesk is not running (no ${file}). Start it with \`npm start\` in another terminal.`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
};
