import type { Rewards } from '../../core/economy';
import { claimDue, type ProgressDocument } from './engine';
import type { Occurrence } from './schedule';

/** An occurrence as menus show it. */
export interface EventView {
  event_id: string;
  occurrence_id: string;
  name: string;
  description: string;
  starts_at: number;
  ends_at: number;
  active: boolean;
  xp_multiplier: number;
  missions: { id: string; name: string; target: number; points: number; rewards: Rewards }[];
  community_goal: { target: number; total: number; reached: boolean; rewards: Rewards } | null;
  rank_rewards: { from_rank: number; to_rank: number; rewards: Rewards }[];
}

/** `total`: the community counter (ignored when the event has no community goal). */
export function eventView(o: Occurrence, now: number, total: number): EventView {
  const e = o.event;
  const goal = e.community_goal;
  return {
    event_id: e.id, occurrence_id: o.id, name: e.name, description: e.description,
    starts_at: o.starts_at, ends_at: o.ends_at, active: o.starts_at <= now && now < o.ends_at, xp_multiplier: e.xp_multiplier,
    missions: e.missions.map((m) => ({ id: m.id, name: m.name, target: m.target, points: m.points, rewards: m.rewards })),
    community_goal: goal ? { target: goal.target, total, reached: total >= goal.target, rewards: goal.rewards } : null,
    rank_rewards: e.rank_rewards || [],
  };
}

/** A player's progress in an occurrence. */
export interface ProgressView {
  event_id: string;
  occurrence_id: string;
  active: boolean;
  ends_at: number;
  missions: { id: string; name: string; progress: number; target: number; completed: boolean; completed_at: number | null }[];
  points: number;
  /** Leaderboard rank, null without a record. */
  rank: number | null;
  community: { contributions: number; total: number; target: number; reached: boolean; claimed: boolean } | null;
  /** Rewards event_claim_rewards would grant now (due, or waiting in the reward inbox): 'community_goal', 'rank'. */
  claimable: string[];
}

/** `waiting`: the kinds of the occurrence's rewards pending in the player's reward inbox. */
export function progressView(o: Occurrence, doc: ProgressDocument, now: number, total: number, rank: number, waiting: string[]): ProgressView {
  const e = o.event;
  const goal = e.community_goal;
  const reached = !!goal && total >= goal.target;
  const probe = { ...doc };
  const claimable = claimDue(probe, e, { goalReached: reached, ended: o.ends_at <= now, rank }).map((c) => c.kind as string).concat(waiting);
  return {
    event_id: e.id, occurrence_id: o.id, active: o.starts_at <= now && now < o.ends_at, ends_at: o.ends_at,
    missions: e.missions.map((m) => {
      const state = doc.missions[m.id] || { progress: 0 };
      return { id: m.id, name: m.name, progress: state.progress, target: m.target, completed: state.completed_at !== undefined, completed_at: state.completed_at === undefined ? null : state.completed_at };
    }),
    points: doc.points,
    rank: rank > 0 ? rank : null,
    community: goal ? { contributions: doc.contributions, total, target: goal.target, reached, claimed: !!doc.community_claimed && waiting.indexOf('community_goal') < 0 } : null,
    claimable,
  };
}
