import { describe, expect, it } from 'vitest';
import { structuredLogger } from '#http/observability.ts';

const capture = (environment: NodeJS.ProcessEnv = {}) => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = structuredLogger({
    service: 'opsdesk-test',
    environment,
    write: (line) => lines.push(JSON.parse(line)),
  });
  return { logger, lines };
};

describe('structuredLogger', () => {
  it('writes one JSON object per line with level, message, timestamp, service and extras', () => {
    // Prepare
    const { logger, lines } = capture({ _X_AMZN_TRACE_ID: 'Root=1-abc-def;Parent=1;Sampled=1' });

    // Act
    logger.info('response', { status: 201 });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      message: 'response',
      service: 'opsdesk-test',
      xray_trace_id: '1-abc-def',
      status: 201,
    });
    expect(Number.isNaN(Date.parse(String(lines[0]?.timestamp)))).toBe(false);
  });

  it('drops lines under the threshold; Lambda’s own log level wins over POWERTOOLS_LOG_LEVEL', () => {
    const { logger, lines } = capture({ AWS_LAMBDA_LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: 'DEBUG' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => line.level)).toEqual(['WARN', 'ERROR']);
  });

  it('keeps appended keys until reset, so one invocation never carries another’s', () => {
    const { logger, lines } = capture();
    logger.appendKeys({ correlationId: 'first', routeKey: 'GET /incidents' });
    logger.info('a');
    logger.resetKeys();
    logger.info('b');
    expect(lines[0]).toMatchObject({ correlationId: 'first', routeKey: 'GET /incidents' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('serializes errors with name, message and stack, passed alone or inside extras', () => {
    const { logger, lines } = capture();
    logger.error('failed', new TypeError('boom'));
    logger.error('failed again', { cause: new RangeError('far') });
    expect(lines[0]?.error).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(String((lines[0]?.error as { stack?: string } | undefined)?.stack)).toContain('TypeError: boom');
    expect(lines[1]?.cause).toMatchObject({ name: 'RangeError', message: 'far' });
  });

  it('gives each scoped invocation its own keys, however their awaits interleave', async () => {
    // Prepare
    const { logger, lines } = capture();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const invocation = (id: string) =>
      logger.scoped({ correlationId: id }, async () => {
        await tick();
        logger.appendKeys({ step: id });
        await tick();
        logger.info(`done ${id}`);
      });

    // Act
    await Promise.all([invocation('a'), invocation('b'), invocation('c')]);
    logger.info('outside');

    // Assess
    for (const id of ['a', 'b', 'c'])
      expect(lines.find((line) => line.message === `done ${id}`)).toMatchObject({
        correlationId: id,
        step: id,
      });
    expect(lines.find((line) => line.message === 'outside')).not.toHaveProperty('correlationId');
  });
});
