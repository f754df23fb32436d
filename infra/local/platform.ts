import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { manifest } from '#functions/manifest.ts';
import { localConsoleSite } from './console-site.ts';
import { checkPrerequisites, type Emulator, startDynamoDbLocal, startMoto } from './emulators.ts';
import {
  configureLocalEnvironment,
  type LambdaHandler,
  lambdaContext,
  loadHandlers,
  specNamed,
} from './function-host.ts';
import { startHttpGateway } from './http-gateway.ts';
import { localKeys } from './local-auth.ts';
import {
  ensureBus,
  ensureQueue,
  ensureRuleQueue,
  ensureTable,
  localCredentials,
  localRegion,
} from './local-aws.ts';
import { localRoutes, localRules, localSchedules } from './routing.ts';
import { RuleDelivery } from './rule-delivery.ts';
import { SelfMonitoring } from './self-monitoring.ts';
import { registerLocalService } from './self-registration.ts';
import { StreamPoller } from './stream-poller.ts';

export interface PlatformOptions {
  port: number;
  /** Where DynamoDB Local keeps its files, the signing key and stream checkpoints. */
  dataDir: string;
  /** Keep DynamoDB data on disk (npm start) or in memory. */
  persistent?: boolean;
  /** A fixed port for an owned DynamoDB Local (handlers keep their endpoint for the process). */
  dynamoPort?: number;
  /** Reuse running emulators (tests start them once per run). */
  dynamoEndpoint?: string;
  motoEndpoint?: string;
  tableName?: string;
  busName?: string;
  /** Fire the manifest's schedules on timers (off in tests, which invoke them). */
  schedules?: boolean;
  /** Register the local service as a CI with metric bindings on its own metrics (`npm start`). */
  registerSelf?: boolean;
  /** Run the stream and rule pollers in the background (tests may drain them by hand). */
  background?: boolean;
}

export interface RunningPlatform {
  url: string;
  /** The local service's CI, when `registerSelf` asked for it. */
  localServiceId: string | undefined;
  tableName: string;
  busName: string;
  dynamoEndpoint: string;
  motoEndpoint: string;
  handlers: Map<string, LambdaHandler>;
  outbox: StreamPoller;
  rules: Map<string, RuleDelivery>;
  deadLetterUrl: string;
  invoke(name: string, event?: unknown): Promise<unknown>;
  /**
   * Runs `listener` after an emulator this platform owns was restarted and its resources
   * re-created (tests re-create their bus taps here). No event is published until it is done.
   */
  onEmulatorRestart(emulator: EmulatorRole, listener: () => Promise<void>): void;
  stop(): Promise<void>;
}

/** The two emulators a platform may own. */
export type EmulatorRole = 'dynamodb' | 'moto';

export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: localRegion,
  credentials: localCredentials,
});

/** A ScheduledEvent as EventBridge sends it. */
export const scheduledEvent = (name: string) => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: localRegion,
  resources: [`arn:aws:events:${localRegion}:000000000000:rule/${name}`],
  detail: {},
});

/**
 * The whole platform on this machine: emulators, table, buses, rules, the HTTP API, the outbox
 * stream poller and the schedules, all from the manifest.
 */
