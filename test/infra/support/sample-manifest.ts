import { type FunctionSpec, manifest } from '#functions/manifest.ts';

const anyEntry = manifest[0]?.entry ?? 'functions/platform-api.ts';

/**
 * The manifest plus one test-only function that uses every trigger and access kind the real
 * manifest may not use yet (schedules, default-bus rules, metrics access, custom sizing), so the
 * infra tests prove the construct handles any manifest content. It reuses an existing entry file.
 */
export const extendedManifest: FunctionSpec[] = [
  ...manifest,
  {
    name: 'capacity-collector',
    entry: anyEntry,
    description: 'Test-only: reads and publishes metrics on a schedule and on AWS events',
    schedules: [
      { name: 'every-five-minutes', expression: 'rate(5 minutes)' },
      { name: 'daily', expression: 'rate(1 day)' },
    ],
    rules: [
      { name: 'lambda-changes', bus: 'default', pattern: { source: ['aws.lambda'] } },
      {
        name: 'incident-opened',
        bus: 'platform',
        pattern: { source: ['opsdesk.itsm'], 'detail-type': ['Incident Opened'] },
      },
    ],
    access: { table: 'read', metrics: ['read', 'write'] },
    memoryMb: 1024,
    timeoutSeconds: 30,
  },
];
