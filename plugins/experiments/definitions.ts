import { isPlainObject } from '../../core/shape';
import type { GameDefinition } from '../../core/game-registry';

/**
 * An A/B experiment as admins create it (experiment_create; docs/live-ops-data.md). Times are ms
 * since the epoch, UTC. A player is in it when it is active (started, not past ends_at, not ended by
 * an admin) and the targeting filter admits them; their cohort is a pure function of (experiment,
 * player): see assignment.ts.
 */
export interface Cohort { id: string; weight: number }

export interface Targeting {
  /** Players whose account language is one of these (Nakama's lang tag, e.g. "en", "pt-BR"); absent: any. */
  lang_tags?: string[];
  /** Accounts created at or after / before these times (ms); absent: any. */
  account_created_after?: number;
  account_created_before?: number;
}

export interface Experiment {
  id: string;
  name: string;
  description: string;
  cohorts: Cohort[];
  starts_at: number;
  /** 0: runs until an admin ends it. */
  ends_at: number;
  targeting: Targeting | null;
  created_at: number;
  /** When an admin ended it (0: not ended). */
  ended_at: number;
}

const ID = /^[a-z][a-z0-9_]*$/;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const FIELDS = ['id', 'name', 'description', 'cohorts', 'starts_at', 'ends_at', 'targeting'];
const TARGETING_FIELDS = ['lang_tags', 'account_created_after', 'account_created_before'];
/** Weights must add up to 1 within this (decimal fractions such as 0.1 + 0.2 do not add up exactly). */
const WEIGHT_TOLERANCE = 1e-9;
const MAX_COHORTS = 10;

const isInt = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= Number.MAX_SAFE_INTEGER;

/** Problems with a new experiment for `game`, each naming its field; `now` 0 skips the clock checks. */
export function validateExperiment(e: unknown, game: GameDefinition, takenIds: string[], now: number): string[] {
  if (!isPlainObject(e)) return ['experiment: must be a JSON object'];
  const at = (field: string) => `experiment.${field}`;
  const p = Object.keys(e).filter((k) => FIELDS.indexOf(k) < 0).map((k) => `${at(k)}: unknown field (${FIELDS.join(', ')})`);
  if (typeof e.id !== 'string' || !ID.test(e.id) || e.id.length > 48) p.push(`${at('id')}: snake_case, at most 48 characters`);
  else if (takenIds.indexOf(e.id) >= 0) p.push(`${at('id')}: ${game.name} has an experiment ${e.id} already`);
  if (typeof e.name !== 'string' || e.name.length < 1 || e.name.length > 64) p.push(`${at('name')}: 1-64 characters`);
  if (e.description !== undefined && (typeof e.description !== 'string' || e.description.length > 256)) p.push(`${at('description')}: at most 256 characters`);
  const cohorts = e.cohorts;
  if (!Array.isArray(cohorts) || cohorts.length < 2 || cohorts.length > MAX_COHORTS) p.push(`${at('cohorts')}: 2-${MAX_COHORTS} {id, weight}`);
  else {
    const ids: string[] = [];
    cohorts.forEach((c: unknown, i) => {
      const where = `${at('cohorts')}[${i}]`;
      if (!isPlainObject(c) || typeof c.id !== 'string' || !ID.test(c.id) || c.id.length > 32) p.push(`${where}.id: snake_case, at most 32 characters`);
      else if (ids.indexOf(c.id) >= 0) p.push(`${where}.id: ${c.id} appears twice`);
      else ids.push(c.id);
      if (!isPlainObject(c) || typeof c.weight !== 'number' || !(c.weight > 0 && c.weight <= 1)) p.push(`${where}.weight: a number in (0, 1]`);
    });
    const sum = cohorts.reduce((s: number, c: unknown) => s + (isPlainObject(c) && typeof c.weight === 'number' ? c.weight : 0), 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) p.push(`${at('cohorts')}: weights must add up to 1 (they add up to ${sum})`);
  }
  for (const f of ['starts_at', 'ends_at']) if (e[f] !== undefined && !isInt(e[f], 0)) p.push(`${at(f)}: an integer (ms since the epoch)`);
  if (isInt(e.starts_at, 0) && isInt(e.ends_at, 1) && (e.ends_at as number) <= (e.starts_at as number)) p.push(`${at('ends_at')}: after starts_at`);
  if (now > 0 && isInt(e.ends_at, 1) && (e.ends_at as number) <= now) p.push(`${at('ends_at')}: must be in the future`);
  const t = e.targeting;
  if (t !== undefined && t !== null) {
    if (!isPlainObject(t)) p.push(`${at('targeting')}: {${TARGETING_FIELDS.join(', ')}}`);
    else {
      for (const k of Object.keys(t)) if (TARGETING_FIELDS.indexOf(k) < 0) p.push(`${at('targeting')}.${k}: unknown field (${TARGETING_FIELDS.join(', ')})`);
      const tags = t.lang_tags;
      if (tags !== undefined && (!Array.isArray(tags) || tags.length < 1 || tags.length > 50 || tags.some((x) => typeof x !== 'string' || !LANG_TAG.test(x)))) {
        p.push(`${at('targeting')}.lang_tags: 1-50 language tags such as "en" or "pt-BR"`);
      }
      for (const f of ['account_created_after', 'account_created_before']) if (t[f] !== undefined && !isInt(t[f], 0)) p.push(`${at('targeting')}.${f}: an integer (ms since the epoch)`);
    }
  }
  return p;
}

/** Stored definitions are re-checked (a console edit must not reach a player). */
export function storedExperimentProblems(e: Experiment, game: GameDefinition, others: Experiment[]): string[] {
  if (!isPlainObject(e)) return ['experiment: must be a JSON object'];
  const { created_at: createdAt, ended_at: endedAt, ...input } = e;
  if (!isInt(createdAt, 0) || !isInt(endedAt, 0)) return ['experiment.created_at, ended_at: integers (ms since the epoch)'];
  const restored: { [key: string]: unknown } = { ...input };
  if (restored.targeting === null) delete restored.targeting;
  return validateExperiment(restored, game, others.map((o) => o.id), 0);
}

/** The stored form of a valid new experiment: defaults filled in. */
export function normaliseExperiment(e: { [key: string]: unknown }, now: number): Experiment {
  const t = e.targeting as Targeting | undefined;
  return {
    id: e.id as string, name: e.name as string, description: (e.description as string) || '',
    cohorts: (e.cohorts as Cohort[]).map((c) => ({ id: c.id, weight: c.weight })),
    starts_at: e.starts_at !== undefined ? (e.starts_at as number) : now,
    ends_at: (e.ends_at as number) || 0,
    targeting: t ? { ...t } : null,
    created_at: now, ended_at: 0,
  };
}

/** Running at `now`: started, not past its end, not ended by an admin. */
export const isActive = (e: Experiment, now: number) => e.ended_at === 0 && e.starts_at <= now && (e.ends_at === 0 || now < e.ends_at);
