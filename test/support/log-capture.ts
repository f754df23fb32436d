/**
 * Everything this process writes while a capture runs: `process.stdout` and `process.stderr`
 * (the structured logger writes its JSON lines to stdout, as Lambda's runtime reads them) and the
 * console methods (vitest routes them around the streams). Nothing is passed through, so a test
 * that drives thousands of requests stays quiet; the lines are there for its assertions.
 */
export interface LogCapture {
  /** Every captured line, in order, without its line break. */
  lines(): string[];
  /** The lines that parse as JSON objects: the structured log records. */
  records(): Array<Record<string, unknown>>;
  /** Puts the streams and the console back. */
  stop(): void;
}

type Write = typeof process.stdout.write;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Starts capturing this process's output.
 * @example
 * const capture = captureProcessOutput();
 * try { await drive(); } finally { capture.stop(); }
 * expect(capture.lines().join('\n')).not.toContain(token);
 */
export const captureProcessOutput = (): LogCapture => {
  let buffered = '';
  const take = (chunk: unknown, encoding?: unknown) => {
    buffered +=
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk as Uint8Array).toString(
            typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
          );
  };
  const capturing = (stream: NodeJS.WriteStream) => {
    const original = stream.write;
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      take(chunk, encoding);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    }) as Write;
    return () => {
      stream.write = original;
    };
  };
  const restores = [capturing(process.stdout), capturing(process.stderr)];
  for (const method of consoleMethods) {
    const original = console[method];
    console[method] = (...values: unknown[]) =>
      take(
        `${values.map((value) => (value instanceof Error ? `${value.stack}` : typeof value === 'string' ? value : JSON.stringify(value))).join(' ')}\n`,
      );
    restores.push(() => {
      console[method] = original;
    });
  }
  const lines = () => buffered.split('\n').filter((line) => line.length > 0);
  return {
    lines,
    records: () =>
      lines().flatMap((line) => {
        try {
          const parsed = JSON.parse(line) as unknown;
          return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? [parsed as Record<string, unknown>]
            : [];
        } catch {
          return [];
        }
      }),
    stop: () => {
      for (const restore of restores.splice(0)) restore();
    },
  };
};
