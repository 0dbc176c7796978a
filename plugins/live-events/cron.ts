/**
 * A tiny deterministic cron matcher for recurring live events: 5 fields
 * `<minute> <hour> <day-of-month> <month> <day-of-week>`, in UTC, each `*`, a number, a list `1,2`,
 * a range `1-5` or a step `*\/15` / `0-30/10`. Day of week 0-6 from Sunday (7 is Sunday too). As in
 * classic cron, when both day fields are restricted a day matches if EITHER matches.
 * Pure functions over plain data (no Date parsing of strings, no time zones): the same answers in
 * Node and in Nakama's Goja.
 */
export interface Cron {
  minutes: boolean[];
  hours: boolean[];
  days: boolean[];
  months: boolean[];
  weekdays: boolean[];
  /** The day-of-month / day-of-week field was `*` (unrestricted). */
  anyDay: boolean;
  anyWeekday: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
];

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Parse an expression; throws an Error whose message names the field and the problem. */
export function parseCron(expression: string): Cron {
  if (typeof expression !== 'string') throw new Error('must be a string of 5 fields');
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`must have 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]));
  const weekdays = sets[4].slice(0, 7);
  if (sets[4][7]) weekdays[0] = true;
  return { minutes: sets[0], hours: sets[1], days: sets[2], months: sets[3], weekdays, anyDay: parts[2] === '*', anyWeekday: parts[4] === '*' };
}

/** The problem with an expression, or null when it is valid. */
export function cronProblem(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function parseField(text: string, field: { name: string; min: number; max: number }): boolean[] {
  const set: boolean[] = [];
  for (let i = 0; i <= field.max; i++) set.push(false);
  const bad = (why: string) => new Error(`${field.name} "${text}": ${why}`);
  const number = (s: string) => {
    if (!/^\d+$/.test(s)) throw bad(`"${s}" is not a number`);
    const n = parseInt(s, 10);
    if (n < field.min || n > field.max) throw bad(`${n} is outside ${field.min}-${field.max}`);
    return n;
  };
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    if (item.split('/').length > 2) throw bad('more than one step');
    const step = stepText === undefined ? 1 : number(stepText);
    if (step < 1) throw bad('a step must be at least 1');
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.max;
    } else if (range.indexOf('-') >= 0) {
      const ends = range.split('-');
      if (ends.length !== 2) throw bad(`"${range}" is not a range a-b`);
      from = number(ends[0]);
      to = number(ends[1]);
      if (from > to) throw bad(`range ${range} runs backwards`);
    } else {
      from = number(range);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) set[v] = true;
  }
  return set;
}

/** Whether the UTC day starting at `dayStart` (ms, midnight) matches the day fields. */
function dayMatches(cron: Cron, dayStart: number): boolean {
  const date = new Date(dayStart);
  if (!cron.months[date.getUTCMonth() + 1]) return false;
  const byDay = cron.days[date.getUTCDate()];
  const byWeekday = cron.weekdays[date.getUTCDay()];
  if (cron.anyDay && cron.anyWeekday) return true;
  if (cron.anyDay) return byWeekday;
  if (cron.anyWeekday) return byDay;
  return byDay || byWeekday;
}

/** True when the minute containing `ms` matches. */
export function cronMatches(cron: Cron, ms: number): boolean {
  const dayStart = Math.floor(ms / DAY) * DAY;
  const within = ms - dayStart;
  return dayMatches(cron, dayStart) && cron.hours[Math.floor(within / HOUR)] && cron.minutes[Math.floor((within % HOUR) / MINUTE)];
}

/**
 * The latest matching minute (ms) at or before `at`, not before `notBefore`; null when there is none.
 * Scans days backwards (at most the days between the two bounds).
 */
export function cronPrevious(cron: Cron, at: number, notBefore: number): number | null {
  for (let day = Math.floor(at / DAY) * DAY; day + DAY > notBefore; day -= DAY) {
    if (!dayMatches(cron, day)) continue;
    for (let h = 23; h >= 0; h--) {
      if (!cron.hours[h]) continue;
      for (let m = 59; m >= 0; m--) {
        const t = day + h * HOUR + m * MINUTE;
        if (cron.minutes[m] && t <= at) return t >= notBefore ? t : null;
      }
    }
  }
  return null;
}

/** The earliest matching minute (ms) strictly after `after`, not after `notAfter`; null when there is none. */
export function cronNext(cron: Cron, after: number, notAfter: number): number | null {
  for (let day = Math.floor(after / DAY) * DAY; day <= notAfter; day += DAY) {
    if (!dayMatches(cron, day)) continue;
    for (let h = 0; h < 24; h++) {
      if (!cron.hours[h]) continue;
      for (let m = 0; m < 60; m++) {
        const t = day + h * HOUR + m * MINUTE;
        if (cron.minutes[m] && t > after) return t <= notAfter ? t : null;
      }
    }
  }
  return null;
}
