import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { consoleApiTypes, consoleApiTypesFile } from './console-api-types.ts';

// `npm run console:api-types`: writes the console's API types from the OpenAPI document.
// Commit what it writes; test/browser/console-build.test.ts fails when they differ.
const file = fileURLToPath(new URL(`../../${consoleApiTypesFile}`, import.meta.url));
writeFileSync(file, await consoleApiTypes());
console.log(`wrote ${consoleApiTypesFile}`);
