import { applyOnceAll, type OnceUnit } from '../../core/apply-once';
import { definitionList } from '../../core/definition-list';
import { playerNow } from '../../core/clock';
import { documentAt, type DocumentTarget, type Store } from '../../core/documents';
import type { Grant, Rewards } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import { describe } from '../../core/plugin-host';
import { perGameProblems, type GameDefinition, type GameRegistry } from '../../core/game-registry';
import type { Plugin, Services } from '../../core/plugin';
import { stepsOf, validateDefinitions, type AchievementDefinition } from './definitions';
import { ACHIEVEMENTS, addProgress, incrementsFor, stateOf, stepId, takeReached, type AchievementsDocument, type Applied, type Notice } from './engine';
import { claimPending, collectDue, inboxTarget, readWaiting, type InboxSource } from '../reward-inbox/inbox';

/** An achievement as a menu shows it (hidden ones keep their secret until unlocked). */
export interface AchievementView {
  id: string;
  name: string;
  description: string;
  category: string;
  rarity: string;
  points: number;
  hidden: boolean;
  kind: 'simple' | 'incremental' | 'tiered' | 'parent';
  progress: number;
  /** Progress needed for the last step. */
  target: number;
  /** The highest tier reached (tiered), else null. */
  tier: string | null;
  unlocked: boolean;
  unlocked_at: number | null;
  /** Rewards reached but not claimed yet (claim: manual; they wait in the reward inbox). */
  claimable: boolean;
  rewards: Rewards | null;
  tiers: { tier: string; target: number; rewards: Rewards; reached: boolean; claimed: boolean }[] | null;
  children: string[] | null;
}

/** Notification codes (persistent: players see them later too). */
export const NOTIFY_ACHIEVEMENT_UNLOCKED = 100;
export const NOTIFY_ACHIEVEMENT_TIER = 101;

export interface AchievementsPlugin extends Plugin {
  /** The player's achievements in the game, for menus. */
  list(store: Store, game: GameDefinition, userId: string): AchievementView[];
  /** The documents `list` reads (for a menu reading them ahead with others': core/documents.ts readAhead). */
  listReads(gameId: string, userId: string): DocumentTarget<unknown>[];
  /** Reached steps of manually claimed achievements, for the reward inbox (source `achievement`, source id `<id>` or `<id>/<tier>`). */
  inboxSource: InboxSource;
}

/** A change to one player's achievements, applied once per operation id (an event id, or one per RPC call). */
interface AchievementChange {
  userId: string;
  operationId: string;
  change: (doc: AchievementsDocument) => Applied;
}

const GAME_ID = { type: 'uuid', required: true } as const;
const ACHIEVEMENT_ID = { type: 'string', required: true, maxLength: 64, pattern: /^[a-z][a-z0-9_]*$/ } as const;

/**
 * Achievements: counts domain events per definition (simple, incremental, tiered, parents of
 * sub-achievements, hidden, with requirements), grants rewards exactly once per step through the
 * economy (auto, or on claim), and tells the player by notification. Definitions come from data files
 * and from admins at runtime (stored per game, validated the same way).
 */
