import { type DriveResult, percentile } from './load-drive.ts';

/** The serving process (the runner, or the raw floor server) over a workload's window. */
export interface ServerFigures {
  /** Event-loop delay p99, ms. */
  loopP99: number;
  /** Its CPU time over the window divided by the requests answered in it (all routes), ms. */
  cpuMsPerRequest: number;
}

/** One printed row: a label of one workload's run. */
export interface LoadRow {
  workload: string;
  label: string;
  connections: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers by status; `expected` ones are declared outcomes, the rest are failures. */
  statuses: [number, number][];
  expected: number[];
  /** 5xx, socket errors and timeouts. */
  errors: number;
  read: boolean;
  /** The process serving this workload, while it ran. */
  server?: ServerFigures;
  /** Throughput over the raw HTTP floor, for the single-record read. */
  versusRaw?: number;
}

/** Reads keep p99 within 3× p50 and GET by id reaches 80 % of the raw GetItem floor. */
export const goals = { tailRatio: 3, versusRaw: 0.8 } as const;

/** Rows of one run, one per label; socket errors are charged to the run's first label. */
export const rowsOf = (
  workload: string,
  run: DriveResult,
  options: { label: string; connections: number; read: boolean; expected: number[]; server?: ServerFigures },
): LoadRow[] =>
  // A run that got no answer at all still has its row, with its errors.
  [
    ...(run.byLabel.size > 0
      ? run.byLabel
      : new Map([[options.label, { latencies: [], statuses: new Map() }]])),
  ].map(([label, figures], index) => {
    const sorted = [...figures.latencies].sort((a, b) => a - b);
    const statuses = [...figures.statuses.entries()].filter(([status]) => status < 200 || status >= 300);
    const serverErrors = statuses
      .filter(([status]) => status >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      workload,
      label,
      connections: options.connections,
      perSecond: sorted.length / run.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      statuses: statuses.sort(([a], [b]) => a - b),
      expected: options.expected,
      errors: serverErrors + (index === 0 ? run.errors : 0),
      read: options.read && label.startsWith('GET'),
      ...(options.server ? { server: options.server } : {}),
    };
  });

/** Non-2xx answers the workload did not declare: the bench or the platform is wrong. */
export const undeclared = (row: LoadRow) =>
  row.statuses.filter(([status]) => status < 500 && !row.expected.includes(status));

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The table, Markdown, with PASS/FAIL beside each goal where it applies. */
export const loadTable = (rows: LoadRow[]): string[] => [
  '| workload | route | conns | req/s | p50 ms | p99 ms | p99/p50 | non-2xx | errors | server CPU ms/req | server loop p99 ms | read/raw | p99 ≤ 3× p50 | ≥ 80 % of raw |',
  '|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|',
  ...rows.map((row) => {
    const ratio = row.p99 / row.p50;
    const nonOk = row.statuses.map(([status, count]) => `${status}×${count}`).join(', ') || '0';
    const unexpected = undeclared(row).length > 0 ? ' (undeclared)' : '';
    return [
      '',
      row.workload,
      row.label,
      row.connections,
      fixed(row.perSecond, 0),
      fixed(row.p50, 2),
      fixed(row.p99, 2),
      fixed(ratio, 2),
      `${nonOk}${unexpected}`,
      row.errors,
      row.server ? fixed(row.server.cpuMsPerRequest, 2) : '',
      row.server ? fixed(row.server.loopP99, 1) : '',
      row.versusRaw === undefined ? '' : fixed(row.versusRaw, 2),
      row.read ? (ratio <= goals.tailRatio ? 'PASS' : 'FAIL') : '',
      row.versusRaw === undefined ? '' : row.versusRaw >= goals.versusRaw ? 'PASS' : 'FAIL',
      '',
    ]
      .join(' | ')
      .trim();
  }),
];
