import { counts, validateCounter, type Counter } from '../../core/requirements';
import { isPlainObject, unknownFields } from '../../core/shape';

/**
 * Per-game leaderboards as data (docs/leaderboards.md): what counts (a counter of the requirement
 * engine, core/requirements.ts), how a player's events make their score, and the period.
 */
export interface BoardDefinition {
  /** snake_case, unique in the game; the Nakama leaderboard is `<game_id>:leaderboard:<id>`. */
  id: string;
  name: string;
  /** Which events count, e.g. `{event: 'match_completed'}` or `{event: 'match_won', equals: {mode: 'duel'}}`. */
  counter: Counter;
  /** 'count': 1 per event; `{sum: field}`: the sum of a data field; `{max: field}`: its best value. */
  score: 'count' | { sum: string } | { max: string };
  /** 'weekly': starts from 0 every Monday 00:00 UTC; 'all_time': never resets. */
  period: Period;
}

export type Period = 'weekly' | 'all_time';

/** Nakama's reset schedule of each period (null: never). */
export const RESET_CRON: { [p in Period]: string | null } = { weekly: '0 0 * * 1', all_time: null };

const DAY_MS = 86400000;
const WEEK_MS = 7 * DAY_MS;

/** The start (ms) of the period running at `now`: weekly, the last Monday 00:00 UTC; all-time, 0. */
export function periodStart(period: Period, now: number): number {
  if (period === 'all_time') return 0;
  const day = Math.floor(now / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return (day - ((day + 3) % 7)) * DAY_MS;
}

/** When the period running at `now` ends (ms), as Nakama's reset schedule does; null: never. */
export function nextReset(period: Period, now: number): number | null {
  return period === 'all_time' ? null : periodStart(period, now) + WEEK_MS;
}

/** Nakama's id of a board: namespaced by the game, so no game reaches another's. */
export const nakamaBoardId = (gameId: string, boardId: string) => `${gameId}:leaderboard:${boardId}`;

/** A player's total on one board in one period, as the totals document keeps it. */
export interface Total { period: number; score: number }

/** The largest score a board keeps (Nakama scores are int64; ours stay exact in a double). */
export const MAX_SCORE = Number.MAX_SAFE_INTEGER;

/**
 * The total after an event (a new object), or null when the event does not count for the board
 * (another type, a condition unmet, no integer >= 0 in the scored field, or a best not beaten).
 * A total of an earlier period counts as 0: a new week starts from nothing.
 */
export function absorb(board: BoardDefinition, total: Total | undefined, type: string, data: { [key: string]: unknown }, now: number): Total | null {
  if (!counts(board.counter, type, data)) return null;
  const field = board.score === 'count' ? null : (board.score as { [k: string]: string })[Object.keys(board.score)[0]];
  const points = field === null ? 1 : data[field];
  if (typeof points !== 'number' || !Number.isInteger(points) || points < 0) return null;
  const period = periodStart(board.period, now);
  const before = total && total.period === period ? total.score : 0;
  const best = board.score !== 'count' && 'max' in board.score;
  if (best && total && total.period === period && points <= before) return null;
  return { period, score: Math.min(MAX_SCORE, best ? points : before + points) };
}

const ID = /^[a-z][a-z0-9_]{0,47}$/;
const FIELD = /^[a-z][a-zA-Z0-9_]*$/;
const FIELDS = ['id', 'name', 'counter', 'score', 'period'];

/** Problems with a game's boards, each naming `where` and the field. */
export function validateBoards(where: string, boards: BoardDefinition[]): string[] {
  if (!Array.isArray(boards) || boards.length === 0 || boards.length > 20) return [`${where}: 1 to 20 boards`];
  const problems: string[] = [];
  boards.forEach((b, i) => {
    const at = `${where}[${i}]`;
    if (!isPlainObject(b)) {
      problems.push(`${at}: {id, name, counter, score, period}`);
      return;
    }
    problems.push(...unknownFields(at, b, FIELDS), ...validateCounter(`${at}.counter`, b.counter));
    if (typeof b.id !== 'string' || !ID.test(b.id)) problems.push(`${at}.id: snake_case, at most 48 characters`);
    else if (boards.filter((o) => o.id === b.id).length > 1) problems.push(`${at}.id: used twice`);
    if (typeof b.name !== 'string' || !b.name || b.name.length > 64) problems.push(`${at}.name: 1 to 64 characters`);
    const keys = isPlainObject(b.score) ? Object.keys(b.score) : [];
    const field = keys.length === 1 ? (b.score as { [k: string]: unknown })[keys[0]] : null;
    if (b.score !== 'count' && !(keys.length === 1 && (keys[0] === 'sum' || keys[0] === 'max') && typeof field === 'string' && FIELD.test(field))) problems.push(`${at}.score: 'count', or {sum | max: <integer data field>}`);
    if (b.period !== 'weekly' && b.period !== 'all_time') problems.push(`${at}.period: 'weekly' or 'all_time'`);
  });
  return problems;
}
