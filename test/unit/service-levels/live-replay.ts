import type { BusinessCalendar, RecordTimeline, SlaPolicy } from '#domain/service-levels/index.ts';
import { WEEKDAYS } from '#domain/service-levels/index.ts';

const MINUTE = 60_000;

/** Is the UTC minute starting at `ms` inside the (UTC) calendar? Read straight off the week table. */
export const isBusinessMinute = (calendar: BusinessCalendar, ms: number) => {
  const dayMs = ms - (ms % 86_400_000);
  const minute = (ms - dayMs) / MINUTE;
  const toMinutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  const open = (day: number, test: (start: number, end: number) => boolean) => {
    const date = new Date(day);
    if (calendar.holidays.includes(date.toISOString().slice(0, 10))) return false;
    const intervals = calendar.week[WEEKDAYS[date.getUTCDay()] ?? 'sun'] ?? [];
    return intervals.some(([start, end]) => test(toMinutes(start), toMinutes(end)));
  };
  return (
    open(dayMs, (start, end) => (end > start ? start <= minute && minute < end : minute >= start)) ||
    open(dayMs - 86_400_000, (start, end) => end <= start && minute < end)
  );
};

/** The live clock: replays events and ticks minute by minute, as a stream processor would. */
export const liveReplay = (
  sla: SlaPolicy,
  calendar: BusinessCalendar,
  timeline: RecordTimeline,
  nowMs: number,
) => {
  const clock = {
    status: 'running' as 'running' | 'paused' | 'stopped' | 'canceled',
    final: false,
    stoppedMs: undefined as number | undefined,
    elapsed: 0,
    breachedMs: undefined as number | undefined,
  };
  const stop = (status: 'stopped' | 'canceled', atMs: number) => {
    clock.status = status;
    clock.stoppedMs = atMs;
  };
  const apply = (state: string, atMs: number) => {
    if (clock.final) return;
    const ended = state === 'closed' || state === 'canceled';
    if (sla.metric === 'response') {
      if (state === 'new') return;
      stop(ended ? 'canceled' : 'stopped', atMs);
      clock.final = true;
    } else if (ended) {
      if (clock.status !== 'stopped') stop('canceled', atMs);
      clock.final = true;
    } else if (state === 'resolved') {
      if (clock.status !== 'stopped') stop('stopped', atMs);
    } else {
      clock.status = sla.pauseStates.includes(state) ? 'paused' : 'running';
      clock.stoppedMs = undefined;
    }
  };
  const createdMs = Date.parse(timeline[0]?.at ?? '');
  for (let ms = createdMs; ms < nowMs; ms += MINUTE) {
    for (const entry of timeline) if (Date.parse(entry.at) === ms) apply(entry.state, ms);
    if (clock.status === 'running' && isBusinessMinute(calendar, ms)) {
      clock.elapsed += 60;
      if (clock.elapsed === sla.targetSeconds) clock.breachedMs = ms + MINUTE;
    }
  }
  for (const entry of timeline) if (Date.parse(entry.at) === nowMs) apply(entry.state, nowMs);
  const { status, elapsed, breachedMs, stoppedMs } = clock;
  const state = breachedMs !== undefined ? 'breached' : status === 'stopped' ? 'met' : status;
  return { state, elapsedSeconds: elapsed, breachedMs, stoppedMs };
};
