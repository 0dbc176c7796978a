import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';
import { isPlainObject, unknownFields } from '../../core/shape';
import { validateCounter, type Counter } from '../../core/requirements';
import { cronNext, cronProblem, parseCron } from './cron';

/** A mission: events of one kind counted per player; reaching the target completes it (automatically). */
export interface Mission {
  /** snake_case, unique within the event. */
  id: string;
  name: string;
  /** What counts (the achievements' counter: event type, conditions on its data, optional resetOn). */
  counter: Counter;
  target: number;
  /** Event leaderboard points on completion. */
  points: number;
  rewards: Rewards;
}

/**
 * A live event as admins create it (event_create; validated here, docs/live-events.md). Times are ms
 * since the epoch, UTC. Without `recurrence` it runs once over [starts_at, ends_at); with it, each
 * cron occurrence within [starts_at, ends_at) runs for duration_seconds (cut short by the next
 * occurrence or by ends_at).
 */
export interface LiveEventDefinition {
  /** snake_case, unique within the game. */
  id: string;
  name: string;
  description: string;
  starts_at: number;
  ends_at: number;
  recurrence?: { cron: string; duration_seconds: number };
  /** XP grants are multiplied by it while the event runs (1..10; the product when several run). */
  xp_multiplier: number;
  missions: Mission[];
  /** A server-wide counter; when it reaches the target, every contributor may claim the rewards. */
  community_goal?: { counter: Counter; target: number; rewards: Rewards };
  /** Rewards by final leaderboard rank, claimable once the occurrence has ended. */
  rank_rewards?: { from_rank: number; to_rank: number; rewards: Rewards }[];
  /** Set by the server: when it was created (ms). */
  created_at: number;
}

const ID = /^[a-z][a-z0-9_]*$/;
/** Event ids are at most this long: `<game_id>:event:<id>@<ms>` must fit Nakama's 128-character leaderboard id. */
export const MAX_ID_LENGTH = 48;
/** An event (all its occurrences) spans at most this long. */
export const MAX_SPAN_MS = 366 * 24 * 3600 * 1000;
const MAX_MISSIONS = 20;
const MAX_RANK_REWARDS = 20;
const FIELDS = ['id', 'name', 'description', 'starts_at', 'ends_at', 'recurrence', 'xp_multiplier', 'missions', 'community_goal', 'rank_rewards'];

const isInt = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;

/**
 * Problems with a new event for `game`, each naming the field (`event.missions[0].target: ...`).
 * `existingIds`: ids in use in the game; `now`: an event must end in the future.
 */
export function validateEvent(e: LiveEventDefinition, game: GameDefinition, existingIds: string[], now: number): string[] {
  if (!isPlainObject(e)) return ['event: must be a JSON object'];
  const problems = unknownFields('event', e, FIELDS);
  if (typeof e.id !== 'string' || !ID.test(e.id) || e.id.length > MAX_ID_LENGTH) problems.push(`event.id: must be snake_case, at most ${MAX_ID_LENGTH} characters`);
  else if (existingIds.indexOf(e.id) >= 0) problems.push(`event.id: ${e.id} exists already in ${game.name}`);
  if (typeof e.name !== 'string' || !e.name || e.name.length > 100) problems.push('event.name: required, at most 100 characters');
  if (e.description !== undefined && (typeof e.description !== 'string' || e.description.length > 1000)) problems.push('event.description: a string of at most 1000 characters');
  problems.push(...validateTimes(e, now));
  if (e.xp_multiplier !== undefined && !(typeof e.xp_multiplier === 'number' && e.xp_multiplier >= 1 && e.xp_multiplier <= 10)) problems.push('event.xp_multiplier: a number from 1 to 10');
  if (!Array.isArray(e.missions) || e.missions.length > MAX_MISSIONS) problems.push(`event.missions: a list of at most ${MAX_MISSIONS} missions (may be empty)`);
  else {
    const ids: { [id: string]: boolean } = {};
    e.missions.forEach((m, i) => {
      const at = `event.missions[${i}]`;
      if (!isPlainObject(m)) return problems.push(`${at}: must be an object`);
      problems.push(...unknownFields(at, m, ['id', 'name', 'counter', 'target', 'points', 'rewards']));
      if (typeof m.id !== 'string' || !ID.test(m.id) || m.id.length > 64) problems.push(`${at}.id: must be snake_case`);
      else if (ids[m.id]) problems.push(`${at}.id: ${m.id} is used twice`);
      ids[m.id] = true;
      if (typeof m.name !== 'string' || !m.name) problems.push(`${at}.name: required`);
      problems.push(...validateCounter(`${at}.counter`, m.counter));
      if (!isInt(m.target, 1)) problems.push(`${at}.target: an integer >= 1`);
      if (!isInt(m.points, 0)) problems.push(`${at}.points: an integer >= 0`);
      if (m.rewards !== undefined) problems.push(...validateRewards(`${at}.rewards`, m.rewards, game));
      return undefined;
    });
  }
  const goal = e.community_goal;
  if (goal !== undefined) {
    if (!isPlainObject(goal)) problems.push('event.community_goal: {counter, target, rewards}');
    else {
      problems.push(...unknownFields('event.community_goal', goal, ['counter', 'target', 'rewards']));
      problems.push(...validateCounter('event.community_goal.counter', goal.counter));
      if (!isInt(goal.target, 1)) problems.push('event.community_goal.target: an integer >= 1');
      problems.push(...validateRewards('event.community_goal.rewards', goal.rewards, game));
    }
  }
  if (e.rank_rewards !== undefined) problems.push(...validateRankRewards(e.rank_rewards, game));
  return problems;
}

