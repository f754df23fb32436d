import { readFileSync } from 'node:fs';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { clientConfig } from './platform.ts';
import { runtimeInfo } from './runtime-info.ts';

/** `npm run event -- FILE.json`: one EventBridge envelope onto the local bus its source belongs to. */
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run event -- FILE.json (a full EventBridge event envelope)');
  process.exit(2);
}
const envelope = JSON.parse(readFileSync(file, 'utf8')) as {
  source?: string;
  'detail-type'?: string;
  detail?: unknown;
  resources?: string[];
  time?: string;
};
if (!envelope.source || !envelope['detail-type'] || envelope.detail === undefined) {
  console.error(`${file} is not an EventBridge envelope: it needs source, detail-type and detail`);
  process.exit(2);
}
const runtime = runtimeInfo();
// AWS services deliver to the account's default bus; everything else goes to the platform bus.
const busName = envelope.source.startsWith('aws.') ? 'default' : runtime.busName;
const events = new EventBridgeClient(clientConfig(runtime.motoEndpoint));
const result = await events.send(
  new PutEventsCommand({
    Entries: [
      {
        EventBusName: busName,
        Source: envelope.source,
        DetailType: envelope['detail-type'],
        Detail: JSON.stringify(envelope.detail),
        Resources: envelope.resources,
        Time: envelope.time ? new Date(envelope.time) : undefined,
      },
    ],
  }),
);
if (result.FailedEntryCount) {
  console.error('The bus refused the event:', JSON.stringify(result.Entries));
  process.exit(1);
}
console.log(`delivered ${result.Entries?.[0]?.EventId} to bus ${busName}`);
