import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';

/**
 * A season of a game's pass, as live-ops staff create it (season_create; validated here). Tiers 1..N
 * are reached by season XP on the curve below; each tier may carry a free reward and a premium one.
 */
export interface SeasonDefinition {
  /** snake_case, unique within the game. */
  id: string;
  name: string;
  /** The season runs over [starts_at, ends_at) (ms since the epoch); seasons of a game never overlap. */
  starts_at: number;
  ends_at: number;
  /** Number of tiers (at most 100). */
  tiers: number;
  /** XP from tier t to t + 1 = base + step * (t - 1). */
  xp_curve: { base: number; step: number };
  /** What premium costs, in one of the game's currencies (bought once per season). */
  premium_price: { currency: string; amount: number };
  /** Rewards by tier number ('1'..'N'); a tier may have none on a track. */
  rewards: { free: { [tier: string]: Rewards }; premium: { [tier: string]: Rewards } };
  /** Season XP per match event of these types (e.g. {match_completed: 50, match_won: 100}). */
  match_xp: { [eventType: string]: number };
}

export type Track = 'free' | 'premium';
export const TRACKS: Track[] = ['free', 'premium'];
export const MAX_TIERS = 100;
/** Unclaimed rewards of an ended season stay claimable this long (docs/season-pass.md). */
export const CLAIM_GRACE_MS = 14 * 24 * 3600 * 1000;

/** Season XP needed to reach tier t (tier 1 at 0). */
export function xpForTier(season: SeasonDefinition, tier: number): number {
  const n = tier - 1;
  return n * season.xp_curve.base + (season.xp_curve.step * n * (n - 1)) / 2;
}

/** The tier a player with this much season XP has reached (1..tiers). */
export function tierOf(season: SeasonDefinition, xp: number): number {
  let tier = 1;
  while (tier < season.tiers && xpForTier(season, tier + 1) <= xp) tier++;
  return tier;
}

/** The season running at `now`, if any. */
export const activeAt = (seasons: SeasonDefinition[], now: number) => (seasons.filter((s) => s.starts_at <= now && now < s.ends_at)[0] as SeasonDefinition | undefined) || null;

const ID = /^[a-z][a-z0-9_]*$/;
const FIELDS = ['id', 'name', 'starts_at', 'ends_at', 'tiers', 'xp_curve', 'premium_price', 'rewards', 'match_xp'];
const positiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Problems with a new season, given the game's other seasons (ids unique, no overlap), each naming the field. */
export function validateSeason(s: SeasonDefinition, game: GameDefinition, others: SeasonDefinition[]): string[] {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return ['season: must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(s)) if (FIELDS.indexOf(key) < 0) problems.push(`season.${key}: unknown field`);
  if (typeof s.id !== 'string' || !ID.test(s.id)) problems.push('season.id: must be snake_case');
  else if (others.some((o) => o.id === s.id)) problems.push(`season.id: ${s.id} exists already`);
  if (typeof s.name !== 'string' || !s.name) problems.push('season.name: required');
  if (!positiveInt(s.starts_at) || !positiveInt(s.ends_at) || s.ends_at <= s.starts_at) problems.push('season.starts_at, ends_at: integers (ms) with starts_at < ends_at');
  else {
    const overlapping = others.filter((o) => o.starts_at < s.ends_at && s.starts_at < o.ends_at);
    if (overlapping.length > 0) problems.push(`season: overlaps ${overlapping.map((o) => o.id).join(', ')}`);
  }
  if (!(positiveInt(s.tiers) && s.tiers <= MAX_TIERS)) problems.push(`season.tiers: an integer from 1 to ${MAX_TIERS}`);
  if (!s.xp_curve || !positiveInt(s.xp_curve.base) || !(Number.isInteger(s.xp_curve.step) && s.xp_curve.step >= 0)) problems.push('season.xp_curve: {base: integer > 0, step: integer >= 0}');
  const price = s.premium_price;
  if (!price || game.currencies.indexOf(price.currency) < 0 || price.currency === 'xp' || !positiveInt(price.amount)) {
    problems.push(`season.premium_price: {currency: one of ${game.currencies.filter((c) => c !== 'xp').join(', ')}, amount: integer > 0}`);
  }
  if (!s.rewards || typeof s.rewards !== 'object') problems.push('season.rewards: {free: {<tier>: rewards}, premium: {<tier>: rewards}}');
  else {
    for (const track of TRACKS) {
      const byTier = s.rewards[track] || {};
      for (const tier of Object.keys(byTier)) {
        const t = Number(tier);
        if (!(Number.isInteger(t) && t >= 1 && t <= (s.tiers || 0))) problems.push(`season.rewards.${track}.${tier}: not a tier of the season`);
        problems.push(...validateRewards(`season.rewards.${track}.${tier}`, byTier[tier], game));
      }
    }
  }
  for (const type of Object.keys(s.match_xp || {})) {
    if (!ID.test(type)) problems.push(`season.match_xp.${type}: must be an event type`);
    if (!positiveInt(s.match_xp[type])) problems.push(`season.match_xp.${type}: must be an integer > 0`);
  }
  return problems;
}
