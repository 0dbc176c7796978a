import alea from 'seedrandom/lib/alea';
import type { Experiment, Targeting } from './definitions';

/**
 * Cohort assignment as a pure function of (experiment id, user id): a uniform number in [0, 1) from
 * seedrandom's Alea (the generator of match randomness) seeded with both, placed on the cohorts'
 * cumulative weights in their listed order. No lookup and no state: the same player gets the same cohort on every call, VM, node and
 * restart; different experiments assign independently. Changing an experiment's weights would move
 * players, so weights are fixed at creation.
 */
export function cohortOf(experiment: Pick<Experiment, 'id' | 'cohorts'>, userId: string): string {
  const u = alea(`experiment:${experiment.id}:${userId}`)();
  let cumulative = 0;
  for (const c of experiment.cohorts) {
    cumulative += c.weight;
    if (u < cumulative) return c.id;
  }
  return experiment.cohorts[experiment.cohorts.length - 1].id; // weights that add up to just under 1
}

/** What targeting looks at: the player's account. */
export interface TargetedAccount { langTag: string; createTime: number }

/** Whether the targeting filter admits the player (no filter: everyone). */
export function isTargeted(targeting: Targeting | null, account: TargetedAccount): boolean {
  if (!targeting) return true;
  if (targeting.lang_tags && !targeting.lang_tags.some((t) => t.toLowerCase() === (account.langTag || '').toLowerCase())) return false;
  if (targeting.account_created_after !== undefined && account.createTime < targeting.account_created_after) return false;
  if (targeting.account_created_before !== undefined && account.createTime >= targeting.account_created_before) return false;
  return true;
}
