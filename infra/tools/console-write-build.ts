import { buildConsole, consoleDistDir } from './console-build.ts';

// `npm run console:build`: builds the console into console/dist (the stack deploys that folder).
const { firstLoad } = await buildConsole(consoleDistDir);
console.log(`console built into console/dist (first load: ${firstLoad.join(', ')})`);
