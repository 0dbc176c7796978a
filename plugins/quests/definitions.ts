import { validateRewards, type Rewards } from '../../core/economy';
import type { GameDefinition } from '../../core/game-registry';
import { validateRequirement, type Requirement } from '../../core/requirements';
import { isPlainObject, unknownFields } from '../../core/shape';

export const QUEST_TYPES = ['story', 'daily', 'weekly', 'challenge', 'event'] as const;
export const DIFFICULTIES = ['easy', 'normal', 'hard', 'legendary'] as const;

/** One step of a quest: done when every requirement is met; its rewards go to the inbox then. */
export interface QuestStep {
  /** snake_case, unique within the quest. */
  id: string;
  name: string;
  requirements: Requirement[];
  /** An optional step never holds back the steps after it, and the quest completes without it. */
  optional?: boolean;
  rewards?: Rewards;
}

/**
 * A quest as designers write it (data files in definitions/, or added by admins at runtime; validated
 * either way). Steps are done in order: events count towards every unfinished step that no
 * unfinished required step comes before. The quest completes when every required step is done.
 */
export interface QuestDefinition {
  /** snake_case, unique within the game. */
  id: string;
  name: string;
  description: string;
  type: (typeof QUEST_TYPES)[number];
  difficulty: (typeof DIFFICULTIES)[number];
  steps: QuestStep[];
  /** Rewards on completion (to the inbox). */
  rewards?: Rewards;
  /** Quests that must be COMPLETED before this one may start. */
  prerequisites?: string[];
  /** The quest EXPIRES this long after it starts unless completed. */
  time_limit_seconds?: number;
  /** It may be started only within [available_from, available_until) (ms). */
  available_from?: number;
  available_until?: number;
}

const ID = /^[a-z][a-z0-9_]*$/;
const MAX_STEPS = 10;
const MAX_REQUIREMENTS = 5;
const FIELDS = ['id', 'name', 'description', 'type', 'difficulty', 'steps', 'rewards', 'prerequisites', 'time_limit_seconds', 'available_from', 'available_until'];
const STEP_FIELDS = ['id', 'name', 'requirements', 'optional', 'rewards'];

const isMs = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Problems with quests for `game`, each naming `where`, the quest and the field; `existing` are in force already. */
export function validateQuests(where: string, quests: QuestDefinition[], game: GameDefinition, existing: QuestDefinition[] = []): string[] {
  const problems: string[] = [];
  const ids = existing.concat(quests).map((q) => q && q.id);
  for (const q of quests) {
    if (!isPlainObject(q)) {
      problems.push(`${where}: every quest must be an object`);
      continue;
    }
    const at = `${where}: ${q.id}`;
    problems.push(...unknownFields(at, q, FIELDS));
    if (typeof q.id !== 'string' || !ID.test(q.id) || q.id.length > 48) problems.push(`${at}.id: snake_case, at most 48 characters`);
    if (ids.filter((id) => id === q.id).length > 1) problems.push(`${at}.id: used twice`);
    if (typeof q.name !== 'string' || !q.name || q.name.length > 100) problems.push(`${at}.name: 1 to 100 characters`);
    if (typeof q.description !== 'string' || q.description.length > 500) problems.push(`${at}.description: at most 500 characters`);
    if (QUEST_TYPES.indexOf(q.type) < 0) problems.push(`${at}.type: one of ${QUEST_TYPES.join(', ')}`);
    if (DIFFICULTIES.indexOf(q.difficulty) < 0) problems.push(`${at}.difficulty: one of ${DIFFICULTIES.join(', ')}`);
    if (q.rewards !== undefined) problems.push(...validateRewards(`${at}.rewards`, q.rewards, game));
    if (q.time_limit_seconds !== undefined && !(Number.isInteger(q.time_limit_seconds) && q.time_limit_seconds >= 60 && q.time_limit_seconds <= 366 * 86400)) problems.push(`${at}.time_limit_seconds: an integer from 60 to ${366 * 86400}`);
    for (const f of ['available_from', 'available_until'] as const) if (q[f] !== undefined && !isMs(q[f])) problems.push(`${at}.${f}: ms since the epoch`);
    if (isMs(q.available_from) && isMs(q.available_until) && q.available_until! <= q.available_from!) problems.push(`${at}.available_until: after available_from`);
    if (q.prerequisites !== undefined) {
      if (!Array.isArray(q.prerequisites) || q.prerequisites.length === 0) problems.push(`${at}.prerequisites: a non-empty list of quest ids`);
      else for (const id of q.prerequisites) if (id === q.id || ids.indexOf(id) < 0) problems.push(`${at}.prerequisites: ${id} is not another quest of ${game.name}`);
    }
    problems.push(...validateSteps(at, q.steps, game));
  }
  return problems;
}

function validateSteps(at: string, steps: QuestStep[], game: GameDefinition): string[] {
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_STEPS) return [`${at}.steps: 1 to ${MAX_STEPS} steps`];
  const problems: string[] = [];
  steps.forEach((s, i) => {
    const sat = `${at}.steps[${i}]`;
    if (!isPlainObject(s)) return problems.push(`${sat}: {id, name, requirements, optional?, rewards?}`);
    problems.push(...unknownFields(sat, s, STEP_FIELDS));
    if (typeof s.id !== 'string' || !ID.test(s.id) || s.id.length > 48) problems.push(`${sat}.id: snake_case, at most 48 characters`);
    if (steps.filter((o) => o && o.id === s.id).length > 1) problems.push(`${sat}.id: used twice in the quest`);
    if (typeof s.name !== 'string' || !s.name) problems.push(`${sat}.name: required`);
    if (s.optional !== undefined && typeof s.optional !== 'boolean') problems.push(`${sat}.optional: a boolean`);
    if (s.rewards !== undefined) problems.push(...validateRewards(`${sat}.rewards`, s.rewards, game));
    if (!Array.isArray(s.requirements) || s.requirements.length === 0 || s.requirements.length > MAX_REQUIREMENTS) problems.push(`${sat}.requirements: 1 to ${MAX_REQUIREMENTS} requirements`);
    else s.requirements.forEach((r, j) => problems.push(...validateRequirement(`${sat}.requirements[${j}]`, r)));
    return problems.length;
  });
  if (steps.every((s) => s && s.optional)) problems.push(`${at}.steps: at least one step must be required`);
  return problems;
}
