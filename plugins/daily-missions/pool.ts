import alea from 'seedrandom/lib/alea';
import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';
import { validateRequirement, type Requirement } from '../../core/requirements';

/** One mission of a game's daily pool. */
export interface DailyMission {
  /** snake_case, unique within the pool. */
  id: string;
  name: string;
  requirement: Requirement;
  /** Granted when the mission is done (automatically). */
  rewards: Rewards;
}

/** A game's daily missions: each day every player gets `per_day` of the pool. */
export interface MissionPool {
  per_day: number;
  missions: DailyMission[];
  /** Minutes after 00:00 UTC at which the day turns (as the login calendar's). */
  reset_minutes_utc: number;
}

/**
 * The missions a player gets on a day: `per_day` distinct ones, drawn from the pool by seedrandom's
 * Alea seeded with (game, user, day) — a pure function, the same on every call, VM and node, and
 * different for other players and days. A partial Fisher-Yates shuffle of the pool's order.
 */
export function missionsFor(pool: MissionPool, gameId: string, userId: string, day: number): DailyMission[] {
  const random = alea(`daily_missions:${gameId}:${userId}:${day}`);
  const order = pool.missions.slice();
  const n = Math.min(pool.per_day, order.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, n);
}

const ID = /^[a-z][a-z0-9_]*$/;

/** Problems with a pool for `game`, each naming `where` and the field. */
export function validatePool(where: string, pool: MissionPool, game: GameDefinition): string[] {
  const problems: string[] = [];
  if (!Array.isArray(pool.missions) || pool.missions.length === 0 || pool.missions.length > 100) return [`${where}.missions: 1 to 100 missions`];
  if (!Number.isInteger(pool.per_day) || pool.per_day < 1 || pool.per_day > pool.missions.length) problems.push(`${where}.per_day: an integer from 1 to the pool's size (${pool.missions.length})`);
  if (!Number.isInteger(pool.reset_minutes_utc) || pool.reset_minutes_utc < 0 || pool.reset_minutes_utc >= 1440) problems.push(`${where}.reset_minutes_utc: an integer from 0 to 1439`);
  pool.missions.forEach((m, i) => {
    const at = `${where}.missions[${i}]`;
    if (typeof m.id !== 'string' || !ID.test(m.id)) problems.push(`${at}.id: snake_case`);
    else if (pool.missions.filter((o) => o.id === m.id).length > 1) problems.push(`${at}.id: used twice`);
    if (typeof m.name !== 'string' || !m.name) problems.push(`${at}.name: required`);
    problems.push(...validateRequirement(`${at}.requirement`, m.requirement), ...validateRewards(`${at}.rewards`, m.rewards, game));
  });
  return problems;
}
