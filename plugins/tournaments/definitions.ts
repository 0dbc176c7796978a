import { validateRewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';
import { cronProblem } from '../live-events/cron';
import type { PrizePool, PrizeTier } from './prizes';
import type { Aggregate } from './scoring';

export type Format = 'leaderboard' | 'single_elimination' | 'double_elimination' | 'swiss';

/**
 * A tournament as admins create it (tournament_create; docs/tournaments.md). Times are ms since the
 * epoch, UTC. Leaderboard tournaments run over [starts_at, ends_at), or, recurring, for that long
 * from every time their cron fires (Nakama's reset schedule); joining is open from
 * registration_opens_at to the end. Bracket and Swiss tournaments take entries from
 * registration_opens_at until starts_at, then play their rounds as matches.
 */
export interface TournamentDefinition {
  id: string;
  name: string;
  description: string;
  format: Format;
  /** The game mode of its matches (brackets and Swiss: a mode that takes two players). */
  mode: string;
  registration_opens_at: number;
  starts_at: number;
  /** Leaderboard: the end of the (first) period. Brackets and Swiss: equal to starts_at. */
  ends_at: number;
  /** Leaderboard only: Nakama's reset cron ('' none); daily, weekly and monthly presets repeat starts_at's time. */
  reset_cron: string;
  /** Entrants at most (0: no limit; brackets and Swiss 2..64). */
  max_size: number;
  /** Leaderboard: matches counted per entrant and period (0: all). */
  max_matches: number;
  aggregate: Aggregate;
  best_n: number;
  /** Swiss: rounds to play. */
  rounds: number;
  entry_fee: { currency: string; amount: number } | null;
  prizes: PrizeTier[];
  prize_pool: PrizePool | null;
  created_at: number;
  /** When an admin cancelled it (0: not cancelled). */
  cancelled_at: number;
}

const ID = /^[a-z][a-z0-9_]*$/;
/** `<game_id>:tournament:<id>` must fit Nakama's 128-character leaderboard id. */
export const MAX_ID_LENGTH = 48;
const MAX_SPAN_MS = 366 * 24 * 3600 * 1000;
export const MAX_BRACKET = 64;
const MAX_TIERS = 20;
const FORMATS: Format[] = ['leaderboard', 'single_elimination', 'double_elimination', 'swiss'];
const RECURRENCES = ['none', 'daily', 'weekly', 'monthly'];
const FIELDS = ['id', 'name', 'description', 'format', 'mode', 'registration_opens_at', 'starts_at', 'ends_at', 'recurrence', 'reset_cron',
  'max_size', 'max_matches', 'aggregate', 'best_n', 'rounds', 'entry_fee', 'prizes', 'prize_pool'];
/** Longest period per preset (a period may not outlast the next reset). */
const PERIOD_MS: { [recurrence: string]: number } = { daily: 86400000, weekly: 7 * 86400000, monthly: 28 * 86400000 };

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Problems with a new tournament for `game`, each naming its field (`tournament.prizes[0].to: ...`); `now` 0 skips the clock checks. */
export function validateTournament(t: { [key: string]: unknown }, game: GameDefinition, takenIds: string[], now: number): string[] {
  if (!isObject(t)) return ['tournament: must be a JSON object'];
  const p: string[] = Object.keys(t).filter((k) => FIELDS.indexOf(k) < 0).map((k) => `tournament.${k}: unknown field (${FIELDS.join(', ')})`);
  const at = (field: string) => `tournament.${field}`;
  if (typeof t.id !== 'string' || !ID.test(t.id) || t.id.length > MAX_ID_LENGTH) p.push(`${at('id')}: snake_case, at most ${MAX_ID_LENGTH} characters`);
  else if (takenIds.indexOf(t.id) >= 0) p.push(`${at('id')}: ${game.name} has a tournament ${t.id} already`);
  if (typeof t.name !== 'string' || t.name.length < 1 || t.name.length > 64) p.push(`${at('name')}: 1-64 characters`);
  if (t.description !== undefined && (typeof t.description !== 'string' || t.description.length > 256)) p.push(`${at('description')}: at most 256 characters`);
  const format = t.format as Format;
  if (FORMATS.indexOf(format) < 0) p.push(`${at('format')}: one of ${FORMATS.join(', ')}`);
  const mode = game.modes[t.mode as string];
  if (!mode) p.push(`${at('mode')}: one of ${Object.keys(game.modes).join(', ')}`);
  else if (format !== 'leaderboard' && !(mode.minPlayers <= 2 && mode.maxPlayers >= 2)) p.push(`${at('mode')}: ${format} plays two-player matches; ${t.mode} does not take two`);
  const times = ['starts_at', 'ends_at', 'registration_opens_at'];
  for (const f of times) if (t[f] !== undefined && !isInt(t[f], 0)) p.push(`${at(f)}: an integer (ms since the epoch)`);
  const startsAt = t.starts_at as number;
  const endsAt = format === 'leaderboard' ? (t.ends_at as number) : startsAt;
  if (!isInt(startsAt, 0)) p.push(`${at('starts_at')}: required`);
  if (format === 'leaderboard' && !isInt(t.ends_at, 0)) p.push(`${at('ends_at')}: required for leaderboard tournaments`);
  if (format !== 'leaderboard' && t.ends_at !== undefined) p.push(`${at('ends_at')}: only leaderboard tournaments have one (brackets end with their final)`);
  if (isInt(startsAt, 0) && isInt(endsAt, 0)) {
    if (format === 'leaderboard' && endsAt - startsAt < 1000) p.push(`${at('ends_at')}: at least a second after starts_at`);
    if (endsAt - startsAt > MAX_SPAN_MS) p.push(`${at('ends_at')}: at most 366 days after starts_at`);
    if (now > 0 && endsAt <= now) p.push(`${at(format === 'leaderboard' ? 'ends_at' : 'starts_at')}: must be in the future`);
    if (isInt(t.registration_opens_at, 0) && (t.registration_opens_at as number) > startsAt) p.push(`${at('registration_opens_at')}: at or before starts_at`);
  }
  if (t.recurrence !== undefined && RECURRENCES.indexOf(t.recurrence as string) < 0) p.push(`${at('recurrence')}: one of ${RECURRENCES.join(', ')}`);
  if (t.reset_cron !== undefined) {
    const problem = typeof t.reset_cron === 'string' ? cronProblem(t.reset_cron) : 'must be a string';
    if (problem) p.push(`${at('reset_cron')}: ${problem}`);
  }
  const recurring = (t.recurrence !== undefined && t.recurrence !== 'none') || !!t.reset_cron;
  if (recurring && format !== 'leaderboard') p.push(`${at('recurrence')}: only leaderboard tournaments recur`);
  if (recurring && t.recurrence && t.reset_cron) p.push(`${at('reset_cron')}: give recurrence or reset_cron, not both`);
  if (recurring && PERIOD_MS[t.recurrence as string] && endsAt - startsAt > PERIOD_MS[t.recurrence as string]) p.push(`${at('ends_at')}: a ${t.recurrence} period lasts at most ${PERIOD_MS[t.recurrence as string] / 3600000} hours`);
  const bracket = format !== 'leaderboard';
  if (t.max_size !== undefined && !isInt(t.max_size, bracket ? 2 : 0, bracket ? MAX_BRACKET : 100000)) p.push(`${at('max_size')}: ${bracket ? `2-${MAX_BRACKET}` : '0 (no limit)-100000'}`);
  for (const f of ['max_matches', 'aggregate', 'best_n']) if (bracket && t[f] !== undefined) p.push(`${at(f)}: leaderboard tournaments only`);
  if (t.max_matches !== undefined && !isInt(t.max_matches, 0, 1000)) p.push(`${at('max_matches')}: 0 (all)-1000`);
  if (t.aggregate !== undefined && ['sum', 'best', 'best_n'].indexOf(t.aggregate as string) < 0) p.push(`${at('aggregate')}: sum, best or best_n`);
  if (t.aggregate === 'best_n' && !isInt(t.best_n, 1, 100)) p.push(`${at('best_n')}: 1-100 with aggregate best_n`);
  if (format === 'swiss' && !isInt(t.rounds, 1, 10)) p.push(`${at('rounds')}: 1-10 for Swiss`);
  if (format !== 'swiss' && t.rounds !== undefined) p.push(`${at('rounds')}: Swiss only`);
  if (format === 'swiss' && isInt(t.rounds, 1) && isInt(t.max_size, 2) && (t.max_size as number) < 2 * (t.rounds as number)) p.push(`${at('max_size')}: Swiss needs room for twice its rounds in players`);
  const fee = t.entry_fee;
  if (fee !== undefined && fee !== null) {
    if (!isObject(fee) || game.currencies.indexOf(fee.currency as string) < 0 || !isInt(fee.amount, 1, 1000000)) p.push(`${at('entry_fee')}: {currency: one of ${game.currencies.join(', ')}, amount: 1-1000000}`);
    else if (fee.currency === 'xp') p.push(`${at('entry_fee')}.currency: xp is earned, not spent`);
  }
  if (t.prizes !== undefined && t.prize_pool !== undefined) p.push(`${at('prize_pool')}: give prizes or prize_pool, not both`);
  if (t.prizes !== undefined) {
    if (!Array.isArray(t.prizes) || t.prizes.length > MAX_TIERS) p.push(`${at('prizes')}: a list of at most ${MAX_TIERS} {from, to, rewards}`);
    else (t.prizes as unknown[]).forEach((tier, i) => {
      const where = `${at('prizes')}[${i}]`;
      if (!isObject(tier) || !isInt(tier.from, 1) || !isInt(tier.to, 1) || (tier.to as number) < (tier.from as number)) {
        p.push(`${where}: {from, to: ranks, 1 <= from <= to, rewards}`);
        return;
      }
      const before = (t.prizes as PrizeTier[]).slice(0, i);
      if (before.some((b) => b.to >= (tier.from as number))) p.push(`${where}.from: tiers go up in rank without overlapping`);
      p.push(...validateRewards(`${where}.rewards`, tier.rewards as PrizeTier['rewards'], game));
    });
  }
  const pool = t.prize_pool;
  if (pool !== undefined && pool !== null) {
    const where = at('prize_pool');
    if (!isObject(pool)) p.push(`${where}: {currency, fee_share_percent, split_percent}`);
    else {
      if (!fee || !isObject(fee) || pool.currency !== fee.currency) p.push(`${where}.currency: a pool pays out the entry fee's currency`);
      if (!isInt(pool.fee_share_percent, 1, 100)) p.push(`${where}.fee_share_percent: 1-100`);
      const split = pool.split_percent;
      if (!Array.isArray(split) || split.length < 1 || split.length > MAX_TIERS || split.some((s) => !isInt(s, 1, 100))) p.push(`${where}.split_percent: 1-${MAX_TIERS} percentages, rank 1 first`);
      else if (split.reduce((a: number, b: number) => a + b, 0) !== 100) p.push(`${where}.split_percent: must add up to 100`);
    }
  }
  return p;
}

/** Stored definitions are re-checked (a console edit must not reach a menu or a match). */
export function storedTournamentProblems(t: TournamentDefinition, game: GameDefinition, others: TournamentDefinition[]): string[] {
  if (!isObject(t)) return ['tournament: must be a JSON object'];
  const { created_at: createdAt, cancelled_at: cancelledAt, ...input } = t;
  if (!isInt(createdAt, 0) || !isInt(cancelledAt, 0)) return ['tournament.created_at, cancelled_at: integers (ms since the epoch)'];
  const restored: { [key: string]: unknown } = { ...input };
  if (restored.format !== 'leaderboard') delete restored.ends_at;
  if (!restored.reset_cron) delete restored.reset_cron;
  if (restored.format !== 'swiss') delete restored.rounds;
  if (restored.format !== 'leaderboard') for (const f of ['max_matches', 'aggregate', 'best_n']) delete restored[f];
  if (restored.entry_fee === null) delete restored.entry_fee;
  if (restored.prize_pool === null) delete restored.prize_pool; else delete restored.prizes;
  return validateTournament(restored, game, others.map((o) => o.id), 0);
}

/** The stored form of a valid new tournament: defaults filled in. */
export function normaliseTournament(t: { [key: string]: unknown }, now: number): TournamentDefinition {
  const format = t.format as Format;
  const startsAt = t.starts_at as number;
  const recurrence = (t.recurrence as string) || 'none';
  const date = new Date(startsAt);
  const at = `${date.getUTCMinutes()} ${date.getUTCHours()}`;
  const presets: { [r: string]: string } = { none: '', daily: `${at} * * *`, weekly: `${at} * * ${date.getUTCDay()}`, monthly: `${at} ${date.getUTCDate()} * *` };
  return {
    id: t.id as string, name: t.name as string, description: (t.description as string) || '', format, mode: t.mode as string,
    registration_opens_at: t.registration_opens_at !== undefined ? (t.registration_opens_at as number) : Math.min(now, startsAt),
    starts_at: startsAt, ends_at: format === 'leaderboard' ? (t.ends_at as number) : startsAt,
    reset_cron: (t.reset_cron as string) || presets[recurrence],
    max_size: t.max_size !== undefined ? (t.max_size as number) : format === 'leaderboard' ? 0 : MAX_BRACKET,
    max_matches: (t.max_matches as number) || 0, aggregate: (t.aggregate as Aggregate) || 'sum', best_n: (t.best_n as number) || 0,
    rounds: (t.rounds as number) || 0,
    entry_fee: (t.entry_fee as TournamentDefinition['entry_fee']) || null,
    prizes: ((t.prizes as PrizeTier[]) || []).map((tier) => ({ from: tier.from, to: tier.to, rewards: tier.rewards })),
    prize_pool: (t.prize_pool as PrizePool) || null,
    created_at: now, cancelled_at: 0,
  };
}
