import type { DomainEvent } from '../../core/events';
import { describe, type PluginHost } from '../../core/plugin-host';
import { deliveriesSignal, outboxKey, TAKE_MAX, WORKER_KEY, WORKER_TTL_S } from './outbox';

/** The worker's match module name. */
export const DELIVERY_WORKER = 'delivery';
const TICK_RATE = 5;
/** The worker lists the node's matches this often (ticks; Nakama indexes a new match within a second). */
const LIST_EVERY_TICKS = 5;
const LIST_LIMIT = 10000;
/**
 * Events a worker tick takes at most (up to TAKE_MAX from each match, the matches in turn from a
 * start that moves every tick, so a busy node serves every match).
 */
const EVENTS_PER_TICK = 1000;
/** After a failed delivery, the match's outbox is tried again this much later (ms). */
const RETRY_MS = 1000;

interface WorkerState {
  id: string;
  /** The node's match ids, as last listed. */
  matches: string[];
  listedAt: number;
  /** Match id -> the sequence number everything before which this worker applied. */
  confirmed: { [matchId: string]: number };
  /** Match id -> what the match was last told was applied (the next signal tells it the rest). */
  told: { [matchId: string]: number };
  /** Where in `matches` the next tick starts taking. */
  cursor: number;
  /** Match id -> no new try before this time (ms), after a failed delivery. */
  retryAt: { [matchId: string]: number };
}

/** What Nakama carries between calls: the worker's id (its state stays in its VM, as the game matches' do). */
interface WorkerToken { worker_id: string }

/** The live state of the worker this VM runs. A `let`: Nakama does not freeze it. */
let worker: WorkerState | null = null;

/**
 * The node's delivery worker: a match with no players that applies the game matches' plugin
 * deliveries on its own goroutine, so their ticks do no database work for plugins (matches/shared/outbox.ts
 * has the protocol). A game match creates it when none runs; a second one created in a race ends
 * at its first tick. A match whose worker stalls or is gone delivers its events itself.
 */
export function createDeliveryWorker(plugins: PluginHost): nkruntime.MatchHandler<WorkerToken> {
  function stateOf(token: WorkerToken): WorkerState {
    if (!worker || worker.id !== token.worker_id) throw new Error(`state of delivery worker ${token.worker_id} is not in this VM`);
    return worker;
  }

  /**
   * Tell each match with news what was applied and take what follows; then apply everything taken in
   * one plugin delivery, so the events of many matches of a game share their transactions. A match
   * hears of its events being applied on the worker's next tick.
   */
  function serve(nk: nkruntime.Nakama, logger: nkruntime.Logger, state: WorkerState) {
    const now = Date.now();
    const taken: { matchId: string; from: number; events: DomainEvent[] }[] = [];
    let count = 0;
    const listed = state.matches.length;
    for (let i = 0; i < listed && count < EVENTS_PER_TICK; i++) {
      const matchId = state.matches[(state.cursor + i) % listed];
      const next = nk.localcacheGet(outboxKey(matchId));
      const confirmed = state.confirmed[matchId] || 0;
      if (typeof next !== 'number' || (next <= confirmed && confirmed === state.told[matchId]) || (state.retryAt[matchId] || 0) > now) continue;
      let reply: Answer | null;
      try {
        reply = parseAnswer(nk.matchSignal(matchId, deliveriesSignal(confirmed)));
      } catch (error) {
        // The match ended between listing and signalling (its end delivered what was left), or is busy.
        logger.debug('delivery worker: match %s: %s', matchId, describe(error));
        delete state.confirmed[matchId];
        continue;
      }
      if (!reply) continue;
      // Past what this worker confirmed: the match took events back, or another worker confirmed them.
      state.confirmed[matchId] = state.told[matchId] = Math.max(confirmed, reply.from);
      if (reply.events.length === 0) continue;
      taken.push({ matchId, from: reply.from, events: reply.events });
      count += reply.events.length;
    }
    state.cursor = listed > 0 ? (state.cursor + 1) % listed : 0;
    if (count === 0) return;
    const events: DomainEvent[] = [];
    for (const take of taken) for (const event of take.events) events.push(event);
    const failed: { [eventId: string]: true } = {};
    for (const delivery of plugins.deliver(nk, logger, events, [], now)) failed[delivery.event.id] = true;
    for (const take of taken) {
      // A match with a failed event is not confirmed: served again later (what did apply is then skipped by its event id).
      if (take.events.some((event) => failed[event.id])) state.retryAt[take.matchId] = now + RETRY_MS;
      else state.confirmed[take.matchId] = take.from + take.events.length;
    }
  }

  return {
    matchInit(ctx, logger, nk) {
      const id = ctx.matchId || '';
      worker = { id, matches: [], listedAt: -LIST_EVERY_TICKS, confirmed: {}, told: {}, cursor: 0, retryAt: {} };
      nk.localcachePut(WORKER_KEY, id, WORKER_TTL_S);
      logger.info('delivery worker %s started', id);
      return { state: { worker_id: id }, tickRate: TICK_RATE, label: '' };
    },
    matchJoinAttempt(ctx, logger, nk, dispatcher, tick, token) {
      return { state: token, accept: false, rejectMessage: 'the delivery worker takes no players' };
    },
    matchJoin: (ctx, logger, nk, dispatcher, tick, token) => ({ state: token }),
    matchLeave: (ctx, logger, nk, dispatcher, tick, token) => ({ state: token }),
    matchLoop(ctx, logger, nk, dispatcher, tick, token) {
      const state = stateOf(token);
      const owner = nk.localcacheGet(WORKER_KEY);
      if (owner && owner !== state.id) {
        logger.info('delivery worker %s ends: %s runs on this node', state.id, owner);
        return null;
      }
      nk.localcachePut(WORKER_KEY, state.id, WORKER_TTL_S);
      if (tick - state.listedAt >= LIST_EVERY_TICKS) {
        state.listedAt = tick;
        state.matches = (nk.matchList(LIST_LIMIT, true, null, null, null, null) || []).map((m) => m.matchId).filter((id) => id !== state.id);
        state.confirmed = only(state.confirmed, state.matches);
        state.told = only(state.told, state.matches);
        state.retryAt = only(state.retryAt, state.matches);
      }
      serve(nk, logger, state);
      return { state: token };
    },
    matchTerminate(ctx, logger, nk, dispatcher, tick, token) {
      return { state: token };
    },
    matchSignal(ctx, logger, nk, dispatcher, tick, token) {
      return { state: token, data: '' };
    },
  };
}

/** The entries of `map` for the given ids (what the worker keeps of matches still listed). */
function only(map: { [matchId: string]: number }, ids: string[]): { [matchId: string]: number } {
  const kept: { [matchId: string]: number } = {};
  for (const id of ids) if (map[id] !== undefined) kept[id] = map[id];
  return kept;
}

interface Answer { from: number; events: DomainEvent[] }

/** A game match's answer ({from, events}), or null when it is not one (a match of another kind answers ''). */
function parseAnswer(data: string): Answer | null {
  if (!data) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  const reply = parsed as { from?: unknown; events?: unknown };
  if (!reply || typeof reply.from !== 'number' || !Array.isArray(reply.events) || reply.events.length > TAKE_MAX) return null;
  return { from: reply.from, events: reply.events as DomainEvent[] };
}

