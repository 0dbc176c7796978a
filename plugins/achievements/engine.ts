import { PROCESSED, type OnceDocument } from '../../core/apply-once';
import { defineDocument } from '../../core/documents';
import type { Rewards } from '../../core/economy';
import { dict, int, obj, optional, withDefault, type Shape } from '../../core/shape';
import { counts } from '../../core/requirements';
import { stepsOf, type AchievementDefinition, type TierName } from './definitions';

/** One achievement of one player. */
export interface AchievementState {
  progress: number;
  /** Steps reached: tiers for a tiered achievement, else 0 or 1. Reaching the first = unlocked. */
  reached: number;
  /** Steps whose rewards were granted (auto-claim grants at once) or delivered to the reward inbox (manual ones, on the next look at the inbox). */
  claimed: number;
  unlocked_at?: number;
}

/** A player's achievements in one game (storage `<game_id>:achievements` / `progress`). */
export interface AchievementsDocument extends OnceDocument {
  achievements: { [id: string]: AchievementState };
}

/** An achievement's state as stored; documents written before tiers existed hold {progress, unlockedAt}. */
const STORED_STATE = obj({ progress: int(0), reached: optional(int(0, 4)), claimed: optional(int(0, 4)), unlocked_at: optional(int(0)), unlockedAt: optional(int(0)) });

/** A stored state, in today's form. */
const STATE: Shape<AchievementState> = (value, path, problems) => {
  const s = STORED_STATE(value, path, problems);
  if (!s) return undefined;
  if (s.reached === undefined) {
    const unlocked = s.unlockedAt !== undefined ? { unlocked_at: s.unlockedAt } : {};
    return { progress: s.progress, reached: s.unlockedAt ? 1 : 0, claimed: s.unlockedAt ? 1 : 0, ...unlocked };
  }
  const state: AchievementState = { progress: s.progress, reached: s.reached, claimed: Math.min(s.claimed || 0, s.reached) };
  if (s.unlocked_at !== undefined) state.unlocked_at = s.unlocked_at;
  return state;
};

/** `<game_id>:achievements` / `progress`: the player's achievements in the game. */
export const ACHIEVEMENTS = defineDocument<AchievementsDocument>({
  name: 'achievements',
  owner: 'player',
  shape: obj({ achievements: withDefault(dict(STATE, 1000, /^[a-z][a-z0-9_]*$/), () => ({})), processed: PROCESSED }),
  empty: () => ({ achievements: {}, processed: [] }),
});

/** Something a player should hear of: an unlock, a higher tier, rewards waiting to be claimed. */
export interface Notice {
  definition: AchievementDefinition;
  tier: TierName | null;
  /** 'unlocked' for the first step, 'tier_up' for later tiers. */
  kind: 'unlocked' | 'tier_up';
  /** Granted now (auto) or waiting in the reward inbox (manual). */
  rewards: Rewards;
  claimed: boolean;
}

export interface Applied {
  notices: Notice[];
  /** Rewards granted in this change, with a stable id per step (for the grant's source id). */
  grants: { stepId: string; rewards: Rewards; definition: AchievementDefinition }[];
  changed: boolean;
}

export const stateOf = (doc: AchievementsDocument, id: string): AchievementState => doc.achievements[id] || { progress: 0, reached: 0, claimed: 0 };

export const isUnlocked = (doc: AchievementsDocument, id: string) => stateOf(doc, id).reached > 0;

/**
 * Add progress to achievements and settle the consequences, in place: steps reached, auto-claimed
 * rewards, and parents whose children are now all unlocked (repeatedly, so parents of parents
 * follow). `increments` maps achievement ids to progress to add; achievements whose requirements
 * are not unlocked yet, and finished ones, take none.
 */
export function addProgress(doc: AchievementsDocument, definitions: AchievementDefinition[], increments: { [id: string]: number | 'reset' }, now: number): Applied {
  const applied: Applied = { notices: [], grants: [], changed: false };
  for (const d of definitions) {
    const amount = increments[d.id];
    if (!amount || d.children) continue;
    if ((d.requires || []).some((id) => !isUnlocked(doc, id))) continue;
    const steps = stepsOf(d);
    const state = { ...stateOf(doc, d.id) };
    if (state.reached >= steps.length) continue;
    if (amount === 'reset') {
      if (state.progress === 0) continue;
      state.progress = state.reached > 0 ? steps[state.reached - 1].target : 0;
    } else {
      state.progress = Math.min(state.progress + amount, steps[steps.length - 1].target);
    }
    settle(doc, d, state, now, applied);
  }
  // Parents: progress = children unlocked; settle until nothing changes (parents of parents).
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of definitions) {
      if (!d.children || stateOf(doc, d.id).reached > 0) continue;
      const done = d.children.filter((id) => isUnlocked(doc, id)).length;
      if (done === stateOf(doc, d.id).progress) continue;
      settle(doc, d, { ...stateOf(doc, d.id), progress: done }, now, applied);
      changed = true;
    }
  }
  return applied;
}

/** Store a new progress and record the steps it reaches (granting them when auto-claimed). */
function settle(doc: AchievementsDocument, d: AchievementDefinition, state: AchievementState, now: number, applied: Applied): void {
  const steps = stepsOf(d);
  while (state.reached < steps.length && state.progress >= steps[state.reached].target) {
    const step = steps[state.reached];
    const auto = d.claim !== 'manual';
    applied.notices.push({ definition: d, tier: step.tier, kind: state.reached === 0 ? 'unlocked' : 'tier_up', rewards: step.rewards, claimed: auto });
    if (state.reached === 0) state.unlocked_at = now;
    state.reached += 1;
    if (auto) {
      if (hasRewards(step.rewards)) applied.grants.push({ stepId: stepId(d, state.reached - 1), rewards: step.rewards, definition: d });
      state.claimed = state.reached;
    }
  }
  doc.achievements[d.id] = state;
  applied.changed = true;
}

/** The reached steps (with rewards) of a manually claimed achievement not yet delivered to the reward inbox, marked delivered in place. */
export function takeReached(doc: AchievementsDocument, d: AchievementDefinition): { stepId: string; rewards: Rewards }[] {
  const state = stateOf(doc, d.id);
  if (d.claim !== 'manual' || state.claimed >= state.reached) return [];
  const steps = stepsOf(d);
  const taken: { stepId: string; rewards: Rewards }[] = [];
  for (let i = state.claimed; i < state.reached; i++) if (hasRewards(steps[i].rewards)) taken.push({ stepId: stepId(d, i), rewards: steps[i].rewards });
  doc.achievements[d.id] = { ...state, claimed: state.reached };
  return taken;
}

/** Progress each definition takes from an event: 1 when its counter counts it, 'reset' when it resets it. */
export function incrementsFor(definitions: AchievementDefinition[], type: string, data: { [key: string]: unknown }): { [id: string]: number | 'reset' } {
  const increments: { [id: string]: number | 'reset' } = {};
  for (const d of definitions) {
    if (!d.counter) continue;
    if (counts(d.counter, type, data)) increments[d.id] = 1;
    else if (d.counter.resetOn === type) increments[d.id] = 'reset';
  }
  return increments;
}

const hasRewards = (r: Rewards) => Object.keys(r.currencies || {}).length + Object.keys(r.items || {}).length > 0;
export const stepId = (d: AchievementDefinition, step: number) => (d.tiers ? `${d.id}/${d.tiers[step].tier}` : d.id);
