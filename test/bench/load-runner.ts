import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { startPlatform } from '../../infra/local/platform.ts';
import { probeRoutes } from './load-process-figures.ts';

/**
 * The local runner as `npm start` runs it (HTTP API, outbox and rule pollers, schedules,
 * self-monitoring, its own CI), in a process of its own so the load generator never shares its
 * event loop, on emulators the bench owns. Beside the API, a bench port stands in for Lambda's
 * Invoke API: `POST /2015-03-31/functions/{name}/invocations` runs one function with the event in
 * the body (a function error is a 500), `POST /settle` waits for the outbox to publish what is
 * written, `/figures` reads (and on POST resets) this process's event-loop delay and CPU time, and with
 * LOAD_CPU_PROF=DIR `POST /profile/start` and `POST /profile/stop?name=N` write `DIR/N.cpuprofile`.
 */
export interface LoadRunnerReady {
  url: string;
  invokeUrl: string;
  tableName: string;
  localServiceId: string | undefined;
}

const [dynamoEndpoint, motoEndpoint, dataDir] = process.argv.slice(2);
if (!dynamoEndpoint || !motoEndpoint || !dataDir)
  throw new Error('usage: load-runner.ts DYNAMO_ENDPOINT MOTO_ENDPOINT DATA_DIR');

const platform = await startPlatform({
  port: 0,
  dataDir,
  dynamoEndpoint,
  motoEndpoint,
  registerSelf: true,
  schedules: process.env.LOAD_SCHEDULES !== 'off',
  // LOAD_BACKGROUND=off: no outbox or rule pollers and no self-monitoring (to tell their share).
  background: process.env.LOAD_BACKGROUND !== 'off',
});

const probe = await probeRoutes();

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
};

const answer = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body ?? null));
};

/** Publishes the outbox backlog: rounds until one finds nothing (an empty round is quick). */
const settle = async (limitMs = 120_000) => {
  const started = performance.now();
  for (;;) {
    const round = performance.now();
    await platform.outbox.drain();
    const roundMs = performance.now() - round;
    if (roundMs < 40 || performance.now() - started > limitMs) return performance.now() - started;
  }
};

const invocation = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;

const bench = createServer((request, response) => {
  void (async () => {
    const path = request.url ?? '/';
    const name = invocation.exec(path)?.[1];
    if (request.method === 'POST' && name) {
      const event = await readJson(request);
      try {
        return answer(response, 200, await platform.invoke(name, event));
      } catch (error) {
        return answer(response, 500, { errorMessage: (error as Error).message });
      }
    }
    if (request.method === 'POST' && path === '/settle') return answer(response, 200, { ms: await settle() });
    const probed = await probe(request.method ?? 'GET', path);
    if (probed !== undefined) return answer(response, 200, probed);
    answer(response, 404, { message: 'no such bench route' });
  })().catch((error: Error) => answer(response, 500, { errorMessage: error.message }));
});
await new Promise<void>((resolve) => bench.listen(0, '127.0.0.1', resolve));
const address = bench.address();
const ready: LoadRunnerReady = {
  url: platform.url,
  invokeUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  tableName: platform.tableName,
  localServiceId: platform.localServiceId,
};
process.send?.(ready);

const stop = async () => {
  bench.close();
  bench.closeAllConnections();
  await platform.stop();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
// The bench that started this process is gone: stop rather than run on.
process.on('disconnect', () => void stop());