export function createAchievementsPlugin(files: { [gameId: string]: { file: string; list: AchievementDefinition[] } }, games: GameRegistry): AchievementsPlugin {
  const progressTarget = (gameId: string, userId: string) => documentAt(ACHIEVEMENTS, gameId, 'progress', userId);
  const fileDefinitions = (game: GameDefinition) => (files[game.id] ? files[game.id].list : []);
  const custom = definitionList<AchievementDefinition>({ name: 'achievement_definitions', key: 'custom', cache: 'achievement_definitions' }, games,
    (d, game, others) => validateDefinitions('stored definition', [d], game, fileDefinitions(game).concat(others)));

  /** Data-file definitions, then those admins added at runtime (cached per node: core/cache.ts achievement_definitions). */
  const definitionsOf = (store: Store, game: GameDefinition) => fileDefinitions(game).concat(custom.read(store, game.id));
  const requireDefinition = (store: Store, game: GameDefinition, id: string) => {
    const d = definitionsOf(store, game).filter((x) => x.id === id)[0];
    if (!d) throw runtimeError('NOT_FOUND', `${game.name} has no achievement ${id}`);
    return d;
  };
  /** The player's achievements, and the step ids of theirs waiting in the reward inbox. */
  const readDoc = (store: Store, game: GameDefinition, userId: string) => readWaiting(store, game.id, progressTarget(game.id, userId), 'achievement');

  const inboxSource: InboxSource = (services, gameId, userId) => {
    const game = games.find(gameId);
    const manual = game ? definitionsOf(services, game).filter((d) => d.claim === 'manual') : [];
    if (manual.length === 0) return null;
    return {
      targets: [progressTarget(gameId, userId)],
      take: ([doc]) => ([] as ReturnType<typeof takeReached>).concat(...manual.map((d) => takeReached(doc as AchievementsDocument, d)))
        .map((step) => ({ source: 'achievement', source_id: step.stepId, rewards: step.rewards, expires_at: null })),
    };
  };

  /**
   * Apply each change to its player's achievements exactly once per operation id, all in one
   * transaction with the rewards they reach, then tell the players. Null where nothing was applied.
   */
  function apply(services: Pick<Services, 'nk' | 'logger' | 'economy'>, game: GameDefinition, changes: AchievementChange[]): (Applied | null)[] {
    const { nk, logger } = services;
    const outcomes: (Applied | null)[] = changes.map(() => null);
    const units = changes.map(({ userId, operationId, change }, i): OnceUnit<AchievementsDocument> => ({
      targets: [progressTarget(game.id, userId)],
      eventId: operationId,
      change: ([doc]) => {
        const result = (outcomes[i] = change(doc));
        if (!result.changed) return null;
        const grants: Grant[] = result.grants.map((g) => ({ userId, gameId: game.id, rewards: g.rewards, reason: `achievement:${g.stepId}`, sourceId: `${operationId}/${g.stepId}` }));
        return { values: [doc], grants };
      },
    }));
    const results = applyOnceAll(services, units).map((applied, i) => (applied ? outcomes[i] : null));
    // Committed: the notifications go in one write; one that fails is logged (the rewards are stored).
    const notifications = ([] as ReturnType<typeof notificationsOf>).concat(...results.map((result, i) => (result ? notificationsOf(game, changes[i].userId, result.notices) : [])));
    if (notifications.length > 0) {
      try {
        nk.notificationsSend(notifications);
      } catch (error) {
        logger.error('achievements: could not notify %s of %d achievements: %s', notifications.map((n) => n.userId).filter((u, i, all) => all.indexOf(u) === i).join(', '), notifications.length, describe(error));
      }
    }
    return results;
  }

  const update = (services: Pick<Services, 'nk' | 'logger' | 'economy'>, game: GameDefinition, userId: string, operationId: string, change: (doc: AchievementsDocument) => Applied) =>
    apply(services, game, [{ userId, operationId, change }])[0];

  /** What a player hears of their unlocks and tiers (persistent notifications). */
  function notificationsOf(game: GameDefinition, userId: string, notices: Notice[]) {
    return notices.map((n) => ({
      userId, persistent: true,
      subject: n.kind === 'unlocked' ? `Achievement unlocked: ${n.definition.name}` : `${n.definition.name}: ${n.tier} reached`,
      content: { game_id: game.id, achievement_id: n.definition.id, tier: n.tier, rewards: n.rewards, claimed: n.claimed },
      code: n.kind === 'unlocked' ? NOTIFY_ACHIEVEMENT_UNLOCKED : NOTIFY_ACHIEVEMENT_TIER,
    }));
  }

  /** A match delivery's events (a tick's, or a match end's): one transaction for all the players. */
  function onEvents(events: DomainEvent[], services: Services): void {
    const { logger, game } = services;
    const definitions = definitionsOf(services, game);
    const now = Date.now();
    const changes: AchievementChange[] = [];
    for (const event of events) {
      if (!event.userId) continue; // match-level events (match_ended) are about nobody in particular
      const increments = incrementsFor(definitions, event.type, event.data);
      if (Object.keys(increments).length > 0) changes.push({ userId: event.userId, operationId: event.id, change: (doc) => addProgress(doc, definitions, increments, now) });
    }
    if (changes.length === 0) return;
    apply(services, game, changes).forEach((result, i) => {
      for (const n of result ? result.notices : []) logger.info('achievement %s %s by %s (event %s)', n.definition.id, n.tier || 'unlocked', changes[i].userId, changes[i].operationId);
    });
  }

  function view(d: AchievementDefinition, { doc, waiting }: { doc: AchievementsDocument; waiting: string[] }): AchievementView {
    const state = stateOf(doc, d.id);
    const isWaiting = (i: number) => i >= state.claimed ? i < state.reached : waiting.indexOf(stepId(d, i)) >= 0;
    const steps = stepsOf(d);
    const unlocked = state.reached > 0;
    const kind = d.children ? 'parent' : d.tiers ? 'tiered' : steps[0].target > 1 ? 'incremental' : 'simple';
    const secret = !!d.hidden && !unlocked;
    return {
      id: d.id, name: secret ? 'Hidden achievement' : d.name, description: secret ? 'Keep playing to find out.' : d.description,
      category: d.category, rarity: d.rarity, points: d.points, hidden: !!d.hidden, kind,
      progress: secret ? 0 : state.progress, target: secret ? 0 : steps[steps.length - 1].target,
      tier: d.tiers && state.reached > 0 ? d.tiers[state.reached - 1].tier : null,
      unlocked, unlocked_at: state.unlocked_at || null, claimable: steps.some((_, i) => isWaiting(i)),
      rewards: secret || d.tiers ? null : d.rewards || {},
      tiers: secret || !d.tiers ? null : d.tiers.map((t, i) => ({ tier: t.tier, target: t.target, rewards: t.rewards, reached: state.reached > i, claimed: state.reached > i && !isWaiting(i) })),
      children: secret ? null : d.children || null,
    };
  }
  const list = (store: Store, game: GameDefinition, userId: string) => {
    const read = readDoc(store, game, userId);
    return definitionsOf(store, game).map((d) => view(d, read));
  };

  /** Add definitions at runtime (all or none), validated like the data files. */
  function create(store: Store, game: GameDefinition, definitions: AchievementDefinition[]): AchievementDefinition[] {
    custom.update(store, game.id, (list) => {
      const problems = validateDefinitions('definition', definitions, game, fileDefinitions(game).concat(list));
      if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
      return list.concat(definitions);
    });
    return definitions;
  }

  return {
    id: 'achievements',
    games: games.games.map((g) => g.id),
    eventBatch: onEvents,
    documents: [ACHIEVEMENTS, custom.kind],
    validate: () => perGameProblems(games, files, (f) => f.file, (f, game) => validateDefinitions(f.file, f.list, game)),
    list,
    listReads: (gameId, userId) => [progressTarget(gameId, userId), inboxTarget(gameId, userId)],
    inboxSource,
    rpcs: [
      {
        id: 'achievements_get_all',
        access: 'player',
        effect: 'read',
        description: "Every achievement of the game with the caller's progress, tiers and claimable rewards (hidden ones masked until unlocked).",
        response: '{achievements: [{id, name, description, category, rarity, points, hidden, kind, progress, target, tier, unlocked, unlocked_at, claimable, rewards, tiers, children}]}',
        payload: { game_id: GAME_ID },
        handle: (call) => ({ achievements: list(call, call.game, call.userId) }),
      },
      {
        id: 'achievements_get_by_category',
        access: 'player',
        effect: 'read',
        description: "The game's achievements of one category, with the caller's progress.",
        response: '{category, achievements: [...as achievements_get_all]}',
        payload: { game_id: GAME_ID, category: { type: 'string', required: true, maxLength: 64 } },
        handle: (call) => ({ category: call.payload.category as string, achievements: list(call, call.game, call.userId).filter((a) => a.category === call.payload.category) }),
      },
      {
        id: 'achievements_get_player_stats',
        access: 'player',
        effect: 'read',
        description: "The caller's totals in the game: unlocked out of all, points, completion, by category and rarity, and how many await a claim.",
        response: '{unlocked, total, points, total_points, completion_percent, claimable, by_category: {<category>: {unlocked, total}}, by_rarity: {<rarity>: {unlocked, total}}}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const views = list(call, call.game, call.userId);
          const tally = (key: (a: AchievementView) => string) => {
            const out: { [k: string]: { unlocked: number; total: number } } = {};
            for (const a of views) {
              const k = key(a);
              out[k] = out[k] || { unlocked: 0, total: 0 };
              out[k].total += 1;
              if (a.unlocked) out[k].unlocked += 1;
            }
            return out;
          };
          const unlocked = views.filter((a) => a.unlocked);
          return {
            unlocked: unlocked.length, total: views.length,
            points: unlocked.reduce((sum, a) => sum + a.points, 0), total_points: views.reduce((sum, a) => sum + a.points, 0),
            completion_percent: views.length ? Math.round((unlocked.length / views.length) * 100) : 0,
            claimable: views.filter((a) => a.claimable).length,
            by_category: tally((a) => a.category), by_rarity: tally((a) => a.rarity),
          };
        },
      },
      {
        id: 'achievements_claim',
        access: 'player',
        effect: 'write',
        description: "Claim the rewards of an achievement (or of its tiers) reached but not claimed yet, from the reward inbox where they wait (as reward_claim of each); each is granted exactly once.",
        response: '{achievement_id, claimed: [{tier, rewards}], achievement: {...as achievements_get_all}}',
        payload: { game_id: GAME_ID, achievement_id: ACHIEVEMENT_ID },
        errors: { NOT_FOUND: 'the game has no such achievement', FAILED_PRECONDITION: 'nothing reached is left to claim' },
        handle(call) {
          const { nk, game, userId, payload } = call;
          const d = requireDefinition(call, game, payload.achievement_id as string);
          const now = playerNow(nk, userId);
          collectDue(call, game.id, userId, now, [inboxSource]);
          const mine = (id: string) => id === d.id || id.indexOf(`${d.id}/`) === 0;
          const claimed = claimPending(call, game.id, userId, now, (pending) => pending.filter((r) => r.source === 'achievement' && mine(r.source_id)));
          if (claimed.length === 0) throw runtimeError('FAILED_PRECONDITION', `nothing to claim for ${d.id}`);
          return {
            achievement_id: d.id,
            claimed: claimed.map((r) => ({ tier: r.source_id.indexOf('/') >= 0 ? r.source_id.split('/')[1] : null, rewards: r.rewards })),
            achievement: view(d, readDoc(call, game, userId)),
          };
        },
      },
      {
        id: 'achievements_update_progress',
        access: 'admin',
        effect: 'write',
        description: 'Add progress to a player\'s achievement (support tools and trusted servers; match progress is derived by the server). Unlocks and auto-claimed rewards follow as from events. An operation_id makes retries safe: the same id applies once.',
        response: '{achievement: {...as achievements_get_all}, applied: boolean}',
        payload: {
          game_id: GAME_ID, user_id: { type: 'user', required: true }, achievement_id: ACHIEVEMENT_ID,
          increment: { type: 'integer', required: true, min: 1, max: 1000000 }, operation_id: { type: 'string', maxLength: 64 },
        },
        errors: { NOT_FOUND: 'no such achievement, or user_id names no player', FAILED_PRECONDITION: 'a parent achievement (it completes with its children)' },
        handle(call) {
          const { nk, game, payload } = call;
          const d = requireDefinition(call, game, payload.achievement_id as string);
          if (d.children) throw runtimeError('FAILED_PRECONDITION', `${d.id} completes with its children; update them instead`);
          const userId = payload.user_id as string;
          const operation = `progress:${(payload.operation_id as string) || nk.uuidv4()}`;
          const result = update(call, game, userId, operation, (doc) => addProgress(doc, definitionsOf(call, game), { [d.id]: payload.increment as number }, Date.now()));
          return { achievement: view(d, readDoc(call, game, userId)), applied: result !== null };
        },
      },
      {
        id: 'achievements_create_definition',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Add one achievement definition to the game at runtime (validated like the data files; see docs/achievements.md for the fields). Cached per node for 30 s.',
        response: '{created: [id]}',
        payload: { game_id: GAME_ID, definition: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the definition breaks a rule (each problem named)' },
        handle: (call) => ({ created: create(call, call.game, [call.payload.definition as AchievementDefinition]).map((d) => d.id) }),
      },
      {
        id: 'achievements_delete_definition',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Remove an achievement added at runtime (definitions from data files change with a deploy). Players keep what they were granted.',
        response: '{deleted: id}',
        payload: { game_id: GAME_ID, achievement_id: ACHIEVEMENT_ID },
        errors: { NOT_FOUND: 'no runtime achievement with that id', FAILED_PRECONDITION: 'other achievements depend on it' },
        handle(call) {
          const { game, payload } = call;
          const id = payload.achievement_id as string;
          custom.update(call, game.id, (list) => {
            if (!list.some((d) => d.id === id)) throw runtimeError('NOT_FOUND', `${game.name} has no runtime achievement ${id}`);
            const others = list.concat(fileDefinitions(game)).filter((d) => d.id !== id && ((d.children || []).indexOf(id) >= 0 || (d.requires || []).indexOf(id) >= 0));
            if (others.length > 0) throw runtimeError('FAILED_PRECONDITION', `${others.map((d) => d.id).join(', ')} depend on ${id}`);
            return list.filter((d) => d.id !== id);
          });
          return { deleted: id };
        },
      },
      {
        id: 'achievements_bulk_create',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Add several achievement definitions at once: all are created, or none when any is invalid (the error names each problem).',
        response: '{created: [id]}',
        payload: { game_id: GAME_ID, definitions: { type: 'array', required: true, maxItems: 100 } },
        errors: { INVALID_FIELD: 'a definition breaks a rule (each problem named; nothing is created)' },
        handle: (call) => ({ created: create(call, call.game, call.payload.definitions as AchievementDefinition[]).map((d) => d.id) }),
      },
    ],
  };
}
