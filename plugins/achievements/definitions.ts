import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';
import { validateCounter, type Counter } from '../../core/requirements';

export type { Counter };

export const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type TierName = (typeof TIERS)[number];
export const RARITIES = ['common', 'rare', 'epic', 'legendary'] as const;

/**
 * An achievement as game designers write it (data files in definitions/, or created at runtime by
 * admins; validated either way). Kinds, by fields:
 * - simple: `counter` and target 1;
 * - incremental: `counter` and a target > 1 (progress shown);
 * - tiered: `counter` and `tiers` (bronze, silver, gold, platinum in order, rising targets, each with rewards);
 * - parent: `children` instead of a counter; it completes when every child is unlocked.
 * `hidden` ones show as "Hidden achievement" until unlocked; `requires` lists achievements that must be
 * unlocked before events count towards this one; `claim` 'manual' waits for achievements_claim.
 */
export interface AchievementDefinition {
  /** snake_case, unique within the game. */
  id: string;
  name: string;
  description: string;
  category: string;
  rarity: (typeof RARITIES)[number];
  /** Achievement points (a player's score across achievements). */
  points: number;
  hidden?: boolean;
  claim?: 'auto' | 'manual';
  counter?: Counter;
  /** Events needed (simple and incremental). */
  target?: number;
  /** Rewards on unlock (simple, incremental, parent). */
  rewards?: Rewards;
  tiers?: { tier: TierName; target: number; rewards: Rewards }[];
  children?: string[];
  requires?: string[];
}

/** The tiers of a definition as [target, rewards] steps: one step for a non-tiered achievement. */
export function stepsOf(d: AchievementDefinition): { tier: TierName | null; target: number; rewards: Rewards }[] {
  if (d.tiers) return d.tiers.map((t) => ({ tier: t.tier, target: t.target, rewards: t.rewards }));
  return [{ tier: null, target: d.children ? d.children.length : d.target || 1, rewards: d.rewards || {} }];
}

const ID = /^[a-z][a-z0-9_]*$/;
const KNOWN_FIELDS = ['id', 'name', 'description', 'category', 'rarity', 'points', 'hidden', 'claim', 'counter', 'target', 'rewards', 'tiers', 'children', 'requires'];

/**
 * Problems with a game's definitions, each naming `where` (a file, or the RPC), the achievement and
 * the field. `existing` are definitions already in force (ids may not repeat; children and
 * requirements may point at them).
 */
export function validateDefinitions(where: string, definitions: AchievementDefinition[], game: GameDefinition, existing: AchievementDefinition[] = []): string[] {
  const problems: string[] = [];
  const all = existing.concat(definitions);
  const ids: { [id: string]: number } = {};
  for (const d of all) ids[d && d.id] = (ids[d && d.id] || 0) + 1;
  for (const d of definitions) {
    if (!d || typeof d !== 'object') {
      problems.push(`${where}: every definition must be an object`);
      continue;
    }
    const at = `${where}: ${d.id}`;
    for (const key of Object.keys(d)) if (KNOWN_FIELDS.indexOf(key) < 0) problems.push(`${at}: ${key}: unknown field`);
    if (typeof d.id !== 'string' || !ID.test(d.id)) problems.push(`${at}: id must be snake_case`);
    if (ids[d.id] > 1) problems.push(`${at}: id is used twice`);
    if (typeof d.name !== 'string' || !d.name) problems.push(`${at}: name is required`);
    if (typeof d.description !== 'string') problems.push(`${at}: description must be a string`);
    if (typeof d.category !== 'string' || !ID.test(d.category)) problems.push(`${at}: category must be snake_case`);
    if (RARITIES.indexOf(d.rarity) < 0) problems.push(`${at}: rarity must be one of ${RARITIES.join(', ')}`);
    if (!Number.isInteger(d.points) || d.points < 0) problems.push(`${at}: points must be an integer >= 0`);
    if (d.claim !== undefined && d.claim !== 'auto' && d.claim !== 'manual') problems.push(`${at}: claim must be auto or manual`);
    if (d.hidden !== undefined && typeof d.hidden !== 'boolean') problems.push(`${at}: hidden must be a boolean`);
    problems.push(...validateShape(at, d, game));
    for (const [field, list] of [['children', d.children], ['requires', d.requires]] as const) {
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) problems.push(`${at}: ${field} must be a non-empty list of achievement ids`);
      else for (const id of list) if (!ids[id] || id === d.id) problems.push(`${at}: ${field}: ${id} is not another achievement of ${game.name}`);
    }
  }
  return problems;
}

/** Exactly one of counter or children; target/rewards or tiers. */
function validateShape(at: string, d: AchievementDefinition, game: GameDefinition): string[] {
  const problems: string[] = [];
  if (!!d.counter === !!d.children) problems.push(`${at}: needs either counter (events count) or children (sub-achievements), not both`);
  if (d.counter) problems.push(...validateCounter(`${at}: counter`, d.counter));
  if (d.tiers !== undefined) {
    if (d.children) problems.push(`${at}: a parent achievement cannot be tiered`);
    if (d.target !== undefined || d.rewards !== undefined) problems.push(`${at}: a tiered achievement has its targets and rewards in tiers`);
    if (!Array.isArray(d.tiers) || d.tiers.length === 0 || d.tiers.length > TIERS.length) {
      problems.push(`${at}: tiers must list 1 to 4 tiers`);
      return problems;
    }
    d.tiers.forEach((t, i) => {
      if (t.tier !== TIERS[i]) problems.push(`${at}: tiers[${i}].tier must be ${TIERS[i]}`);
      if (!Number.isInteger(t.target) || t.target < 1 || (i > 0 && t.target <= d.tiers![i - 1].target)) problems.push(`${at}: tiers[${i}].target must be an integer above the tier before`);
      problems.push(...validateRewards(`${at}: tiers[${i}].rewards`, t.rewards, game));
    });
  } else {
    if (d.children && d.target !== undefined) problems.push(`${at}: a parent achievement's target is its number of children`);
    if (!d.children && !(Number.isInteger(d.target) && d.target! >= 1)) problems.push(`${at}: target must be an integer >= 1`);
    if (d.rewards !== undefined) problems.push(...validateRewards(`${at}: rewards`, d.rewards, game));
  }
  return problems;
}
