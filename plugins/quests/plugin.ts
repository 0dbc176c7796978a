import { applyOnce, applyOnceAll, type OnceDocument, type OnceUnit } from '../../core/apply-once';
import { playerNow } from '../../core/clock';
import { definitionList } from '../../core/definition-list';
import { documentAt, readDocument, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import { perGameProblems, type GameDefinition, type GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall, Services } from '../../core/plugin';
import { withInbox, type Delivery } from '../reward-inbox/inbox';
import { validateQuests, type QuestDefinition } from './definitions';
import { activeSteps, applyEvent, QUESTS, started, statusAt, transition, type QuestReward, type QuestsDocument, type QuestState } from './engine';

const GAME_ID = { type: 'uuid', required: true } as const;
const QUEST_ID = { type: 'string', required: true, maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ } as const;

/** A quest as menus show it, with the caller's progress. */
function viewOf(q: QuestDefinition, s: QuestState | undefined, doc: QuestsDocument, now: number) {
  const status = statusAt(s, now);
  const active = s && status === 'IN_PROGRESS' ? activeSteps(q, s).map((step) => step.id) : [];
  return {
    id: q.id, name: q.name, description: q.description, type: q.type, difficulty: q.difficulty, rewards: q.rewards || {},
    status, available: status !== 'IN_PROGRESS' && status !== 'COMPLETED' && startProblem(q, doc, now) === null,
    attempt: s ? s.attempt : 0, started_at: s ? s.started_at : null, expires_at: s ? s.expires_at : null, completed_at: s && s.completed_at !== undefined ? s.completed_at : null,
    time_limit_seconds: q.time_limit_seconds || null, prerequisites: q.prerequisites || [],
    steps: q.steps.map((step) => {
      const p = s && s.steps[step.id];
      return {
        id: step.id, name: step.name, optional: !!step.optional, rewards: step.rewards || {}, active: active.indexOf(step.id) >= 0, completed: !!(p && p.completed_at !== undefined),
        requirements: step.requirements.map((r, i) => ({ event: r.counter.event, operator: r.operator || 'gte', threshold: r.threshold, timeframe_seconds: r.timeframe_seconds || null, value: p && p.requirements[i] ? p.requirements[i].value : 0, met: !!(p && p.requirements[i] && p.requirements[i].met_at !== undefined) })),
      };
    }),
    history: s ? s.history : [],
  };
}

/** Why the quest cannot start now (window, prerequisites), or null. */
function startProblem(q: QuestDefinition, doc: QuestsDocument, now: number): string | null {
  if (q.available_from !== undefined && now < q.available_from) return `${q.id} is available from ${new Date(q.available_from).toISOString()}`;
  if (q.available_until !== undefined && now >= q.available_until) return `${q.id} was available until ${new Date(q.available_until).toISOString()}`;
  const missing = (q.prerequisites || []).filter((id) => !doc.quests[id] || doc.quests[id].status !== 'COMPLETED');
  return missing.length > 0 ? `${q.id} needs ${missing.join(', ')} completed first` : null;
}

/**
 * Quests: definitions per game as data (validated at start) and added by admins at runtime; a player
 * starts one, match events advance its ordered steps through the requirement engine
 * (core/requirements.ts), and each step's and the quest's rewards land in the reward inbox, in the
 * same transaction as the progress. The time is the player's clock (core/clock.ts). docs/retention.md.
 */
export function createQuestsPlugin(files: { [gameId: string]: { file: string; list: QuestDefinition[] } }, games: GameRegistry): Plugin {
  const fileQuests = (game: GameDefinition) => (files[game.id] ? files[game.id].list : []);
  const custom = definitionList<QuestDefinition>({ name: 'quest_definitions', key: 'custom', cache: 'quest_definitions' }, games,
    (q, game, others) => validateQuests('stored quest', [q], game, fileQuests(game).concat(others)));
  const questsOf = (store: Store, game: GameDefinition) => fileQuests(game).concat(custom.read(store, game.id));
  const questsTarget = (gameId: string, userId: string) => documentAt(QUESTS, gameId, 'progress', userId);
  const readQuests = (store: Store, game: GameDefinition, userId: string) => readDocument(store, questsTarget(game.id, userId))!;
  const requireQuest = (store: Store, game: GameDefinition, id: string) => {
    const q = questsOf(store, game).filter((x) => x.id === id)[0];
    if (!q) throw runtimeError('NOT_FOUND', `${game.name} has no quest ${id}`);
    return q;
  };

  /** What a quest's reached rewards deliver to the inbox. */
  const deliveriesOf = (rewards: QuestReward[]): Delivery[] => rewards.map((r) => ({ source: r.step ? 'quest_step' : 'quest', source_id: r.step ? `${r.quest.id}/${r.step.id}` : r.quest.id, rewards: r.rewards }));

  /** A delivery's events (a tick's or a match end's): one transaction for every player whose quests they advance. */
  function onEvents(events: DomainEvent[], services: Services): void {
    const { game } = services;
    const quests = questsOf(services, game);
    if (quests.length === 0) return;
    const units: OnceUnit<OnceDocument>[] = [];
    for (const event of events) {
      if (!event.userId) continue;
      const now = playerNow(services.nk, event.userId);
      // Prefixed since the first release (the stored documents remember these ids).
      units.push(withInbox(questsTarget(game.id, event.userId), game.id, `quests:${event.id}`, now, (doc) => {
        let changed = false;
        const rewards: QuestReward[] = [];
        for (const q of quests) {
          const s = doc.quests[q.id];
          if (!s || s.status !== 'IN_PROGRESS') continue;
          const result = applyEvent(q, s, event.type, event.data, now);
          changed = changed || result.changed;
          rewards.push(...result.rewards);
        }
        return changed ? deliveriesOf(rewards) : null;
      }));
    }
    if (units.length > 0) applyOnceAll(services, units);
  }

  /** Change one player's quest by an RPC (start, abandon), once per call. */
  function changeQuest(call: RpcCall<any>, q: QuestDefinition, change: (doc: QuestsDocument, now: number) => void) {
    const { nk, game, userId } = call;
    const now = playerNow(nk, userId);
    applyOnce(call, [questsTarget(game.id, userId)], `quest:${nk.uuidv4()}`, ([doc]) => {
      change(doc, now);
      return { values: [doc], grants: [] };
    });
    const doc = readQuests(call, game, userId);
    return { quest: viewOf(q, doc.quests[q.id], doc, now) };
  }

  return {
    id: 'quests',
    games: games.games.map((g) => g.id),
    dependsOn: ['reward_inbox'],
    documents: [QUESTS, custom.kind],
    eventBatch: onEvents,
    validate: () => perGameProblems(games, files, (f) => f.file, (f, game) => validateQuests(f.file, f.list, game)),
    rpcs: [
      {
        id: 'quests_list',
        access: 'player',
        effect: 'read',
        description: "The game's quests with the caller's status and progress: available ones (startable now), active ones with each step's requirements, and finished ones with their history.",
        response: '{quests: [{id, name, description, type, difficulty, rewards, status: NOT_STARTED | IN_PROGRESS | COMPLETED | FAILED | EXPIRED, available, attempt, started_at, expires_at, completed_at, time_limit_seconds, prerequisites, steps: [{id, name, optional, rewards, active, completed, requirements: [{event, operator, threshold, timeframe_seconds, value, met}]}], history: [{status, at, reason?}]}]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const now = playerNow(call.nk, call.userId);
          const doc = readQuests(call, call.game, call.userId);
          return { quests: questsOf(call, call.game).map((q) => viewOf(q, doc.quests[q.id], doc, now)) };
        },
      },
      {
        id: 'quest_get_progress',
        access: 'player',
        effect: 'read',
        description: "One quest with the caller's status and progress.",
        response: '{quest: {...as quests_list}}',
        payload: { game_id: GAME_ID, quest_id: QUEST_ID },
        errors: { NOT_FOUND: 'the game has no such quest' },
        handle(call) {
          const q = requireQuest(call, call.game, call.payload.quest_id);
          const doc = readQuests(call, call.game, call.userId);
          return { quest: viewOf(q, doc.quests[q.id], doc, playerNow(call.nk, call.userId)) };
        },
      },
      {
        id: 'quest_start',
        access: 'player',
        effect: 'write',
        description: 'Start a quest (NOT_STARTED, FAILED or EXPIRED -> IN_PROGRESS): within its availability window, with its prerequisites completed; its time limit runs from now.',
        response: '{quest: {...as quests_list}}',
        payload: { game_id: GAME_ID, quest_id: QUEST_ID },
        errors: { NOT_FOUND: 'the game has no such quest', FAILED_PRECONDITION: 'in progress or completed already, outside its window, or prerequisites missing' },
        handle(call) {
          const q = requireQuest(call, call.game, call.payload.quest_id);
          return changeQuest(call, q, (doc, now) => {
            const s = doc.quests[q.id];
            const status = statusAt(s, now);
            if (status === 'IN_PROGRESS' || status === 'COMPLETED') throw runtimeError('FAILED_PRECONDITION', `${q.id} is ${status.toLowerCase()} already`);
            const problem = startProblem(q, doc, now);
            if (problem) throw runtimeError('FAILED_PRECONDITION', problem);
            if (s && s.status === 'IN_PROGRESS') transition(s, 'EXPIRED', now);
            doc.quests[q.id] = started(q, s, now);
          });
        },
      },
      {
        id: 'quest_abandon',
        access: 'player',
        effect: 'write',
        description: 'Give up a quest in progress (-> FAILED, reason abandoned). Rewards of steps done stay; it may be started again (steps done before pay no second time).',
        response: '{quest: {...as quests_list}}',
        payload: { game_id: GAME_ID, quest_id: QUEST_ID },
        errors: { NOT_FOUND: 'the game has no such quest', FAILED_PRECONDITION: 'the quest is not in progress' },
        handle(call) {
          const q = requireQuest(call, call.game, call.payload.quest_id);
          return changeQuest(call, q, (doc, now) => {
            const s = doc.quests[q.id];
            if (statusAt(s, now) !== 'IN_PROGRESS') throw runtimeError('FAILED_PRECONDITION', `${q.id} is not in progress`);
            transition(s, 'FAILED', now, 'abandoned');
          });
        },
      },
      {
        id: 'quests_create_definition',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Add a quest to the game at runtime (validated like the data files; docs/retention.md lists the fields). Cached per node for 30 s.',
        response: '{created: id}',
        payload: { game_id: GAME_ID, quest: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the quest breaks a rule (each problem named)' },
        handle(call) {
          const { game } = call;
          const quest = call.payload.quest as QuestDefinition;
          custom.update(call, game.id, (list) => {
            const problems = validateQuests('quest', [quest], game, fileQuests(game).concat(list));
            if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
            return list.concat([quest]);
          });
          return { created: quest.id };
        },
      },
    ],
  };
}
