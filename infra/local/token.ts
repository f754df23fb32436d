import { parseArgs } from 'node:util';
import { roles } from '#domain/record/record.ts';
import { localKeys, signLocalToken } from './local-auth.ts';
import { dataDir, liveRuntime } from './runtime-info.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: ['agent'], multiple: true },
    sub: { type: 'string' },
    'expires-in': { type: 'string', default: '12h' },
  },
});
const requested = values.role ?? ['agent'];
const unknown = requested.filter((role) => !(roles as readonly string[]).includes(role));
if (unknown.length > 0) {
  console.error(`Unknown role ${unknown.join(', ')}; use one of ${roles.join(', ')}`);
  process.exit(2);
}
const token = await signLocalToken(await localKeys(dataDir()), {
  sub: values.sub ?? `local-${requested[0]}`,
  roles: requested,
  groupsClaim: process.env.GROUPS_CLAIM,
  expiresIn: values['expires-in'],
});
console.log(token);
// The token only opens the platform whose data directory holds the key that signed it.
if (!liveRuntime())
  console.error(
    `warning: no OpsDesk is running on ${dataDir()}: this token is signed with its key, so only \`npm start\` with OPSDESK_DATA_DIR=${dataDir()} accepts it.`,
  );
