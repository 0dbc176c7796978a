import { PROCESSED, type OnceDocument } from '../../core/apply-once';
import { defineDocument } from '../../core/documents';
import type { Rewards } from '../../core/economy';
import { advance, emptyState, REQUIREMENT_STATE, type RequirementState } from '../../core/requirements';
import { dict, int, list, obj, oneOf, optional, str, withDefault } from '../../core/shape';
import type { QuestDefinition, QuestStep } from './definitions';

export const QUEST_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'EXPIRED'] as const;
export type QuestStatus = (typeof QUEST_STATUSES)[number];

/** One quest of one player (absent: NOT_STARTED). */
export interface QuestState {
  status: Exclude<QuestStatus, 'NOT_STARTED'>;
  /** 1 for the first start; a FAILED or EXPIRED quest may be started again. */
  attempt: number;
  started_at: number;
  /** null: no time limit. */
  expires_at: number | null;
  completed_at?: number;
  /** Progress of the current attempt, per step. */
  steps: { [stepId: string]: { requirements: RequirementState[]; completed_at?: number } };
  /** Steps (and `quest`) whose rewards were delivered: never twice, whatever the attempt. */
  rewarded: string[];
  /** Every transition, oldest first (the last 20). */
  history: { status: QuestStatus; at: number; reason?: string }[];
}

/** A player's quests in one game (storage `<game_id>:quests` / `progress`). */
export interface QuestsDocument extends OnceDocument {
  quests: { [questId: string]: QuestState };
}

const HISTORY = 20;
const QUEST_STATE = obj({
  status: oneOf('IN_PROGRESS', 'COMPLETED', 'FAILED', 'EXPIRED'), attempt: int(1), started_at: int(0), expires_at: withDefault(int(0), () => null as unknown as number),
  completed_at: optional(int(0)),
  steps: withDefault(dict(obj({ requirements: list(REQUIREMENT_STATE, 5), completed_at: optional(int(0)) }), 10), () => ({})),
  rewarded: withDefault(list(str(64), 11), () => []),
  history: withDefault(list(obj({ status: oneOf(...QUEST_STATUSES), at: int(0), reason: optional(str(64)) }), HISTORY), () => []),
});

export const QUESTS = defineDocument<QuestsDocument>({
  name: 'quests',
  owner: 'player',
  shape: obj({ quests: withDefault(dict(QUEST_STATE as unknown as (v: unknown, p: string, pr: string[]) => QuestState | undefined, 500, /^[a-z][a-z0-9_]*$/), () => ({})), processed: PROCESSED }),
  empty: () => ({ quests: {}, processed: [] }),
});

/** The status at `now`: an IN_PROGRESS quest past its time limit is EXPIRED. */
export const statusAt = (s: QuestState | undefined, now: number): QuestStatus =>
  !s ? 'NOT_STARTED' : s.status === 'IN_PROGRESS' && s.expires_at !== null && now >= s.expires_at ? 'EXPIRED' : s.status;

/** Record a transition in place. */
export function transition(s: QuestState, status: QuestState['status'], at: number, reason?: string): void {
  s.status = status;
  const entry: QuestState['history'][number] = { status, at };
  if (reason) entry.reason = reason;
  s.history = s.history.concat(entry).slice(-HISTORY);
}

/** A fresh attempt of the quest, started at `now` (keeps the rewards and history of earlier attempts). */
export function started(q: QuestDefinition, before: QuestState | undefined, now: number): QuestState {
  const s: QuestState = {
    status: 'IN_PROGRESS', attempt: before ? before.attempt + 1 : 1, started_at: now,
    expires_at: q.time_limit_seconds ? now + q.time_limit_seconds * 1000 : null,
    steps: {}, rewarded: before ? before.rewarded : [], history: before ? before.history : [],
  };
  for (const step of q.steps) s.steps[step.id] = { requirements: step.requirements.map(emptyState) };
  transition(s, 'IN_PROGRESS', now);
  return s;
}

/** Rewards a change makes due: a step's or the quest's, to the inbox. */
export interface QuestReward { quest: QuestDefinition; step: QuestStep | null; rewards: Rewards }

/** Steps events count towards now: unfinished ones with no unfinished required step before them. */
export function activeSteps(q: QuestDefinition, s: QuestState): QuestStep[] {
  const active: QuestStep[] = [];
  for (const step of q.steps) {
    const done = s.steps[step.id] && s.steps[step.id].completed_at !== undefined;
    if (done) continue;
    active.push(step);
    if (!step.optional) break;
  }
  return active;
}

/**
 * Apply one event to an IN_PROGRESS quest in place: expire it when past its limit, else advance
 * the active steps' requirements; a step with all met completes, and the quest completes with its
 * last required step. Returns whether it changed and the rewards that became due.
 */
export function applyEvent(q: QuestDefinition, s: QuestState, type: string, data: { [key: string]: unknown }, now: number): { changed: boolean; rewards: QuestReward[] } {
  const rewards: QuestReward[] = [];
  if (s.status !== 'IN_PROGRESS') return { changed: false, rewards };
  if (statusAt(s, now) === 'EXPIRED') {
    transition(s, 'EXPIRED', now);
    return { changed: true, rewards };
  }
  let changed = false;
  for (const step of activeSteps(q, s)) {
    const progress = s.steps[step.id] || (s.steps[step.id] = { requirements: step.requirements.map(emptyState) });
    step.requirements.forEach((r, i) => {
      const next = advance(r, progress.requirements[i] || emptyState(), type, data, now);
      if (next) {
        progress.requirements[i] = next;
        changed = true;
      }
    });
    if (progress.requirements.every((r) => r.met_at !== undefined)) {
      progress.completed_at = now;
      if (step.rewards && s.rewarded.indexOf(step.id) < 0) {
        s.rewarded.push(step.id);
        rewards.push({ quest: q, step, rewards: step.rewards });
      }
    }
  }
  if (changed && q.steps.every((step) => step.optional || (s.steps[step.id] && s.steps[step.id].completed_at !== undefined))) {
    s.completed_at = now;
    transition(s, 'COMPLETED', now);
    if (q.rewards && s.rewarded.indexOf('quest') < 0) {
      s.rewarded.push('quest');
      rewards.push({ quest: q, step: null, rewards: q.rewards });
    }
  }
  return { changed, rewards };
}