export const startPlatform = async (options: PlatformOptions): Promise<RunningPlatform> => {
  mkdirSync(options.dataDir, { recursive: true });
  checkPrerequisites({ java: !options.dynamoEndpoint, moto: !options.motoEndpoint });
  const owned = new Map<EmulatorRole, Emulator>();
  const stopOwned = () => Promise.all([...owned.values()].map((emulator) => emulator.stop()));
  try {
    const own = (role: EmulatorRole, emulator: Emulator) => {
      owned.set(role, emulator);
      return emulator.endpoint;
    };
    const dynamoEndpoint =
      options.dynamoEndpoint ??
      own(
        'dynamodb',
        await startDynamoDbLocal({
          port: options.dynamoPort,
          ...(options.persistent ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
        }),
      );
    const motoEndpoint = options.motoEndpoint ?? own('moto', await startMoto());
    return await assemble(options, dynamoEndpoint, motoEndpoint, owned, stopOwned);
  } catch (error) {
    await stopOwned();
    throw error;
  }
};

const assemble = async (
  options: PlatformOptions,
  dynamoEndpoint: string,
  motoEndpoint: string,
  owned: ReadonlyMap<EmulatorRole, Emulator>,
  stopOwned: () => Promise<unknown>,
): Promise<RunningPlatform> => {
  const tableName = options.tableName ?? 'opsdesk';
  const busName = options.busName ?? 'opsdesk';
  const dynamo = new DynamoDBClient(clientConfig(dynamoEndpoint));
  const sqs = new SQSClient(clientConfig(motoEndpoint));
  const events = new EventBridgeClient(clientConfig(motoEndpoint));
  await ensureTable(dynamo, tableName);
  await ensureBus(events, busName);
  const localServiceId = options.registerSelf ? await registerLocalService(dynamo, tableName) : undefined;
  const deadLetter = await ensureQueue(sqs, `${busName}-dead-letters`);
  configureLocalEnvironment({ tableName, busName, dynamoEndpoint, motoEndpoint });
  const handlers = await loadHandlers();
  const invoke = async (name: string, event: unknown = scheduledEvent(name)) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`No function named ${name}`);
    return handler(event, lambdaContext(specNamed(name)));
  };

  const outboxSpec = manifest.find((spec) => spec.stream);
  if (!outboxSpec) throw new Error('The manifest has no stream function');
  const outbox = new StreamPoller({
    dynamo,
    streams: new DynamoDBStreamsClient(clientConfig(dynamoEndpoint)),
    sqs,
    deadLetterUrl: deadLetter.url,
    tableName,
    spec: outboxSpec,
    handler: handlers.get(outboxSpec.name) as LambdaHandler,
    ...(options.persistent
      ? { checkpointFile: join(options.dataDir, `stream-checkpoints-${tableName}.json`) }
      : {}),
  });

  const ruleQueue = (rule: ReturnType<typeof localRules>[number]) =>
    ensureRuleQueue(events, sqs, {
      rule,
      functionName: rule.functionName,
      busName: rule.bus === 'default' ? 'default' : busName,
      platformName: busName,
      deadLetterArn: deadLetter.arn,
    });
  const rules = new Map<string, RuleDelivery>();
  for (const rule of localRules()) {
    const queue = await ruleQueue(rule);
    rules.set(
      `${rule.functionName}/${rule.name}`,
      new RuleDelivery({
        sqs,
        queueUrl: queue.url,
        spec: specNamed(rule.functionName),
        handler: handlers.get(rule.functionName) as LambdaHandler,
      }),
    );
  }

  const monitoring = new SelfMonitoring(new CloudWatchClient(clientConfig(motoEndpoint)));
  const keys = await localKeys(options.dataDir);
  const server: Server = await startHttpGateway({
    port: options.port,
    routes: localRoutes(),
    handlers,
    keys,
    observer: monitoring,
    console: localConsoleSite(keys),
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;

  const timers: NodeJS.Timeout[] = [];
  if (options.background !== false) {
    outbox.start();
    for (const delivery of rules.values()) delivery.start();
    monitoring.start();
  }
  if (options.schedules !== false) {
    for (const schedule of localSchedules()) {
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy) return;
          busy = true;
          void invoke(schedule.functionName)
            .catch((error) => console.error(`${schedule.functionName} failed:`, error))
            .finally(() => (busy = false));
        }, schedule.periodMs),
      );
    }
  }

  const runtimeFile = join(options.dataDir, 'runtime.json');
  const writeRuntime = () =>
    writeFileSync(
      runtimeFile,
      JSON.stringify(
        {
          url,
          tableName,
          busName,
          dynamoEndpoint,
          motoEndpoint,
          pid: process.pid,
          emulators: [...owned].map(([role, emulator]) => ({
            role,
            pid: emulator.pid(),
            port: emulator.port,
          })),
        },
        null,
        2,
      ),
    );
  writeRuntime();

  // An owned emulator that crashed comes back empty (moto always, DynamoDB Local in memory): its
  // resources are re-created with the outbox held, so no event reaches a bus before its rules.
  const restartListeners: Record<EmulatorRole, Array<() => Promise<void>>> = { dynamodb: [], moto: [] };
  const restore: Record<EmulatorRole, () => Promise<void>> = {
    dynamodb: async () => {
      await ensureTable(dynamo, tableName);
      outbox.forgetShards();
    },
    moto: async () => {
      await ensureBus(events, busName);
      await ensureQueue(sqs, `${busName}-dead-letters`);
      for (const rule of localRules()) await ruleQueue(rule);
    },
  };
  for (const [role, emulator] of owned)
    emulator.onRestart(() =>
      outbox.whileHeld(async () => {
        await restore[role]();
        for (const listener of restartListeners[role]) await listener();
        writeRuntime();
      }),
    );

  return {
    url,
    localServiceId,
    tableName,
    busName,
    dynamoEndpoint,
    motoEndpoint,
    handlers,
    outbox,
    rules,
    deadLetterUrl: deadLetter.url,
    invoke,
    onEmulatorRestart: (role, listener) => void restartListeners[role].push(listener),
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      monitoring.stop();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await Promise.all([outbox.stop(), ...[...rules.values()].map((delivery) => delivery.stop())]);
      rmSync(runtimeFile, { force: true });
      await stopOwned();
    },
  };
};
