import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';

export const DAY_MS = 86400000;

/**
 * A game's daily login calendar. A player claims once per day; consecutive days make a streak, and
 * the streak's day picks the reward: day 1 of a streak gets `days[0]`, day N gets `days[N-1]`, and
 * after the last day the calendar starts again at `days[0]` while the streak keeps counting.
 */
export interface LoginCalendar {
  /** The reward of each day of the calendar (1-31 days). */
  days: Rewards[];
  /**
   * Days a player may miss and keep the streak: 0 - a missed day starts the streak again at day 1;
   * 1 - one missed day between two claims is forgiven (the next claim continues the streak), two are not.
   */
  grace_days: number;
  /** Minutes after 00:00 UTC at which a day ends and the next one starts (0: UTC midnight, the default). */
  reset_minutes_utc: number;
}

/** A player's login streak in one game. */
export interface Streak {
  /** Days in the current streak, counting the last claim (0: never claimed). */
  streak: number;
  /** The day index (dayOf) of the last claim; -1: never. */
  last_day: number;
}

/** The index of the calendar day `now` falls on (days since the epoch, shifted by the reset time). */
export const dayOf = (calendar: { reset_minutes_utc: number }, now: number): number => Math.floor((now - calendar.reset_minutes_utc * 60000) / DAY_MS);

/** When a day index starts (ms). */
export const dayStart = (calendar: { reset_minutes_utc: number }, day: number): number => day * DAY_MS + calendar.reset_minutes_utc * 60000;

/** What a claim on `today` would give: the streak after it and the calendar day (0-based) it pays; null: claimed today already (or a later day). */
export function nextClaim(calendar: LoginCalendar, current: Streak, today: number): { streak: number; day: number } | null {
  if (current.last_day >= today) return null;
  const missed = today - current.last_day - 1;
  const streak = current.last_day >= 0 && missed <= calendar.grace_days ? current.streak + 1 : 1;
  return { streak, day: (streak - 1) % calendar.days.length };
}

/** Problems with a calendar for `game`, each naming `where` and the field. */
export function validateCalendar(where: string, calendar: LoginCalendar, game: GameDefinition): string[] {
  const problems: string[] = [];
  if (!Array.isArray(calendar.days) || calendar.days.length < 1 || calendar.days.length > 31) return [`${where}.days: 1 to 31 days of rewards`];
  calendar.days.forEach((rewards, i) => problems.push(...validateRewards(`${where}.days[${i}]`, rewards, game)));
  if (!Number.isInteger(calendar.grace_days) || calendar.grace_days < 0 || calendar.grace_days > 3) problems.push(`${where}.grace_days: an integer from 0 to 3`);
  if (!Number.isInteger(calendar.reset_minutes_utc) || calendar.reset_minutes_utc < 0 || calendar.reset_minutes_utc >= 1440) problems.push(`${where}.reset_minutes_utc: an integer from 0 to 1439`);
  return problems;
}
