import type { HttpMethod, OperationContract } from '#http/operation.ts';

/**
 * The shape of the one manifest. The CDK construct and the local runner both read
 * `functions/manifest.ts`; nothing else declares a schedule or an event rule, and routes come
 * only from the operation objects a function serves.
 */
export type { HttpMethod };

/** A route as the HTTP API serves it, derived from an operation. */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/incidents/{id}`. */
  path: string;
  /** Public routes skip the JWT authorizer. Only `/health` and `/openapi.json` are public. */
  public: boolean;
}

export interface ScheduleSpec {
  /** Unique per function. */
  name: string;
  /** `rate(N minute|minutes|hour|hours|day|days)`; the local runner understands the same syntax. */
  expression: string;
}

/** Which bus a rule listens on: AWS service events arrive on `default`, ours on `platform`. */
export type BusName = 'default' | 'platform';

export interface RuleSpec {
  name: string;
  bus: BusName;
  pattern: { source: string[]; 'detail-type'?: string[] };
}

export interface StreamSpec {
  /** Only records whose NEW_IMAGE has this `entity` attribute reach the function. */
  entity: string;
  batchSize: number;
  retryAttempts: number;
}

/** What a function may touch; the construct grants exactly this and no more. */
export interface AccessSpec {
  table?: 'read' | 'readWrite';
  /** PutEvents on the platform bus. */
  bus?: boolean;
  /** cloudwatch:GetMetricData (read) or PutMetricData (write). */
  metrics?: Array<'read' | 'write'>;
  /** Readiness probes: GetItem on the table itself (no index) and DescribeEventBus on the bus. */
  readiness?: boolean;
}

export interface FunctionSpec {
  /** kebab-case, unique; also the `npm run invoke -- NAME` name. */
  name: string;
  /** Path from the repository root to the handler module (exports `handler`). */
  entry: string;
  description: string;
  /** The contracts of the API operations it serves (`functions/contracts/`); its routes come from them. */
  operations?: readonly OperationContract[];
  schedules?: ScheduleSpec[];
  rules?: RuleSpec[];
  stream?: StreamSpec;
  access: AccessSpec;
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** A function's HTTP routes, from its operations. */
export const routesOf = (spec: Pick<FunctionSpec, 'operations'>): RouteSpec[] =>
  (spec.operations ?? []).map((operation) => ({
    method: operation.method,
    path: operation.path,
    public: operation.role === 'public',
  }));
