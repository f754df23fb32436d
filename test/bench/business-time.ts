import { pathToFileURL } from 'node:url';
import type { BusinessCalendar, WallInterval } from '#domain/service-levels/business-calendar.ts';
import { BusinessDays } from '#domain/service-levels/business-intervals.ts';
import { advanceBusinessMs, measureBusinessMs } from '#domain/service-levels/business-time.ts';
import { ZoneClock } from '#domain/service-levels/wall-clock.ts';
import {
  referenceAddBusinessMs,
  referenceBusinessMsBetween,
} from '../unit/service-levels/business-time-reference.ts';

/** The largest target a policy may have: ten years of business time. */
const TEN_YEARS_MS = 315_360_000 * 1000;
const FROM_MS = Date.parse('2026-06-15T07:00:00Z');

const weekdays = (hours: WallInterval[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, hours]));

/** A Sunday in June of every eighth year or so from 2101 to 9999: no 400-year stretch is free of them. */
const farHolidays = Array.from({ length: 1000 }, (_, index) => {
  const year = 2101 + Math.floor(index * 7.89);
  const firstOfJune = new Date(Date.UTC(year, 5, 1));
  firstOfJune.setUTCDate(1 + ((7 - firstOfJune.getUTCDay()) % 7));
  return firstOfJune.toISOString().slice(0, 10);
});

const nightShifts: WallInterval[] = Array.from({ length: 12 }, (_, index) => {
  const start = index * 20;
  const hhmm = (minutes: number) => `0${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return [hhmm(start), hhmm(start + 15)];
});

interface Case {
  name: string;
  calendar: BusinessCalendar;
  /** Weeks the old walk is timed over when ten years would take it minutes; scaled up linearly. */
  referenceWeeks?: number;
}

const cases: Case[] = [
  {
    name: 'Mon 09:00–17:00 Berlin',
    calendar: { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] }, holidays: [] },
  },
  {
    name: 'Mon–Fri 09:00–17:00 Berlin, Christmas off',
    calendar: { timezone: 'Europe/Berlin', week: weekdays([['09:00', '17:00']]), holidays: ['2026-12-25'] },
  },
  {
    name: 'twelve 15-min night shifts a day around the DST hour, Berlin',
    calendar: {
      timezone: 'Europe/Berlin',
      week: { ...weekdays(nightShifts), sat: nightShifts, sun: nightShifts },
      holidays: [],
    },
    referenceWeeks: 52,
  },
  {
    name: 'Sun 00:00–00:01 Gaza (sparsest the validation allows)',
    calendar: { timezone: 'Asia/Gaza', week: { sun: [['00:00', '00:01']] }, holidays: [] },
    referenceWeeks: 520,
  },
  {
    name: 'Sun 00:00–00:01 Berlin, 1000 Sunday holidays 2101–9999',
    calendar: { timezone: 'Europe/Berlin', week: { sun: [['00:00', '00:01']] }, holidays: farHolidays },
    referenceWeeks: 520,
  },
];

const timed = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
};

/** The median time of five runs. */
const median = (work: () => unknown) => {
  const times = Array.from({ length: 5 }, () => timed(work)[1]).sort((a, b) => a - b);
  return times[2] ?? Number.NaN;
};

const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(0)} s` : `${value.toFixed(1)} ms`);

/**
 * Ten years of business time added on calendars from an office week to the sparsest one, then measured
 * back: the walk that skips weeks and years against the old one that went interval by interval. "Cold" is
 * a first call on a zone (its offsets scanned, code already compiled), "warm" the median of five later
 * ones. Counts (of the cold call) stand beside the times: these machines are shared.
 *
 * @example const { lines } = await run();
 */
export async function run(): Promise<{ title: string; lines: string[] }> {
  const lines = [
    '| calendar | due | cold add | warm add | measure back | offset look-ups | days examined | old add |',
    '|---|---|---|---|---|---|---|---|',
  ];
  // One pass first, so that "cold" below is the cost of a zone seen for the first time, not of compiling.
  for (const { calendar } of cases)
    advanceBusinessMs(new BusinessDays(calendar, new ZoneClock(calendar.timezone)), FROM_MS, TEN_YEARS_MS);
  for (const { name, calendar, referenceWeeks } of cases) {
    const zone = new ZoneClock(calendar.timezone);
    const cold = new BusinessDays(calendar, zone);
    const [due, coldMs] = timed(() => advanceBusinessMs(cold, FROM_MS, TEN_YEARS_MS));
    const warmMs = median(() => advanceBusinessMs(new BusinessDays(calendar, zone), FROM_MS, TEN_YEARS_MS));
    const measureMs = median(() => measureBusinessMs(new BusinessDays(calendar, zone), FROM_MS, due));
    const measured = measureBusinessMs(new BusinessDays(calendar, zone), FROM_MS, due);
    if (measured !== TEN_YEARS_MS) throw new Error(`${name}: measured back ${measured}`);
    let old: string;
    if (referenceWeeks === undefined) {
      const [oldDue, oldMs] = timed(() => referenceAddBusinessMs(calendar, FROM_MS, TEN_YEARS_MS));
      if (oldDue !== due) throw new Error(`${name}: old ${oldDue}, new ${due}`);
      old = ms(oldMs);
    } else {
      const weekMs = cold.weekMs;
      const [, oldMs] = timed(() => referenceAddBusinessMs(calendar, FROM_MS, referenceWeeks * weekMs));
      old = `≈ ${ms((oldMs * TEN_YEARS_MS) / (referenceWeeks * weekMs))} (from ${referenceWeeks} weeks)`;
    }
    lines.push(
      `| ${name} | ${new Date(due).toISOString()} | ${ms(coldMs)} | ${ms(warmMs)} | ${ms(measureMs)} | ` +
        `${zone.probes} | ${cold.daysExamined} | ${old} |`,
    );
  }
  const [, oldMeasureMs] = timed(() =>
    referenceBusinessMsBetween(cases[1]?.calendar, FROM_MS, FROM_MS + 10 * 365 * 86_400_000),
  );
  lines.push('', `Old measure over ten calendar years, Mon–Fri Berlin: ${ms(oldMeasureMs)}.`);
  return { title: 'Business time: ten-year SLA targets', lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { title, lines } = await run();
  console.log(`## ${title}\n\n${lines.join('\n')}\n`);
}
