import { applyOnce, ATTEMPTS, type Change, type OnceDocument } from '../../core/apply-once';
import { definitionList } from '../../core/definition-list';
import { readDocument, type Store } from '../../core/documents';
import { playerNow } from '../../core/clock';
import { claimPending, collectDue, readWaiting, type Delivery, type DueRewards, type InboxSource } from '../reward-inbox/inbox';
import type { Grant } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall, Services } from '../../core/plugin';
import { normaliseEvent, storedEventProblems, validateEvent, type LiveEventDefinition, type Mission } from './definitions';
import { addProgress, claimDue, completeMission, hasRewards, incrementsFor, isEmpty, mayContribute, shardOf, type ClaimState, type ProgressDocument, type ShardDocument, type Step } from './engine';
import { activeOccurrence, findOccurrence, lastEndedOccurrence, nextOccurrence, type Occurrence } from './schedule';
import { claimOnce, communityTotal, LEADERBOARD_PAGE, readCommunityTotal, leaderboardTop, ownRecord, progressTarget, rankOf, seenClaimed, shardTarget, STORE_DOCUMENTS, writePoints } from './store';
import { eventView, progressView } from './views';

/** Notification codes (docs/live-events.md); all persistent. */
export const NOTIFY_EVENT_STARTED = 200;
export const NOTIFY_EVENT_ENDED = 201;
export const NOTIFY_MISSION_COMPLETED = 202;
export const NOTIFY_COMMUNITY_GOAL_REACHED = 203;

export interface LiveEventsPlugin extends Plugin {
  /** The product of the XP multipliers of the game's events running at `now` (1 when none). */
  xpMultiplier(store: Store, game: GameDefinition | string, now: number): number;
  /** Community goal and rank rewards owed, for the reward inbox. */
  inboxSource: InboxSource;
}

/** Ended events stay (claims, leaderboards, progress) this long, then leave the list when events are created. */
const RETENTION_MS = 30 * 24 * 3600 * 1000;
/** A hot community shard may need more tries than applyOnce's default (ATTEMPTS): this many times as many. */
const ROUNDS = 6;
const GAME_ID = { type: 'uuid', required: true } as const;
const EVENT_ID = { type: 'string', required: true, maxLength: 64, pattern: /^[a-z][a-z0-9_]*$/ } as const;
const OCCURRENCE_ID = { type: 'string', maxLength: 80, pattern: /^[a-z][a-z0-9_]*(@[0-9]{1,15})?$/ } as const;

type Done = { doc: ProgressDocument; completed: Mission[] };

/**
 * Live events: time-limited (optionally recurring) events per game with missions counted from
 * match events, XP multipliers, a sharded community goal, a leaderboard with rank rewards, and
 * announcements sent when the plugin first sees activity after a start or an end.
 */
