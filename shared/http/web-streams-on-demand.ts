/**
 * What a Lambda bundle gets for `node:stream/web` (`infra/constructs/bundle-options.ts`).
 * @middy/core 6 imports `ReadableStream` at module scope only to check, in a streaming response,
 * that the handler returned a web stream. Loading Node's web streams for that import costs about
 * 9 % of an HTTP function's cold init (README, Benchmarks), and no OpsDesk handler streams. Here
 * `instanceof` asks the global `ReadableStream`, the same class, which Node loads on first use:
 * only a streaming response would load web streams. middy 7 (Node 22) loads them only then itself.
 *
 * @example handlerBody instanceof ReadableStream // as middy writes it, unchanged
 */
export const ReadableStream = {
  [Symbol.hasInstance]: (value: unknown): boolean => value instanceof globalThis.ReadableStream,
};
