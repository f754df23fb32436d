import { randomUUID } from 'node:crypto';
import type { LoadRequest } from './load-drive.ts';
import type { LoadSeed, Tokens } from './load-seed.ts';

/** One row group of the load table: where it sends, how wide, and what it sends next. */
export interface Workload {
  key: string;
  /** The row's label when no answer came back at all (a mixed workload has a row per route). */
  label: string;
  /** `api`: the runner's HTTP API; `invoke`: its Lambda Invoke stand-in; `raw`: the floor server. */
  target: 'api' | 'invoke' | 'raw';
  connections: number;
  /** Reads are held to the tail and throughput goals. */
  read: boolean;
  /** Statuses the workload declares as expected outcomes (counted apart from errors). */
  expected: number[];
  /** Run it briefly once before measuring (the first read of a cold JIT is not steady state). */
  warmUp: boolean;
  timeoutSeconds: number;
  next(): LoadRequest;
}

const json = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...extra,
});

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * The workloads over one seed. Patches take an incident no other connection is patching (a free
 * list), send its version as `If-Match` and learn the next from the `ETag`; 412 stays declared in
 * case a version is stale anyway. Approvals take the next change of the seeded pool.
 */
export const workloadsOver = (seed: LoadSeed, tokens: Tokens, connections: number) => {
  const freeToPatch = [...seed.writable];
  let patches = 0;
  const changes = [...seed.changeIds];
  const alarmNames = seed.servers.flatMap((server, n) =>
    [`load-cpu-${n}`, `load-disk-${n}`].map((name) => ({ name, server })),
  );

  const getIncident = (): LoadRequest => ({
    label: 'GET /incidents/{id}',
    method: 'GET',
    path: `/incidents/${pick(seed.readIds)}`,
    headers: { authorization: `Bearer ${tokens.agent}` },
  });
  const listIncidents = (): LoadRequest => ({
    label: 'GET /incidents',
    method: 'GET',
    path: '/incidents?limit=20',
    headers: { authorization: `Bearer ${tokens.agent}` },
  });
  const createIncident = (): LoadRequest => ({
    label: 'POST /incidents',
    method: 'POST',
    path: '/incidents',
    headers: json(tokens.requester),
    body: JSON.stringify({ title: 'Printer on floor 3 is jammed', impact: 3, urgency: 2 }),
  });
  const patchIncident = (): LoadRequest => {
    const target = freeToPatch.shift();
    // Every patchable incident in flight (more connections than the pool): read one instead.
    if (!target) return getIncident();
    patches += 1;
    return {
      label: 'PATCH /incidents/{id}',
      method: 'PATCH',
      path: `/incidents/${target.id}`,
      headers: json(tokens.agent, { 'if-match': `"${target.version}"` }),
      body: JSON.stringify({ assignee: `load-agent-${patches % 97}` }),
      settled: (status, headers) => {
        const etag = Number(String(headers.etag ?? headers.ETag ?? '').replace(/"/g, ''));
        if (status === 200 && Number.isInteger(etag)) target.version = etag;
        // A 412 leaves the stale version out of the pool rather than failing again.
        if (status !== 412) freeToPatch.push(target);
      },
    };
  };
  const comment = (): LoadRequest => ({
    label: 'POST /incidents/{id}/comments',
    method: 'POST',
    path: `/incidents/${pick(seed.readIds)}/comments`,
    headers: json(tokens.agent),
    body: JSON.stringify({ body: 'Called the user back; waiting on the vendor.', visibility: 'work_note' }),
  });
  let lastChange = seed.changeIds[0] ?? 'none';
  const approve = (): LoadRequest => {
    const id = changes.shift();
    if (id) lastChange = id;
    return {
      // Past the seeded pool a vote lands on a decided change (409): its own row, so it shows.
      label: id ? 'POST /changes/{id}/approvals' : 'POST /changes/{id}/approvals (pool ran out)',
      method: 'POST',
      path: `/changes/${id ?? lastChange}/approvals`,
      headers: json(tokens.change_manager),
      body: JSON.stringify({ decision: 'approve', comment: 'Load bench' }),
    };
  };
  const alarm = (): LoadRequest => {
    const { name, server } = pick(alarmNames);
    const at = new Date().toISOString();
    return {
      label: 'alarm-intake (invoke)',
      method: 'POST',
      path: '/2015-03-31/functions/alarm-intake/invocations',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alarmEnvelope(name, server.instanceId, at)),
    };
  };
  const ingest = (): LoadRequest => ({
    label: 'metrics-ingest (invoke)',
    method: 'POST',
    path: '/2015-03-31/functions/metrics-ingest/invocations',
  });
  const rawList = (): LoadRequest => ({
    label: 'raw: node:http + Query',
    method: 'GET',
    path: '/incidents',
  });
  const rawGet = (): LoadRequest => ({
    label: 'raw: node:http + GetItem',
    method: 'GET',
    path: `/incidents/${pick(seed.readIds)}`,
  });

  /** One request of a weighted mix. */
  const mixOf = (weighted: [number, () => LoadRequest][]) => {
    const total = weighted.reduce((sum, [weight]) => sum + weight, 0);
    return (): LoadRequest => {
      let roll = Math.random() * total;
      for (const [weight, request] of weighted) {
        roll -= weight;
        if (roll < 0) return request();
      }
      return (weighted[0]?.[1] ?? getIncident)();
    };
  };
  /** A service desk's reads: mostly single records, some queue pages. */
  const readMix = mixOf([
    [75, getIncident],
    [25, listIncidents],
  ]);
  /** The same reads answered by the floor server, to tell the runner's tail from the store's. */
  const floorReadMix = mixOf([
    [75, () => ({ ...rawGet(), label: 'floor: GET /incidents/{id}' })],
    [25, () => ({ ...rawList(), label: 'floor: GET /incidents' })],
  ]);
  const writeMix = mixOf([
    [30, createIncident],
    [25, patchIncident],
    [30, comment],
    [15, approve],
  ]);

  const workload = (
    key: string,
    target: Workload['target'],
    label: string,
    next: () => LoadRequest,
    extra: Partial<Workload> = {},
  ): Workload => ({
    key,
    label,
    target,
    connections,
    read: false,
    expected: [],
    warmUp: false,
    timeoutSeconds: 10,
    next,
    ...extra,
  });
  /** Half the connections read (from the API or the floor), half write, two send alarm events. */
  const half = Math.max(1, Math.floor(connections / 2));
  const mixedWorkload = (key: string, readTarget: Workload['target'], reads: () => LoadRequest) => [
    workload(key, readTarget, 'reads', reads, { read: true, connections: half }),
    workload(key, 'api', 'writes', writeMix, { expected: [412], connections: half }),
    workload(key, 'invoke', 'alarm-intake (invoke)', alarm, { connections: 2 }),
  ];
  return {
    /** Each read with its floor; the two are measured in alternating slices (the machine's load drifts). */
    reads: [
      [
        workload('raw', 'raw', 'raw: node:http + GetItem', rawGet, { warmUp: true }),
        workload('get', 'api', 'GET /incidents/{id}', getIncident, { read: true, warmUp: true }),
      ],
      [
        workload('raw-list', 'raw', 'raw: node:http + Query', rawList, { warmUp: true }),
        workload('list', 'api', 'GET /incidents', listIncidents, { read: true, warmUp: true }),
      ],
    ] as [Workload, Workload][],
    writes: [
      workload('create', 'api', 'POST /incidents', createIncident),
      workload('patch', 'api', 'PATCH /incidents/{id}', patchIncident, { expected: [412] }),
      workload('comment', 'api', 'POST /incidents/{id}/comments', comment),
      workload('approve', 'api', 'POST /changes/{id}/approvals', approve),
      workload('alarm', 'invoke', 'alarm-intake (invoke)', alarm),
      // The schedule never overlaps two runs (the runner skips a tick while one runs): one at a time.
      workload('ingest', 'invoke', 'metrics-ingest (invoke)', ingest, {
        connections: 1,
        timeoutSeconds: 120,
      }),
    ],
    /**
     * Reads and writes together (half the connections each), with alarm events beside them; then
     * the same with the reads answered by the floor server, under the same writes. Ingest runs go
     * on back to back through both (see load.ts).
     */
    mixed: [mixedWorkload('mixed', 'api', readMix), mixedWorkload('mixed-floor', 'raw', floorReadMix)] as [
      Workload[],
      Workload[],
    ],
  };
};

/** A CloudWatch Alarm State Change to ALARM, as EventBridge delivers it, for one server's instance. */
const alarmEnvelope = (name: string, instanceId: string, at: string) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: '111122223333',
  time: at,
  region: 'eu-west-1',
  resources: [`arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`],
  detail: {
    alarmName: name,
    configuration: {
      description: `${name} above threshold`,
      metrics: [
        {
          id: 'm1',
          metricStat: {
            metric: { dimensions: { InstanceId: instanceId }, name: 'CPUUtilization', namespace: 'AWS/EC2' },
            period: 300,
            stat: 'Average',
          },
          returnData: true,
        },
      ],
    },
    previousState: { reason: 'Threshold Crossed', timestamp: at, value: 'OK' },
    state: { reason: 'Threshold Crossed', timestamp: at, value: 'ALARM' },
  },
});
