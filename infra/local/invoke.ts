import { readFileSync } from 'node:fs';
import { configureLocalEnvironment, lambdaContext, loadHandlers, specNamed } from './function-host.ts';
import { scheduledEvent } from './platform.ts';
import { runtimeInfo } from './runtime-info.ts';

/** `npm run invoke -- NAME [FILE.json]`: runs one function now against the running platform. */
const [name, file] = process.argv.slice(2);
if (!name) {
  console.error('Usage: npm run invoke -- NAME [EVENT.json]');
  process.exit(2);
}
const spec = specNamed(name);
const runtime = runtimeInfo();
configureLocalEnvironment(runtime);
const handler = (await loadHandlers([spec])).get(name);
const event = file ? JSON.parse(readFileSync(file, 'utf8')) : scheduledEvent(name);
const result = await handler?.(event, lambdaContext(spec));
console.log(JSON.stringify(result ?? null, null, 2));
