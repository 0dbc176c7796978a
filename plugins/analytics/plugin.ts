import type { Store } from '../../core/documents';
import type { Grant } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import type { GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall } from '../../core/plugin';
import { subjectOf } from '../../core/rpc';
import { walletKey } from '../../core/scope';
import type { ExperimentsPlugin } from '../experiments/plugin';
import { catalogueProblems, clientEventProblem, type Catalogue } from './catalogue';
import { srmTest } from './srm';
import { cohortCounts, dailyCounts, deleteBefore, insertEvents, MIGRATIONS, userEvents, type EventRow } from './store';

/** Events only the server records: the matches' domain events, rewards and experiment exposures. */
export const SERVER_EVENTS = [
  'match_started', 'match_ended', 'match_completed', 'match_won', 'match_abandoned', 'answer_correct', 'answer_wrong', 'round_won',
  'kill', 'eliminated', 'squad_wiped', 'squad_wipe_solo', 'cheat_signal', 'reward_granted', 'experiment_exposure',
];

const GAME_ID = { type: 'uuid', required: true } as const;
const TIME = { type: 'integer', min: 0 } as const;
const EVENT_NAME = { type: 'string', maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ } as const;
const DAY_MS = 24 * 3600 * 1000;
/** A batch of 100 events with ids and a few properties each fits well within this. */
const MAX_BATCH_BYTES = 64 * 1024;

export interface AnalyticsPlugin extends Plugin {
  /** The first exposure of a player to an experiment (experiments call it before recording it on the player). */
  recordExposure(store: Store, gameId: string, experimentId: string, cohort: string, userId: string, now: number): void;
  /** After a wallet commit: one reward_granted event per player and grant. Never throws (a failure is logged and counted). */
  rewardsGranted(store: Store, grants: Grant[], results: nkruntime.WalletUpdateResult[]): void;
}

/**
 * Analytics (docs/live-ops-data.md): clients send events of their game's catalogue, the server
 * records what matches, rewards and experiments do, every row stamped with user, game, session,
 * server time and the player's experiment cohorts, in the module's own PostgreSQL table.
 */
