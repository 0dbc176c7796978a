import type { OnceDocument } from '../../core/apply-once';
import type { Rewards } from '../../core/economy';
import { counts } from '../../core/requirements';
import type { LiveEventDefinition, Mission } from './definitions';

/** A player's progress in one occurrence (storage `<game_id>:live_event_progress`, key = occurrence id). */
export interface ProgressDocument extends OnceDocument {
  missions: { [missionId: string]: { progress: number; completed_at?: number } };
  /** Leaderboard points: the sum of the completed missions' points. */
  points: number;
  /** Events this player added to the community counter. */
  contributions: number;
  community_claimed?: boolean;
  rank_claimed?: boolean;
}

/** A community counter shard (system-owned, `<occurrence id>/community/<n>`). */
export interface ShardDocument extends OnceDocument {
  count: number;
}

/** What one domain event does to an occurrence: mission progress (+1 or reset) and a community contribution. */
export interface Increments {
  missions: { [missionId: string]: 1 | 'reset' };
  community: number;
}

/** How many shards the community counter has: concurrent contributions of different players rarely touch the same one. */
export const SHARDS = 16;

export const emptyProgress = (): ProgressDocument => ({ missions: {}, points: 0, contributions: 0, processed: [] });

/** What an event of `type` with `data` does to the event's missions and community counter. */
export function incrementsFor(event: LiveEventDefinition, type: string, data: { [key: string]: unknown }): Increments {
  const missions: Increments['missions'] = {};
  for (const m of event.missions) {
    if (counts(m.counter, type, data)) missions[m.id] = 1;
    else if (m.counter.resetOn === type) missions[m.id] = 'reset';
  }
  const community = event.community_goal && counts(event.community_goal.counter, type, data) ? 1 : 0;
  return { missions, community };
}

export const isEmpty = (inc: Increments) => inc.community === 0 && Object.keys(inc.missions).length === 0;

/**
 * The event type a community goal may count to add up missions completed by everyone (data
 * `{event_id, mission_id}`). Only community goals see it; matches never emit it.
 */
export const MISSION_COMPLETED = 'mission_completed';

/** The result of a change to a player's progress. */
export interface Step {
  /** Missions completed now (their points are added; their rewards are due). */
  completed: Mission[];
  /** What the change adds to the community counter. */
  contributed: number;
  changed: boolean;
}

/** Whether a change with these increments may add to the community counter (its shard must join the transaction). */
export function mayContribute(event: LiveEventDefinition, inc: Increments): boolean {
  const goal = event.community_goal;
  return inc.community > 0 || (!!goal && goal.counter.event === MISSION_COMPLETED && Object.keys(inc.missions).length > 0);
}

/**
 * Apply increments to a player's progress in place. Completed missions take no more progress; a
 * mission reaching its target completes and adds its points. Contributions: the event itself, and
 * each completion the community goal counts as `mission_completed`.
 */
export function addProgress(doc: ProgressDocument, event: LiveEventDefinition, inc: Increments, now: number): Step {
  const completed: Mission[] = [];
  let changed = false;
  for (const m of event.missions) {
    const step = inc.missions[m.id];
    const state = doc.missions[m.id] || { progress: 0 };
    if (!step || state.completed_at !== undefined) continue;
    if (step === 'reset') {
      if (state.progress === 0) continue;
      doc.missions[m.id] = { progress: 0 };
    } else {
      doc.missions[m.id] = finish(doc, m, Math.min(state.progress + 1, m.target), now, completed);
    }
    changed = true;
  }
  return contribute(doc, event, completed, inc.community, changed);
}

/** Complete a mission at once (admin/server); nothing changes when it is complete already. */
export function completeMission(doc: ProgressDocument, event: LiveEventDefinition, mission: Mission, now: number): Step {
  const state = doc.missions[mission.id];
  if (state && state.completed_at !== undefined) return { completed: [], contributed: 0, changed: false };
  const completed: Mission[] = [];
  doc.missions[mission.id] = finish(doc, mission, mission.target, now, completed);
  return contribute(doc, event, completed, 0, true);
}

function finish(doc: ProgressDocument, m: Mission, progress: number, now: number, completed: Mission[]) {
  if (progress < m.target) return { progress };
  doc.points += m.points;
  completed.push(m);
  return { progress, completed_at: now };
}

function contribute(doc: ProgressDocument, event: LiveEventDefinition, completed: Mission[], fromEvent: number, changed: boolean): Step {
  const goal = event.community_goal;
  const fromMissions = goal ? completed.filter((m) => counts(goal.counter, MISSION_COMPLETED, { event_id: event.id, mission_id: m.id })).length : 0;
  const contributed = fromEvent + fromMissions;
  doc.contributions += contributed;
  return { completed, contributed, changed: changed || contributed > 0 };
}

/** The rank reward for a final rank (1-based; 0 = unranked), or null. */
export function rankRewardFor(event: LiveEventDefinition, rank: number): Rewards | null {
  if (rank < 1) return null;
  const entry = (event.rank_rewards || []).filter((r) => r.from_rank <= rank && rank <= r.to_rank)[0];
  return entry ? entry.rewards : null;
}

export interface ClaimState {
  /** The community counter has reached its target. */
  goalReached: boolean;
  /** The occurrence has ended (rank rewards wait for it). */
  ended: boolean;
  /** The player's final rank (0: none). */
  rank: number;
}

/** Mark the rewards now due as claimed, in place; returns them (empty: nothing to claim). */
export function claimDue(doc: ProgressDocument, event: LiveEventDefinition, state: ClaimState): { kind: 'community_goal' | 'rank'; rewards: Rewards }[] {
  const due: { kind: 'community_goal' | 'rank'; rewards: Rewards }[] = [];
  if (event.community_goal && state.goalReached && doc.contributions > 0 && !doc.community_claimed) {
    doc.community_claimed = true;
    due.push({ kind: 'community_goal', rewards: event.community_goal.rewards });
  }
  const rankRewards = state.ended && doc.points > 0 ? rankRewardFor(event, state.rank) : null;
  if (rankRewards && !doc.rank_claimed) {
    doc.rank_claimed = true;
    due.push({ kind: 'rank', rewards: rankRewards });
  }
  return due;
}

/** The shard of the community counter a player's contributions go to (a stable hash of the user id). */
export function shardOf(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) % 1000003;
  return hash % SHARDS;
}

export const hasRewards = (r: Rewards | undefined) => !!r && Object.keys(r.currencies || {}).length + Object.keys(r.items || {}).length > 0;