function validateTimes(e: LiveEventDefinition, now: number): string[] {
  if (!isInt(e.starts_at, 1)) return ['event.starts_at: an integer (ms since the epoch)'];
  if (!isInt(e.ends_at, 1) || e.ends_at <= e.starts_at) return ['event.ends_at: an integer (ms since the epoch) after starts_at'];
  if (e.ends_at <= now) return ['event.ends_at: must be in the future'];
  if (e.ends_at - e.starts_at > MAX_SPAN_MS) return ['event.ends_at: an event spans at most 366 days'];
  const r = e.recurrence;
  if (r === undefined) return [];
  if (!isPlainObject(r)) return ['event.recurrence: {cron, duration_seconds}'];
  const problems = unknownFields('event.recurrence', r, ['cron', 'duration_seconds']);
  const cron = cronProblem(r.cron);
  if (cron) problems.push(`event.recurrence.cron: ${cron}`);
  if (!isInt(r.duration_seconds, 60)) problems.push('event.recurrence.duration_seconds: an integer >= 60');
  if (!cron && cronNext(parseCron(r.cron), e.starts_at - 1, e.ends_at - 1) === null) problems.push('event.recurrence.cron: no occurrence between starts_at and ends_at');
  return problems;
}

function validateRankRewards(list: LiveEventDefinition['rank_rewards'], game: GameDefinition): string[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RANK_REWARDS) return [`event.rank_rewards: a list of 1 to ${MAX_RANK_REWARDS} {from_rank, to_rank, rewards}`];
  const problems: string[] = [];
  list.forEach((r, i) => {
    const at = `event.rank_rewards[${i}]`;
    if (!isPlainObject(r)) return problems.push(`${at}: must be an object`);
    problems.push(...unknownFields(at, r, ['from_rank', 'to_rank', 'rewards']));
    if (!isInt(r.from_rank, 1) || !isInt(r.to_rank, r.from_rank)) problems.push(`${at}: from_rank and to_rank integers with 1 <= from_rank <= to_rank`);
    else if (list.some((o, j) => j < i && isPlainObject(o) && o.from_rank <= r.to_rank && r.from_rank <= o.to_rank)) problems.push(`${at}: ranks ${r.from_rank}-${r.to_rank} overlap another entry`);
    problems.push(...validateRewards(`${at}.rewards`, r.rewards, game));
    return undefined;
  });
  return problems;
}

/**
 * Problems with a stored event (as event_create stored it), given the game's other events: the rules
 * of a new event, except that it may have ended (ended events stay for claims and leaderboards).
 */
export function storedEventProblems(e: LiveEventDefinition, game: GameDefinition, others: LiveEventDefinition[]): string[] {
  if (!isPlainObject(e)) return ['event: must be a JSON object'];
  const { created_at: createdAt, ...input } = e;
  if (!isInt(createdAt, 0)) return ['event.created_at: an integer (ms since the epoch)'];
  return validateEvent(input as unknown as LiveEventDefinition, game, others.map((o) => o.id), 0);
}

/** The stored form of a valid new event: defaults filled in, creation time set. */
export function normaliseEvent(e: LiveEventDefinition, now: number): LiveEventDefinition {
  const missions = e.missions.map((m) => ({ ...m, rewards: m.rewards || {} }));
  return { ...e, description: e.description || '', xp_multiplier: e.xp_multiplier === undefined ? 1 : e.xp_multiplier, missions, created_at: now };
}
