import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventSchemaDirectory, eventSchemaFiles } from './event-schemas.ts';

// `npm run events:schemas`: writes docs/events/<detail-type>.json from shared/schemas/events.ts
// and removes files no detail-type has any more, then formats them as `npm run lint` wants.
// Commit what it writes; test/unit/events/event-catalog.test.ts fails when they differ.
const directory = fileURLToPath(new URL(`../../${eventSchemaDirectory}/`, import.meta.url));
mkdirSync(directory, { recursive: true });
const files = eventSchemaFiles();
const current = new Set(files.map((file) => file.file));
for (const stale of readdirSync(directory).filter((name) => name.endsWith('.json') && !current.has(name)))
  rmSync(join(directory, stale));
for (const file of files) writeFileSync(join(directory, file.file), file.content);
execFileSync('npx', ['biome', 'format', '--write', directory], { stdio: 'ignore' });
console.log(`${files.length} event schemas in ${eventSchemaDirectory}/`);
