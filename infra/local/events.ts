import {
  DeleteRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ensureBusTap } from './local-aws.ts';
import { clientConfig } from './platform.ts';
import { processAlive, runtimeInfo } from './runtime-info.ts';

/**
 * `npm run events`: the platform's outbound events as they are published, one JSON envelope a
 * line, until Ctrl-C. A queue and a rule (source `opsdesk`) on the platform bus tap them; both
 * are removed on exit, and a tap left by a killed `npm run events` is removed on the next one.
 */
const runtime = runtimeInfo();
const events = new EventBridgeClient(clientConfig(runtime.motoEndpoint));
const sqs = new SQSClient(clientConfig(runtime.motoEndpoint));
const prefix = `${runtime.busName}-events-tap-`;
const name = `${prefix}${process.pid}`;
const pattern = { source: ['opsdesk'] };

const removeTap = async (tap: string) => {
  await events
    .send(new RemoveTargetsCommand({ Rule: tap, EventBusName: runtime.busName, Ids: ['tap'] }))
    .catch(() => undefined);
  await events
    .send(new DeleteRuleCommand({ Name: tap, EventBusName: runtime.busName }))
    .catch(() => undefined);
  const url = await sqs
    .send(new GetQueueUrlCommand({ QueueName: tap }))
    .then((found) => found.QueueUrl)
    .catch(() => undefined);
  if (url) await sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => undefined);
};

const leftTaps = async () => {
  const rules = await events.send(
    new ListRulesCommand({ EventBusName: runtime.busName, NamePrefix: prefix }),
  );
  return (rules.Rules ?? [])
    .map((rule) => rule.Name ?? '')
    .filter((tap) => tap && !processAlive(Number(tap.slice(prefix.length))));
};

let queueUrl: string | undefined;
const receiving = new AbortController();
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  receiving.abort();
  await removeTap(name);
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

try {
  for (const tap of await leftTaps()) await removeTap(tap);
  queueUrl = (await ensureBusTap(events, sqs, { name, busName: runtime.busName, pattern, targetId: 'tap' }))
    .url;
} catch (error) {
  console.error(
    `Cannot tap the bus ${runtime.busName} at ${runtime.motoEndpoint}: ${(error as Error).message}`,
  );
  await stop(1);
}
console.error(`Listening for events on bus ${runtime.busName} of ${runtime.url} (Ctrl-C to stop)…`);

while (!stopping) {
  try {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 10 }),
      { abortSignal: receiving.signal },
    );
    const messages = received.Messages ?? [];
    for (const message of messages) {
      let line = message.Body ?? '';
      try {
        line = JSON.stringify(JSON.parse(line));
      } catch {
        // not JSON: print it as it came
      }
      process.stdout.write(`${line}\n`);
    }
    if (messages.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? '',
          })),
        }),
      );
  } catch (error) {
    if (stopping) break;
    console.error(`The platform's bus is gone (${(error as Error).message}); stopping.`);
    await stop(1);
  }
}
