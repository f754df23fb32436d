import { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { describe, expect, it } from 'vitest';
import { ReadableStream } from '#http/web-streams-on-demand.ts';

describe('node:stream/web as a Lambda bundle sees it', () => {
  it("answers middy's instanceof check as Node's ReadableStream does", () => {
    // Prepare
    const stream = new NodeReadableStream({ start: (controller) => controller.close() });

    // Assess
    expect(stream instanceof ReadableStream).toBe(true);
    expect({ getReader: () => undefined } instanceof ReadableStream).toBe(false);
    expect(('text' as unknown) instanceof ReadableStream).toBe(false);
    expect(globalThis.ReadableStream).toBe(NodeReadableStream);
  });
});