export function createLiveEventsPlugin(games: GameRegistry): LiveEventsPlugin {
  /** The game's events (running, upcoming and recently ended), cached per node (core/cache.ts live_event_definitions). */
  const definitions = definitionList<LiveEventDefinition>({ name: 'live_event_definitions', collection: 'live_events', key: 'definitions', cache: 'live_event_definitions' }, games, storedEventProblems);
  const readDefinitions = definitions.read;

  /** Announce, exactly once each, the start of running occurrences and the end of the last ended ones. */
  function announce(nk: nkruntime.Nakama, game: GameDefinition, events: LiveEventDefinition[], now: number): void {
    for (const e of events) {
      const running = activeOccurrence(e, now);
      if (running && claimOnce(nk, game.id, `${running.id}/announced/start`, now)) broadcast(nk, game, running, `${e.name} has started`, NOTIFY_EVENT_STARTED);
      const ended = lastEndedOccurrence(e, now);
      if (ended && ended.ends_at > e.created_at && claimOnce(nk, game.id, `${ended.id}/announced/end`, now)) broadcast(nk, game, ended, `${e.name} has ended`, NOTIFY_EVENT_ENDED);
    }
  }

  function broadcast(nk: nkruntime.Nakama, game: GameDefinition, o: Occurrence, subject: string, code: number): void {
    nk.notificationSendAll(subject, { game_id: game.id, event_id: o.event.id, occurrence_id: o.id, name: o.event.name, starts_at: o.starts_at, ends_at: o.ends_at, xp_multiplier: o.event.xp_multiplier }, code, true);
  }

  /** Once the community counter reaches its target, tell everyone (once). */
  function checkGoal(store: Store, game: GameDefinition, o: Occurrence): void {
    const { nk } = store;
    const goal = o.event.community_goal;
    const key = `${o.id}/announced/goal`;
    if (!goal || seenClaimed(nk, game.id, key)) return;
    const total = readCommunityTotal(store, game.id, o.id);
    if (total >= goal.target && claimOnce(nk, game.id, key, Date.now())) {
      nk.notificationSendAll(`Community goal reached: ${o.event.name}`, { game_id: game.id, event_id: o.event.id, occurrence_id: o.id, total, target: goal.target, rewards: goal.rewards }, NOTIFY_COMMUNITY_GOAL_REACHED, true);
    }
  }

  /** applyOnce with more tries on version conflicts: a hot community shard has many writers. */
  function applyRetrying(services: Pick<Services, 'nk' | 'logger' | 'economy'>, targets: ReturnType<typeof progressTarget | typeof shardTarget>[], operationId: string, change: (docs: OnceDocument[]) => Change<OnceDocument> | null) {
    return applyOnce<OnceDocument>(services, targets, operationId, change, ATTEMPTS * ROUNDS);
  }

  /**
   * Change a player's progress in an occurrence exactly once per `operationId`: the progress, the
   * community shard (when `community`: the change may contribute) and the mission rewards are one
   * transaction. Afterwards: notifications, the leaderboard record, the community goal check.
   * Returns null when nothing changed.
   */
  function update(services: Pick<Services, 'nk' | 'logger' | 'economy'>, game: GameDefinition, o: Occurrence, userId: string, operationId: string, community: boolean,
    change: (doc: ProgressDocument) => Step): Done | null {
    const { nk } = services;
    const targets: ReturnType<typeof progressTarget | typeof shardTarget>[] = [progressTarget(game.id, o.id, userId)];
    if (community) targets.push(shardTarget(game.id, o.id, shardOf(userId)));
    let done = null as Done | null; // "as": assigned in a closure, so not narrowed to null
    let seen = false;
    const applied = applyRetrying(services, targets, operationId, (docs) => {
      seen = true;
      const doc = docs[0] as ProgressDocument;
      const result = change(doc);
      done = result.changed ? { doc, completed: result.completed } : null;
      if (!result.changed) return null;
      const values: OnceDocument[] = [doc];
      if (community) values.push({ count: (docs[1] as ShardDocument).count + result.contributed, processed: [] } as ShardDocument);
      const grants: Grant[] = result.completed.filter((m) => hasRewards(m.rewards)).map((m) => ({
        userId, gameId: game.id, rewards: m.rewards, reason: `event:${o.event.id}:${m.id}`, sourceId: `${operationId}/${o.id}/${m.id}`,
      }));
      return { values, grants };
    });
    if (!applied && !seen) {
      // Applied before (a redelivery, or a retry after a failure past the commit): redo the idempotent follow-ups.
      writePoints(nk, game.id, o, userId, readProgress(services, game, o, userId).points);
      if (community) checkGoal(services, game, o);
      return null;
    }
    const result = done as Done | null;
    if (!applied || !result) return null;
    for (const m of result.completed) {
      const content = { game_id: game.id, event_id: o.event.id, occurrence_id: o.id, mission_id: m.id, points: m.points, rewards: m.rewards };
      nk.notificationSend(userId, `Mission complete: ${m.name}`, content, NOTIFY_MISSION_COMPLETED, null, true);
    }
    if (result.completed.length > 0) writePoints(nk, game.id, o, userId, result.doc.points);
    if (community) checkGoal(services, game, o);
    return result;
  }

  function onEvent(event: DomainEvent, services: Services): void {
    const { nk, logger, game } = services;
    const now = Date.now();
    const events = readDefinitions(services, game.id);
    announce(nk, game, events, now);
    if (!event.userId) return; // match-level events (match_ended) are about nobody in particular
    for (const e of events) {
      const o = activeOccurrence(e, now);
      if (!o) continue;
      const inc = incrementsFor(e, event.type, event.data);
      if (isEmpty(inc)) continue;
      const done = update(services, game, o, event.userId, event.id, mayContribute(e, inc), (doc) => addProgress(doc, e, inc, now));
      for (const m of done ? done.completed : []) logger.info('live event %s: mission %s completed by %s (event %s)', o.id, m.id, event.userId, event.id);
    }
  }

  /** The game's events after announcing what is due (every RPC counts as activity). */
  function activity(store: Store, game: GameDefinition, now: number): LiveEventDefinition[] {
    const events = readDefinitions(store, game.id);
    announce(store.nk, game, events, now);
    return events;
  }

  function requireOccurrence(events: LiveEventDefinition[], game: GameDefinition, id: string, now: number): Occurrence {
    const o = findOccurrence(events, id, now);
    if (!o) throw runtimeError('NOT_FOUND', `${game.name} has no live event ${id} running or ended`);
    return o;
  }

  const readProgress = (store: Store, game: GameDefinition, o: Occurrence, userId: string) => readDocument(store, progressTarget(game.id, o.id, userId))!;
  const totalOf = (store: Store, game: GameDefinition, o: Occurrence) => (o.event.community_goal ? communityTotal(store, game.id, o.id) : 0);
  const viewProgress = (store: Store, game: GameDefinition, o: Occurrence, userId: string, now: number) => {
    const { doc, waiting } = readWaiting(store, game.id, progressTarget(game.id, o.id, userId), 'event');
    const kinds = waiting.filter((id) => id.indexOf(`${o.id}:`) === 0).map((id) => id.slice(o.id.length + 1));
    return progressView(o, doc, now, totalOf(store, game, o), rankOf(store.nk, game.id, o, userId), kinds);
  };

  /**
   * What the occurrences owe the player now (the community goal's rewards once reached, the rank
   * reward once ended), for the reward inbox: source `event`, source id `<occurrence>:<kind>`,
   * claimable while the ended event is kept. Their progress documents are read with the inbox's.
   */
  function dueIn(store: Store, game: GameDefinition, occurrences: Occurrence[], userId: string, now: number): DueRewards | null {
    if (occurrences.length === 0) return null;
    return {
      targets: occurrences.map((o) => progressTarget(game.id, o.id, userId)),
      take: (stored) => ([] as Delivery[]).concat(...occurrences.map((o, i) => owed(store, game, o, stored[i] as ProgressDocument, userId, now))),
    };
  }

  /** What one occurrence owes, marked claimed in its progress document (in place). */
  function owed(store: Store, game: GameDefinition, o: Occurrence, doc: ProgressDocument, userId: string, now: number): Delivery[] {
    const ended = o.ends_at <= now;
    const rankOwed = ended && doc.points > 0 && !doc.rank_claimed;
    if (!rankOwed && !(doc.contributions > 0 && !doc.community_claimed)) return [];
    // Repairs a record a crash may have left behind (best of the same total: a no-op otherwise).
    if (rankOwed) writePoints(store.nk, game.id, o, userId, doc.points);
    const goal = o.event.community_goal;
    const state: ClaimState = { ended, goalReached: !!goal && !doc.community_claimed && communityTotal(store, game.id, o.id) >= goal.target, rank: rankOwed ? rankOf(store.nk, game.id, o, userId) : 0 };
    return claimDue(doc, o.event, state).map((d) => ({ source: 'event', source_id: `${o.id}:${d.kind}`, rewards: d.rewards, expires_at: o.ends_at + RETENTION_MS }));
  }

  /** The running and the last ended occurrence of each of the game's events (ended ones while they are kept). */
  const recentOccurrences = (events: LiveEventDefinition[], now: number) =>
    ([] as (Occurrence | null)[]).concat(...events.map((e) => [activeOccurrence(e, now), lastEndedOccurrence(e, now)])).filter((o): o is Occurrence => o !== null && now < o.ends_at + RETENTION_MS);

  const inboxSource: InboxSource = (services, gameId, userId, now) => {
    const game = games.find(gameId);
    return game ? dueIn(services, game, recentOccurrences(readDefinitions(services, gameId), now), userId, now) : null;
  };

  /** Claim what an occurrence owes the caller, from the reward inbox after moving it in; FAILED_PRECONDITION when nothing is due. */
  function claim(call: RpcCall<any>, o: Occurrence) {
    const { nk, game, userId } = call;
    const now = playerNow(nk, userId);
    collectDue(call, game.id, userId, now, [() => dueIn(call, game, [o], userId, now)]);
    const claimed = claimPending(call, game.id, userId, now, (pending) => pending.filter((r) => r.source === 'event' && r.source_id.indexOf(`${o.id}:`) === 0));
    if (claimed.length === 0) throw runtimeError('FAILED_PRECONDITION', `nothing to claim in ${o.id}`);
    const rank = rankOf(nk, game.id, o, userId);
    return {
      event_id: o.event.id, occurrence_id: o.id,
      claimed: claimed.map((r) => ({ kind: r.source_id.slice(o.id.length + 1), rewards: r.rewards })).map((c) => (c.kind === 'rank' ? { ...c, rank } : c)),
    };
  }

  function create(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const input = payload.event as LiveEventDefinition;
    let created = null as LiveEventDefinition | null; // "as": assigned in a closure, so not narrowed to null
    const list = definitions.update(call, game.id, (current) => {
      const kept = current.filter((e) => e.ends_at > now - RETENTION_MS);
      const problems = validateEvent(input, game, kept.map((e) => e.id), now);
      if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
      created = normaliseEvent(input, now);
      return kept.concat(created);
    });
    announce(nk, game, list, now);
    const event = created as unknown as LiveEventDefinition;
    const o = activeOccurrence(event, now) || nextOccurrence(event, now);
    return { event, occurrence: o ? eventView(o, now, 0) : null };
  }

  function end(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const id = payload.event_id as string;
    const list = definitions.update(call, game.id, (current) => {
      const e = current.filter((x) => x.id === id)[0];
      if (!e) throw runtimeError('NOT_FOUND', `${game.name} has no live event ${id}`);
      if (e.ends_at <= now) throw runtimeError('FAILED_PRECONDITION', `${id} has ended already`);
      return current.map((x) => (x.id === id ? { ...x, ends_at: now, starts_at: Math.min(x.starts_at, now) } : x));
    });
    announce(nk, game, list, now);
    const ended = lastEndedOccurrence(list.filter((e) => e.id === id)[0], now);
    return { event_id: id, ended_at: now, occurrence_id: ended ? ended.id : null };
  }

  function completeForPlayer(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const o = requireOccurrence(activity(call, game, now), game, payload.event_id as string, now);
    if (!(o.starts_at <= now && now < o.ends_at)) throw runtimeError('FAILED_PRECONDITION', `${o.id} is not running`);
    const mission = o.event.missions.filter((m) => m.id === payload.mission_id)[0];
    if (!mission) throw runtimeError('NOT_FOUND', `${o.event.id} has no mission ${payload.mission_id}`);
    const userId = payload.user_id as string;
    try {
      nk.accountGetId(userId);
    } catch (error) {
      throw runtimeError('NOT_FOUND', `no user ${userId}`);
    }
    const operation = `complete:${(payload.operation_id as string) || nk.uuidv4()}`;
    const contributes = mayContribute(o.event, { missions: { [mission.id]: 1 }, community: 0 });
    const done = update(call, game, o, userId, operation, contributes, (doc) => completeMission(doc, o.event, mission, now));
    return { applied: done !== null, progress: viewProgress(call, game, o, userId, now) };
  }

  function xpMultiplier(store: Store, game: GameDefinition | string, now: number): number {
    const gameId = typeof game === 'string' ? game : game.id;
    let product = 1;
    for (const e of readDefinitions(store, gameId)) if (activeOccurrence(e, now)) product *= e.xp_multiplier;
    return Math.round(product * 1000) / 1000;
  }

  return {
    id: 'live_events',
    games: games.games.map((g) => g.id),
    events: { '*': onEvent },
    documents: [...STORE_DOCUMENTS, definitions.kind],
    xpMultiplier,
    inboxSource,
    rpcs: [
      {
        id: 'event_get_active_events',
        access: 'player',
        effect: 'read',
        description: "The game's live events running now (missions, XP multiplier, community goal with its total, rank rewards) and the next occurrence of the others.",
        response: '{xp_multiplier, events: [{event_id, occurrence_id, name, description, starts_at, ends_at, active, xp_multiplier, missions: [{id, name, target, points, rewards}], community_goal: {target, total, reached, rewards} | null, rank_rewards}], upcoming: [...same]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const { game } = call;
          const now = Date.now();
          const events = activity(call, game, now);
          const running = events.map((e) => activeOccurrence(e, now)).filter((o): o is Occurrence => o !== null);
          const upcoming = events.filter((e) => !activeOccurrence(e, now)).map((e) => nextOccurrence(e, now)).filter((o): o is Occurrence => o !== null);
          return {
            xp_multiplier: xpMultiplier(call, game, now),
            events: running.map((o) => eventView(o, now, totalOf(call, game, o))),
            upcoming: upcoming.sort((a, b) => a.starts_at - b.starts_at).map((o) => eventView(o, now, 0)),
          };
        },
      },
      {
        id: 'event_get_player_progress',
        access: 'player',
        effect: 'read',
        description: "The caller's progress in one live event (event_id: an event id for its running or last occurrence, or an occurrence id `<event>@<start ms>`), or in every running event: missions, points, rank, community contribution and what is claimable.",
        response: '{progress: [{event_id, occurrence_id, active, ends_at, missions: [{id, name, progress, target, completed, completed_at}], points, rank, community: {contributions, total, target, reached, claimed} | null, claimable: [kind]}]}',
        payload: { game_id: GAME_ID, event_id: OCCURRENCE_ID },
        errors: { NOT_FOUND: 'no such event (or occurrence)' },
        handle(call) {
          const { game, userId, payload } = call;
          const now = Date.now();
          const events = activity(call, game, now);
          const occurrences = payload.event_id
            ? [requireOccurrence(events, game, payload.event_id as string, now)]
            : events.map((e) => activeOccurrence(e, now)).filter((o): o is Occurrence => o !== null);
          return { progress: occurrences.map((o) => viewProgress(call, game, o, userId, now)) };
        },
      },
      {
        id: 'event_claim_rewards',
        access: 'player',
        effect: 'write',
        description: "Claim the live event rewards due to the caller, from the reward inbox where they wait (source `event`, as reward_claim of each): the community goal's once it is reached (contributors only) and the rank reward once the occurrence has ended. Each is granted exactly once.",
        response: '{event_id, occurrence_id, claimed: [{kind: community_goal | rank, rewards, rank?}]}',
        payload: { game_id: GAME_ID, event_id: { ...OCCURRENCE_ID, required: true } },
        errors: { NOT_FOUND: 'no such event (or occurrence)', FAILED_PRECONDITION: 'nothing is due yet' },
        handle(call) {
          const now = Date.now();
          return claim(call, requireOccurrence(activity(call, call.game, now), call.game, call.payload.event_id as string, now));
        },
      },
      {
        id: 'event_get_leaderboard',
        access: 'player',
        effect: 'read',
        description: "The top of a live event occurrence's leaderboard (points from completed missions) and the caller's own rank. The top is cached per node for 2 s (a score written on another node may show that much later); the caller's rank is read fresh.",
        response: '{event_id, occurrence_id, active, ends_at, records: [{rank, user_id, username, points}], me: {rank, points} | null}',
        payload: { game_id: GAME_ID, event_id: { ...OCCURRENCE_ID, required: true }, limit: { type: 'integer', min: 1, max: LEADERBOARD_PAGE } },
        errors: { NOT_FOUND: 'no such event (or occurrence)' },
        handle(call) {
          const { nk, game, userId, payload } = call;
          const now = Date.now();
          const o = requireOccurrence(activity(call, game, now), game, payload.event_id as string, now);
          return {
            event_id: o.event.id, occurrence_id: o.id, active: o.starts_at <= now && now < o.ends_at, ends_at: o.ends_at,
            records: leaderboardTop(nk, game.id, o).slice(0, (payload.limit as number) || 10),
            me: ownRecord(nk, game.id, o, userId),
          };
        },
      },
      {
        id: 'event_create',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Create a live event for the game (see docs/live-events.md for the fields; every problem names its field). One starting now is announced at once.',
        response: '{event: {...the stored definition}, occurrence: {...as event_get_active_events} | null}',
        payload: { game_id: GAME_ID, event: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the event breaks a rule (each problem named)' },
        handle: create,
      },
      {
        id: 'event_end',
        access: 'admin',
        effect: 'write',
        description: 'End a live event now (its ends_at becomes now); the end of a running occurrence is announced at once. Claims stay open.',
        response: '{event_id, ended_at, occurrence_id}',
        payload: { game_id: GAME_ID, event_id: EVENT_ID },
        errors: { NOT_FOUND: 'no such event', FAILED_PRECONDITION: 'it has ended already' },
        handle: end,
      },
      {
        id: 'event_complete_mission',
        access: 'admin',
        effect: 'write',
        description: "Complete a mission of a running live event for a player (support tools, trusted servers), with its rewards and points, exactly once: an operation_id makes retries safe, and a completed mission stays completed.",
        response: '{applied: boolean, progress: {...as event_get_player_progress}}',
        payload: {
          game_id: GAME_ID, user_id: { type: 'user', required: true }, event_id: { ...OCCURRENCE_ID, required: true },
          mission_id: { type: 'string', required: true, maxLength: 64, pattern: /^[a-z][a-z0-9_]*$/ }, operation_id: { type: 'string', maxLength: 64 },
        },
        errors: { NOT_FOUND: 'no such event, occurrence, mission or user', FAILED_PRECONDITION: 'the occurrence is not running' },
        handle: completeForPlayer,
      },
    ],
  };
}
