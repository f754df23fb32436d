/**
 * Time zones through the platform's `Intl`, whose tz database is the one ICU brings with Node. A zone is a
 * name `Intl` knows (IANA, `UTC`, `Etc/GMT+5`, any letter case) or else a text holding a fixed offset
 * `±HH`, `±HHMM` or `±HH:MM`, found anywhere in it (`+05:30`, `UTC+05:30`): the forms calendars have been
 * validated against so far, since `Intl` in Node 20 takes no offset as a zone.
 */

const MINUTE_MS = 60_000;

/** `±HH`, `±HHMM`, `±HH:MM`, and in Intl's `longOffset` text `±HH:MM:SS` (local mean time, none since 1972). */
const OFFSET = /([+-])(\d\d):?(\d\d)?(?::(\d\d))?/;

/** The offset written in `text`, or NaN. Seconds only `withSeconds`: a zone named `+05:00:30` has been +05:00. */
const offsetMsIn = (text: string, withSeconds: boolean): number => {
  const [, sign, hours = Number.NaN, minutes = 0, seconds = 0] = OFFSET.exec(text) ?? [];
  const ms = ((+hours * 60 + +minutes) * 60 + (withSeconds ? +seconds : 0)) * 1000;
  return sign === '-' ? -ms : ms;
};

const offsetReaders = new Map<string, (instantMs: number) => number>();

const offsetReaderOf = (zone: string) => {
  try {
    const { format } = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      timeZoneName: 'longOffset',
    });
    return (instantMs: number) => {
      try {
        // `2026, GMT+02:00`; an ICU that writes a zero offset as a bare `GMT` finds no offset: 0.
        return offsetMsIn(format(instantMs), true) || 0;
      } catch {
        return Number.NaN; // outside the range of Date
      }
    };
  } catch {
    const offsetMs = offsetMsIn(zone, false);
    return () => offsetMs;
  }
};

/**
 * How far clocks in `zone` are ahead of UTC at `instantMs`, in milliseconds; NaN for a zone that is not
 * one. The formatter behind it is built once per zone (about 0.15 ms), then a look-up costs about 1 µs.
 *
 * @example
 * offsetMsOf('Europe/Berlin', Date.parse('2026-06-15T12:00:00Z')); // 7_200_000
 */
export const offsetMsOf = (zone: string, instantMs: number): number => {
  let readOffset = offsetReaders.get(zone);
  if (!readOffset) {
    // Zone names come from requests too: the cache must not grow without end.
    if (offsetReaders.size > 1000) offsetReaders.clear();
    readOffset = offsetReaderOf(zone);
    offsetReaders.set(zone, readOffset);
  }
  return readOffset(instantMs);
};

/** Whether `zone` names a time zone: an IANA name `Intl` knows, or a fixed offset. */
export const isTimeZone = (zone: string): boolean => !Number.isNaN(offsetMsOf(zone, 0));

/**
 * What clocks in `zone` read at `instantMs`, written as the instant at which a UTC clock reads the same:
 * its UTC fields are the local year, month, day, hours and minutes.
 *
 * @example
 * new Date(wallMsOf('Europe/Berlin', Date.parse('2026-06-15T07:00:00Z'))).getUTCHours(); // 9
 */
export const wallMsOf = (zone: string, instantMs: number): number => instantMs + offsetMsOf(zone, instantMs);

/**
 * The instant at which clocks in `zone` read `wallMs` (a wall time written as by wallMsOf). A wall time that
 * clocks skip is read with the offset from before the skip, i.e. moved forward by it, except that a skip
 * shorter than 30 minutes (Kathmandu's 15 on 1986-01-01, zones leaving local mean time) is crossed backward:
 * how SLA clocks have always read such times. A repeated wall time is either occurrence; callers choose.
 *
 * @example
 * instantOfWallMs('Europe/Berlin', Date.UTC(2026, 2, 29, 2, 30)); // 2026-03-29T01:30Z, 03:30 CEST
 */
export const instantOfWallMs = (zone: string, wallMs: number): number => {
  const guessMs = offsetMsOf(zone, wallMs);
  let instantMs = wallMs - guessMs;
  const offsetMs = offsetMsOf(zone, instantMs);
  if (offsetMs !== guessMs) {
    // The guess lies across an offset change from the wall time: the other offset, unless that fails too
    // (a skipped time), when the smaller offset, the one from before the skip, wins.
    const otherMs = wallMs - offsetMs;
    if (offsetMsOf(zone, otherMs) === offsetMs || offsetMs < guessMs) instantMs = otherMs;
  }
  const missMs = wallMs - wallMsOf(zone, instantMs);
  return missMs && Math.abs(missMs) < 30 * MINUTE_MS ? instantMs + missMs : instantMs;
};
