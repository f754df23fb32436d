import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** What a serving process reports about itself over a window: event-loop delay and CPU time. */
export interface ProcessFigures {
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** CPU time (user + system) this process spent in the window, in ms: divided by requests, its cost per request. */
  cpuMs: number;
  /** Garbage collection pauses in the window: how many, their sum and the longest, ms. */
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  /** V8 heap in use at the end of the window, MB. */
  heapMb: number;
}

/**
 * Event-loop delay (5 ms resolution) and CPU time of this process since the last reset. CPU time
 * per request holds still on a busy machine where latencies do not: it is the figure to compare
 * before and after a change.
 * @example const figures = processFigures(); figures.read(true) // { loopP99: 12.3, cpuMs: 840, ... }
 */
export const processFigures = () => {
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  let cpuFrom = process.cpuUsage();
  let gc = { gcCount: 0, gcMs: 0, gcMaxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.gcCount += 1;
      gc.gcMs += entry.duration;
      gc.gcMaxMs = Math.max(gc.gcMaxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    read(reset: boolean): ProcessFigures {
      const cpu = process.cpuUsage(cpuFrom);
      const figures = {
        loopP50: loopDelay.percentile(50) / 1e6,
        loopP99: loopDelay.percentile(99) / 1e6,
        loopMax: loopDelay.max / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        ...gc,
        heapMb: process.memoryUsage().heapUsed / 1e6,
      };
      if (reset) {
        gc = { gcCount: 0, gcMs: 0, gcMaxMs: 0 };
        loopDelay.reset();
        cpuFrom = process.cpuUsage();
      }
      return figures;
    },
  };
};

/**
 * CPU profiles of measured windows only, with LOAD_CPU_PROF=DIR (`DIR/NAME.cpuprofile`, for
 * Chrome DevTools or speedscope); without it `start` and `stop` do nothing.
 * @example const profiles = await windowProfiler(); await profiles.start(); await profiles.stop('get-1');
 */
export const windowProfiler = async (directory = process.env.LOAD_CPU_PROF) => {
  const session = new Session();
  if (directory) {
    mkdirSync(directory, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  return {
    start: async () => {
      if (directory) await session.post('Profiler.start');
    },
    stop: async (name: string) => {
      if (!directory) return;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
};

/** The bench routes every serving process answers: `/figures` and `/profile/start|stop?name=`. */
export const probeRoutes = async () => {
  const figures = processFigures();
  const profiles = await windowProfiler();
  return async (method: string, path: string): Promise<unknown> => {
    if (path === '/figures') return figures.read(method === 'POST');
    const profiling = /^\/profile\/(start|stop)(?:\?name=([\w-]+))?$/.exec(path);
    if (method !== 'POST' || !profiling) return undefined;
    if (profiling[1] === 'start') await profiles.start();
    else await profiles.stop(profiling[2] ?? 'window');
    return { profiled: Boolean(process.env.LOAD_CPU_PROF) };
  };
};