export function createAnalyticsPlugin(games: GameRegistry, catalogues: { [gameId: string]: Catalogue }, experiments: ExperimentsPlugin): AnalyticsPlugin {
  const cohortsOf = (store: Store, gameId: string, userIds: string[], now: number) => experiments.exposedCohorts(store, gameId, userIds, now);

  function serverRows(store: Store, gameId: string, events: DomainEvent[], now: number): EventRow[] {
    const users = events.map((e) => e.userId).filter((u, i, all) => u !== '' && all.indexOf(u) === i);
    const cohorts = cohortsOf(store, gameId, users, now);
    return events.map((e) => ({
      gameId, userId: e.userId || null, sessionId: '', name: e.type, properties: { ...e.data, tick: e.tick }, serverTime: now, clientTime: null,
      matchId: e.matchId, experiments: e.userId ? cohorts[e.userId] : {}, source: 'server' as const, dedupeKey: e.id,
    }));
  }

  function collect(call: RpcCall<any>) {
    const { nk, game, userId, ctx } = call;
    const events = call.payload.events as unknown[];
    if (events.length === 0) throw runtimeError('INVALID_FIELD', 'events: 1-100 events');
    const now = Date.now();
    const catalogue = catalogues[game.id] || {};
    const refused: { index: number; reason: string }[] = [];
    const valid: { name: string; event_id?: string; client_time?: number; properties?: { [key: string]: unknown } }[] = [];
    events.forEach((e, index) => {
      const reason = clientEventProblem(e, catalogue, SERVER_EVENTS, game.name, now);
      if (reason) refused.push({ index, reason });
      else valid.push(e as (typeof valid)[number]);
    });
    if (valid.length === 0) throw runtimeError('INVALID_FIELD', `events: none is valid (${refused.slice(0, 3).map((r) => `[${r.index}] ${r.reason}`).join('; ')})`);
    const stamp = { session: ctx.sessionId || (ctx.userSessionExp ? `exp:${ctx.userSessionExp}` : ''), cohorts: cohortsOf(call, game.id, [userId], now)[userId] };
    const rows: EventRow[] = valid.map((e) => ({
      gameId: game.id, userId, sessionId: stamp.session, name: e.name, properties: e.properties || {}, serverTime: now,
      clientTime: e.client_time !== undefined ? e.client_time : null, matchId: null, experiments: stamp.cohorts, source: 'client',
      dedupeKey: `client:${userId}:${e.event_id || nk.uuidv4()}`,
    }));
    const accepted = insertEvents(nk, rows);
    return { accepted, duplicates: rows.length - accepted, refused };
  }

  function getUserEvents(call: RpcCall<any>) {
    const { payload, game, nk } = call;
    const of = subjectOf(call);
    const cursor = payload.cursor as string | undefined;
    if (cursor !== undefined && !/^[1-9][0-9]{0,17}$/.test(cursor)) throw runtimeError('INVALID_FIELD', 'cursor: not a cursor this call returned');
    const limit = (payload.limit as number) || 50;
    const events = userEvents(nk, { gameId: game.id, userId: of, name: payload.name, since: payload.since, until: payload.until, limit, beforeId: cursor ? Number(cursor) : undefined });
    return { events, cursor: events.length === limit ? events[events.length - 1].id : null };
  }

  function windowOf(payload: { since?: number; until?: number }, now: number, since: number) {
    const w = { since: payload.since !== undefined ? payload.since : since, until: payload.until !== undefined ? payload.until : now + 1 };
    if (w.until <= w.since) throw runtimeError('INVALID_FIELD', 'until: must be after since');
    return w;
  }

  function summary(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const w = windowOf(payload, now, now - 7 * DAY_MS);
    const days = dailyCounts(nk, game.id, w.since, w.until);
    if (!payload.experiment_id) return { since: w.since, until: w.until, days };
    requireExperiment(call, payload.experiment_id);
    return { since: w.since, until: w.until, days, cohorts: cohortCounts(nk, game.id, payload.experiment_id, w.since, w.until) };
  }

  function requireExperiment(call: RpcCall<any>, id: string) {
    const e = experiments.experiments(call, call.game.id).filter((x) => x.id === id)[0];
    if (!e) throw runtimeError('NOT_FOUND', `${call.game.name} has no experiment ${id}`);
    return e;
  }

  function report(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const e = requireExperiment(call, payload.experiment_id);
    const metric = (payload.metric as string) || 'match_completed';
    const w = windowOf(payload, now, e.starts_at);
    const exposed: { [cohort: string]: number } = {};
    for (const c of e.cohorts) exposed[c.id] = 0;
    for (const row of cohortCounts(nk, game.id, e.id, w.since, w.until, 'experiment_exposure')) if (row.cohort in exposed) exposed[row.cohort] = row.players;
    const counted: { [cohort: string]: { events: number; players: number } } = {};
    for (const row of cohortCounts(nk, game.id, e.id, w.since, w.until, metric)) counted[row.cohort] = { events: row.events, players: row.players };
    const total = e.cohorts.reduce((n, c) => n + exposed[c.id], 0);
    return {
      experiment_id: e.id, since: w.since, until: w.until, exposures: total,
      cohorts: e.cohorts.map((c) => {
        const m = counted[c.id] || { events: 0, players: 0 };
        return {
          cohort: c.id, weight: c.weight, exposed: exposed[c.id], expected: Math.round(c.weight * total * 100) / 100,
          metric: { name: metric, events: m.events, players: m.players, per_exposed_player: exposed[c.id] > 0 ? Math.round((m.events / exposed[c.id]) * 1e4) / 1e4 : null },
        };
      }),
      srm: srmTest(e.cohorts.map((c) => exposed[c.id]), e.cohorts.map((c) => c.weight)),
    };
  }

  return {
    id: 'analytics',
    games: games.games.map((g) => g.id),
    dependsOn: ['experiments'],
    migrations: MIGRATIONS,
    validate: () => Object.keys(catalogues).reduce((p: string[], id) => p.concat(games.find(id) ? catalogueProblems(catalogues[id], SERVER_EVENTS).map((x) => `catalogue of ${id}: ${x}`) : [`catalogue: no game ${id}`]), []),
    eventBatch(events, services) {
      insertEvents(services.nk, serverRows(services, services.game.id, events, Date.now()));
    },
    recordExposure(store, gameId, experimentId, cohort, userId, now) {
      insertEvents(store.nk, [{
        gameId, userId, sessionId: '', name: 'experiment_exposure', properties: { experiment_id: experimentId, cohort }, serverTime: now, clientTime: null,
        matchId: null, experiments: { [experimentId]: cohort }, source: 'server', dedupeKey: `exposure:${experimentId}:${userId}`,
      }]);
    },
    rewardsGranted(store, grants, results) {
      try {
        const now = Date.now();
        // The players' cohorts: one read per game of the grants, not one per grant.
        const cohorts: { [gameId: string]: { [userId: string]: { [experimentId: string]: string } } } = {};
        for (const gameId of grants.map((g) => g.gameId).filter((id, i, all) => all.indexOf(id) === i)) {
          cohorts[gameId] = cohortsOf(store, gameId, grants.filter((g) => g.gameId === gameId).map((g) => g.userId).filter((u, i, all) => all.indexOf(u) === i), now);
        }
        const rows: EventRow[] = grants.map((g) => {
          const r = results.filter((x) => x.userId === g.userId)[0];
          const currencies: { [currency: string]: number } = {};
          for (const c of Object.keys(g.rewards.currencies || {})) {
            const key = walletKey(g.gameId, c);
            currencies[c] = r ? (r.updated[key] || 0) - (r.previous[key] || 0) : (g.rewards.currencies || {})[c];
          }
          return {
            gameId: g.gameId, userId: g.userId, sessionId: '', name: 'reward_granted', properties: { reason: g.reason, source_id: g.sourceId, currencies, items: g.rewards.items || {} },
            serverTime: now, clientTime: null, matchId: null, experiments: cohorts[g.gameId][g.userId], source: 'server', dedupeKey: `reward:${g.reason}:${g.sourceId}:${g.userId}`,
          };
        });
        insertEvents(store.nk, rows);
      } catch (error) {
        store.logger.error('analytics: reward_granted events not recorded: %s', error instanceof Error ? error.message : String(error));
        store.nk.metricsCounterAdd('analytics_dropped', { name: 'reward_granted' }, grants.length);
      }
    },
    rpcs: [
      {
        id: 'analytics_collect_events',
        access: 'player',
        effect: 'write',
        maxPayloadBytes: MAX_BATCH_BYTES,
        description: "Store 1-100 events of the game's catalogue in one multi-row INSERT, stamped by the server (user, game, session, server time, the caller's experiment cohorts). Each event is checked on its own: invalid ones are refused with their index and reason, the valid ones are stored together (all or none); a batch with no valid event is refused. An event_id makes a retried event count once.",
        response: '{accepted, duplicates, refused: [{index, reason}]}',
        payload: { game_id: GAME_ID, events: { type: 'array', required: true, maxItems: 100 } },
        errors: { INVALID_FIELD: 'no events, or none of them valid (the first reasons named)' },
        handle: collect,
      },
      {
        id: 'analytics_get_user_events',
        access: 'any',
        effect: 'read',
        description: "The caller's own events (admins and the http key: any player's, by user_id), newest first, optionally of one name and within [since, until) (ms); cursor pages on.",
        response: '{events: [{id, name, user_id, session_id, properties, server_time, client_time, match_id, experiments, source}], cursor}',
        payload: { game_id: GAME_ID, user_id: { type: 'user' }, name: EVENT_NAME, since: TIME, until: TIME, limit: { type: 'integer', min: 1, max: 100 }, cursor: { type: 'string', maxLength: 20 } },
        errors: { INVALID_FIELD: "a player named another player's user_id" },
        handle: getUserEvents,
      },
      {
        id: 'analytics_summary',
        access: 'admin',
        effect: 'read',
        description: 'Events and distinct players per UTC day and event name within [since, until) (default: the last 7 days), and with experiment_id per cohort and event name.',
        response: '{since, until, days: [{day, name, events, players}], cohorts?: [{cohort, name, events, players}]}',
        payload: { game_id: GAME_ID, since: TIME, until: TIME, experiment_id: { type: 'string', maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ } },
        errors: { NOT_FOUND: 'no such experiment' },
        handle: summary,
      },
      {
        id: 'analytics_delete_older_than',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: "Retention: delete the game's events stored more than `days` days ago (docs/live-ops-data.md).",
        response: '{deleted, before}',
        payload: { game_id: GAME_ID, days: { type: 'integer', required: true, min: 1, max: 3650 } },
        handle(call) {
          const before = Date.now() - (call.payload.days as number) * DAY_MS;
          return { deleted: deleteBefore(call.nk, call.game.id, before), before };
        },
      },
      {
        id: 'experiment_report',
        access: 'admin',
        effect: 'read',
        description: "An experiment's exposures per cohort beside what its weights expect, the chi-square sample-ratio-mismatch test (mismatch: p below 0.001 with every expected count at least 5), and a metric per cohort: the events of one name (default match_completed) per exposed player, within [since, until) (default: since it started).",
        response: '{experiment_id, since, until, exposures, cohorts: [{cohort, weight, exposed, expected, metric: {name, events, players, per_exposed_player}}], srm: {chi_square, degrees_of_freedom, p_value, mismatch, valid}}',
        payload: { game_id: GAME_ID, experiment_id: { type: 'string', required: true, maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ }, metric: EVENT_NAME, since: TIME, until: TIME },
        errors: { NOT_FOUND: 'no such experiment' },
        handle: report,
      },
    ],
  };
}
