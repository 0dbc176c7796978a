import { canonicalJson } from '../../core/canonical-json';
import type { DomainEvent } from '../../core/events';
import type { GameRegistry } from '../../core/game-registry';
import { recordPlayers, recordTick } from '../../core/metrics';
import { describe, MAX_UNAVAILABLE_MS, type PendingDelivery, type PluginHost } from '../../core/plugin-host';
import { safely } from '../../core/rpc';
import { decodeMessage, encodeMessage } from './codec';
import type { GameRules, MatchInput, Outgoing } from './game-rules';
import { DELIVERY_WORKER } from './delivery-worker';
import { createInputLog, logInput } from './input-log';
import { parseMatchParams } from './match-params';
import { writeRecord, type MatchRecordHead, type RecordChunk } from './match-record';
import { answer, DELIVERIES_SIGNAL, emptyOutbox, handOff, HANDOFF_TIMEOUT_MS, outboxKey, overdue, takeBack, workerRuns, type Outbox } from './outbox';
import { createRng, seedRng, type Rng } from './rng';

/** What the adapter keeps between handler calls (kept in the match's VM: see MatchToken). */
export interface AdapterState<S> {
  /** The rules' state. */
  game: S;
  /** The match's generator, seeded once and handed to every step (one object: recreating it per step cost Goja more than some rules). */
  rng: Rng;
  /**
   * Who is in the match now: user id -> a one-element list holding the presence Nakama gave
   * matchJoin. Why that object: Nakama backs it with a Go map, which broadcastMessage takes as it
   * is; a presence copied into a JavaScript object is converted field by field on every send. Why a
   * list: most messages go to one player, and theirs is then passed as it is, with no array made per
   * message.
   */
  presences: { [userId: string]: [nkruntime.Presence] };
  /** Plugin deliveries that failed, retried on the next ticks. */
  pending: PendingDelivery[];
  /** Mid-match events not delivered yet (see DELIVERY_WINDOW_MS), and the tick the oldest happened at. */
  queued: DomainEvent[];
  queuedSince: number;
  /** Due events handed to the node's delivery worker and not confirmed yet (matches/shared/outbox.ts). */
  outbox: Outbox;
  /** Messages per user in the current one-second window, and the window's first tick. */
  sent: { [userId: string]: number };
  windowStart: number;
  /** The label last set, to update it only on change. */
  label: string;
  /** Record head fields known at creation; `chunks` counts the chunks already stored. */
  record: Omit<MatchRecordHead, 'ending' | 'end_tick' | 'settled_tick' | 'final_state_hash' | 'loop_ms'>;
  /** User id -> index in record.players: the input log names players by index (smaller records). */
  playerIndex: { [userId: string]: number };
  /** The record chunk being filled (flushed to storage when big or old). */
  chunk: RecordChunk;
  /** Tick the current chunk started at. */
  chunkStart: number;
  /** First tick the rules reported the match over (null while it runs). */
  overTick: number | null;
  /** After a failed record write: no new try before this time (ms; 0: none failed). */
  recordRetryAt: number;
  /** The first of the record writes failing in a row (ms; 0: the last one succeeded). */
  recordFailedSince: number;
  /**
   * Wall-clock cost of the ticks (ms, Date.now resolution: the mean over many ticks is what counts):
   * a tick is its matchLoop call and the joins and leaves handled since the previous one
   * (`betweenMs`, all on the match's goroutine), counted per ms in `histogram` (the last bin: that
   * much or more); and of plugin deliveries with the number of events they handled (`tickDeliverMs`:
   * in the tick being timed; `maxDeliverMs`: in the longest); endDeliverMs: the delivery of the
   * step that ended the match; handed: the events handed to the delivery worker instead.
   */
  loop: { ticks: number; totalMs: number; maxMs: number; maxTick: number; maxDeliverMs: number; betweenMs: number; tickDeliverMs: number; histogram: number[]; deliverMs: number; events: number; endDeliverMs: number; handed: number };
  /** Messages of the match's end held back until its deliveries are all applied (a player hears the result once its rewards are stored). */
  held: Outgoing[];
  /**
   * Plugin delivery time left in `tick` (ms): each tick may spend `budgetMs` on deliveries, what does
   * not fit waits for the next; `windowTicks`: how long mid-match events wait to be delivered together;
   * `worker`: whether due events are handed to the node's delivery worker (see deliverySettings).
   */
  delivery: { tick: number; leftMs: number; budgetMs: number; windowTicks: number; worker: boolean };
}

/**
 * What Nakama carries between handler calls: only the match id. The live AdapterState stays in this
 * match's VM. Why that is safe and worth it: Nakama gives every authoritative match a VM of its own
 * and calls its handlers one at a time (server/runtime_javascript_match_core.go), so a module-level
 * binding in that VM is private to the match; and handing Nakama the whole state converts it to Go
 * values and back on every call, which for a 100-player battle royale cost more than the game's
 * rules themselves (see bench/match-ticks.ts). The rules' state is still plain JSON: records and
 * replays hash it, and a replay reproduces it from the input log.
 */
export interface MatchToken { match_id: string }

/** An empty record chunk. */
function newChunk(): RecordChunk {
  return { entries: [], inputs: createInputLog(), events: [] };
}

/** The data of a message sent without a payload (Nakama hands none): refused as not msgpack, like any other. */
const NO_PAYLOAD = new ArrayBuffer(0);

/** The live state of the match this VM runs (see MatchToken). A `let`: Nakama does not freeze it. */
let live: AdapterState<unknown> | null = null;

/**
 * A chunk is flushed once it holds this many log items or spans this many seconds. Each flush is a
 * storage write inside a tick (about 5-10 ms on the bench machine), so a busy match flushes on the
 * time limit: 100 players sending every tick fill 10 s with about 10,000 items (about 230 KB of
 * base64). With 2048 items it flushed every 2 s, which cost its ticks 0.23 ms each on average.
 */
const CHUNK_ITEMS = 16384;
const CHUNK_SECONDS = 10;
/** A record write that failed (the database unreachable, say) is tried again this much later. */
const RECORD_RETRY_MS = 1000;
/**
 * The share of a tick plugin deliveries may take (30 ms of a 100 ms tick at 10 Hz): a match end's
 * deliveries for 100 players take a few hundred ms, so they are spread over as many ticks as they
 * need, and the match ends when all are applied (the record's settled_tick). The runtime env
 * LIVE_GAMES_DELIVERY_BUDGET_MS sets it in ms (0: one plugin call per tick, as tests use it).
 */
const DELIVERY_BUDGET_SHARE = 0.3;
/**
 * Mid-match events wait up to this long (from the oldest) and are then delivered together: each
 * plugin applies them in one transaction per batch instead of one per tick that had any. A duel's
 * two answers to a question mostly fall within it, so they cost one storage round trip per plugin,
 * not two. A match end delivers everything at once, and its result is heard only after. The
 * runtime env LIVE_GAMES_DELIVERY_WINDOW_MS sets it (0: every tick's events at once).
 */
const DELIVERY_WINDOW_MS = 2000;
/** Tick times are counted per ms up to this (the histogram's last bin holds the longer ones). */
const HISTOGRAM_MS = 1000;

/** A delivery the budget deferred (not one that failed). */
const isDeferred = (d: PendingDelivery) => d.failures === 0;

/** The tick time (ms) that `q` (0-1) of the ticks took at most, from a per-ms histogram. */
export function percentileOf(histogram: number[], ticks: number, q: number): number {
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms] || 0;
    if (seen >= q * ticks && seen > 0) return ms;
  }
  return 0;
}

type Input<R> = R extends GameRules<any, infer I> ? I : never;

/**
 * The one Nakama match handler for every game: turns a GameRules object into Nakama's seven
 * handlers. It keeps presences, decodes msgpack, caps messages per player, refuses bad input with
 * the game's rejection message (never throwing on client input), runs the pure rules, delivers their
 * events to plugins before players hear the outcome, and records the match for replay.
 */
export function createMatchHandler<S, R extends GameRules<S, any>>(
  rules: R,
  deps: { games: GameRegistry; plugins: PluginHost },
): nkruntime.MatchHandler<MatchToken> {
  type I = Input<R>;

  /** The live state behind a token; losing it is a server bug, and Nakama ends the match on a throw. */
  function stateOf(token: MatchToken): AdapterState<S> {
    if (!live || live.record.match_id !== token.match_id) throw new Error(`state of match ${token.match_id} is not in this VM`);
    return live as AdapterState<S>;
  }

  /** A client message the game's decodeBytes did not take, decoded the general way: the input, or the reason it is refused. */
  function decodeGeneral(userId: string, opCode: number, data: ArrayBuffer): I | string {
    let payload: unknown;
    try {
      payload = decodeMessage(data);
    } catch (e) {
      return 'payload is not valid msgpack';
    }
    return rules.decode(userId, opCode, payload);
  }

  /** The game's fast path (GameRules.decodeBytes), or one that takes nothing. */
  const decodeBytes = rules.decodeBytes || (() => null);

  function reject(dispatcher: nkruntime.MatchDispatcher, to: nkruntime.Presence, opCode: number, reason: string) {
    dispatcher.broadcastMessage(rules.rejectOpCode, encodeMessage({ opCode, reason }), [to]);
  }

  /**
   * Store the record head as it stands and, with `withChunk`, the current chunk as chunk number
   * `record.chunks`, in one write; true when stored. A failure (the database unreachable, say) is
   * logged and not tried again before RECORD_RETRY_MS: the chunk stays in memory, the match goes on.
   */
  function storeRecord(nk: nkruntime.Nakama, logger: nkruntime.Logger, state: AdapterState<S>, ending: MatchRecordHead['ending'], tick: number, withChunk: boolean): boolean {
    const now = Date.now();
    if (now < state.recordRetryAt) return false;
    const { ticks, totalMs, maxMs, maxTick, maxDeliverMs, histogram, deliverMs, events, endDeliverMs, handed } = state.loop;
    const over = ending === 'over' || ending === 'terminated';
    const head: MatchRecordHead = {
      ...state.record,
      loop_ms: {
        ticks, mean: ticks > 0 ? Math.round((totalMs / ticks) * 1000) / 1000 : 0, p50: percentileOf(histogram, ticks, 0.5), p99: percentileOf(histogram, ticks, 0.99), max: maxMs, max_tick: maxTick, max_deliver: maxDeliverMs,
        deliver: deliverMs, events, end_deliver: endDeliverMs, handed,
      },
      chunks: state.record.chunks + (withChunk ? 1 : 0),
      ending,
      end_tick: state.overTick === null ? tick : state.overTick,
      settled_tick: ending === 'over' ? tick : 0,
      final_state_hash: over ? nk.sha256Hash(canonicalJson(state.game)) : '',
    };
    try {
      writeRecord(nk, head, withChunk ? state.chunk : null);
    } catch (error) {
      logger.warn('%s match %s: storing its record failed (%s); retrying', rules.module, state.record.match_id, describe(error));
      state.recordRetryAt = now + RECORD_RETRY_MS;
      if (!state.recordFailedSince) state.recordFailedSince = now;
      return false;
    }
    state.recordRetryAt = 0;
    state.recordFailedSince = 0;
    return true;
  }

  function flushIfDue(nk: nkruntime.Nakama, logger: nkruntime.Logger, state: AdapterState<S>, tick: number) {
    const items = state.chunk.entries.length + state.chunk.inputs.count + state.chunk.events.length;
    if (items === 0 || (items < CHUNK_ITEMS && tick - state.chunkStart < CHUNK_SECONDS * rules.tickRate)) return;
    if (!storeRecord(nk, logger, state, 'running', tick, true)) return;
    state.chunk = newChunk();
    state.chunkStart = tick;
    state.record.chunks += 1;
  }

  /** The match ends: its cost is logged, its players leave the gauge (Nakama removes them without matchLeave). */
  function ended(nk: nkruntime.Nakama, logger: nkruntime.Logger, state: AdapterState<S>, ending: string, tick: number) {
    const { ticks, totalMs, maxMs } = state.loop;
    logger.info('%s match %s %s at tick %d: %d loop ticks, mean %s ms, max %d ms', rules.module, state.record.match_id, ending, tick, ticks, (ticks > 0 ? totalMs / ticks : 0).toFixed(3), maxMs);
    safely(logger, () => recordPlayers(nk, state.record.game_id, -Object.keys(state.presences).length));
    safely(logger, () => nk.localcacheDelete(outboxKey(state.record.match_id)));
  }

  /** Send the rules' messages to the players they name (all when none) who are in the match. */
  function send(dispatcher: nkruntime.MatchDispatcher, state: AdapterState<S>, messages: Outgoing[]): void {
    // Indexed loops throughout: for-of goes through an iterator object per element in Goja.
    for (let m = 0; m < messages.length; m++) {
      const message = messages[m];
      let to: nkruntime.Presence[] | null = null;
      const ids = message.to;
      if (ids && ids.length === 1) {
        to = state.presences[ids[0]];
        if (!to) continue;
      } else if (ids) {
        to = [];
        for (let i = 0; i < ids.length; i++) {
          const target = state.presences[ids[i]];
          if (target) to.push(target[0]);
        }
        if (to.length === 0) continue;
      }
      dispatcher.broadcastMessage(message.opCode, encodeMessage(message.payload), to, null, message.reliable !== false);
    }
  }

  /** One rules step and its effects. Null = the match is over and every event is delivered. */
  function run(logger: nkruntime.Logger, nk: nkruntime.Nakama, dispatcher: nkruntime.MatchDispatcher, tick: number, state: AdapterState<S>, inputs: MatchInput<I>[]) {
    const result = rules.step(state.game, inputs, tick, state.rng);
    state.game = result.state;
    const over = state.overTick !== null || rules.isOver(state.game);
    const budget = state.delivery;
    if (budget.tick !== tick) Object.assign(budget, { tick, leftMs: budget.budgetMs });
    if (state.queued.length === 0) state.queuedSince = tick;
    for (const event of result.events) state.queued.push(event as DomainEvent);
    const due = over || tick - state.queuedSince >= budget.windowTicks;
    let events = due && state.queued.length > 0 ? state.queued.splice(0, state.queued.length) : [];
    const now = Date.now();
    if (overdue(state.outbox, now)) {
      logger.warn('%s match %s: the delivery worker made no progress for %d s; delivering %d events itself', rules.module, state.record.match_id, HANDOFF_TIMEOUT_MS / 1000, state.outbox.events.length);
      events = takeBack(state.outbox).concat(events);
    } else if (events.length > 0 && budget.worker && (state.outbox.events.length > 0 || workerRuns(nk))) {
      // Once handed off, later events follow the same way until the outbox is empty, so they keep their order.
      handOff(nk, state.record.match_id, state.outbox, events, now);
      state.loop.handed += events.length;
      events = [];
    }
    let delivered = 0;
    if (events.length > 0 || state.pending.length > 0) {
      state.pending = deps.plugins.deliver(nk, logger, events, state.pending, now, budget.leftMs);
      delivered = Date.now() - now;
    }
    // Deferred work means the tick's budget is spent: later steps of the tick (joins, leaves) start none.
    budget.leftMs = state.pending.some(isDeferred) ? -1 : budget.leftMs - delivered;
    state.loop.deliverMs += delivered;
    state.loop.tickDeliverMs += delivered;
    state.loop.events += result.events.length;
    // Why plugins first: when a player hears of a result, its rewards are already stored. At the
    // end that holds always: its messages wait while its deliveries are spread over ticks (not while
    // failed ones wait for a retry; mid-match a message may lead the rewards of its events by the
    // ticks a backlog and the delivery window take).
    const settling = state.pending.some(isDeferred) || state.outbox.events.length > 0;
    if (over && settling) state.held.push(...result.messages);
    else {
      if (state.held.length > 0) send(dispatcher, state, state.held.splice(0, state.held.length));
      send(dispatcher, state, result.messages);
    }
    state.chunk.events.push(...(result.events as DomainEvent[]));
    const label = rules.label(state.game);
    if (label !== state.label) {
      dispatcher.matchLabelUpdate(label);
      state.label = label;
    }
    if (state.overTick === null && over) state.overTick = tick;
    if (state.overTick !== null) state.loop.endDeliverMs += delivered;
    if (state.overTick !== null && state.pending.length === 0 && state.outbox.events.length === 0) {
      // It ends once its record is stored (always with the last chunk, even empty); while the
      // database refuses it, the match waits, up to MAX_UNAVAILABLE_MS.
      const stored = storeRecord(nk, logger, state, 'over', tick, true);
      if (stored || (state.recordFailedSince && Date.now() - state.recordFailedSince >= MAX_UNAVAILABLE_MS)) {
        if (!stored) logger.error('%s match %s: its record could not be stored for %d s; ending without it', rules.module, state.record.match_id, MAX_UNAVAILABLE_MS / 1000);
        ended(nk, logger, state, 'over', tick);
        return null;
      }
      return { state: { match_id: state.record.match_id } };
    }
    flushIfDue(nk, logger, state, tick);
    return { state: { match_id: state.record.match_id } };
  }

  /** Run a join's or leave's step, its time counted in the next tick's. */
  function timed<T>(state: AdapterState<S>, step: () => T): T {
    const started = Date.now();
    try {
      return step();
    } finally {
      state.loop.betweenMs += Date.now() - started;
    }
  }

  /**
   * The delivery budget per tick (ms) and the delivery window (ticks), from the runtime env or the
   * defaults; and whether due events go to the delivery worker (runtime env
   * LIVE_GAMES_DELIVERY_WORKER=off: the match delivers them itself, as it does when no worker runs;
   * the harness tests that step one match at a time set it).
   */
  function deliverySettings(env: { [key: string]: string } | undefined) {
    const ms = (name: string, fallback: number) => {
      const configured = env && env[name] !== undefined ? Number(env[name]) : NaN;
      return configured >= 0 ? configured : fallback;
    };
    return {
      tick: -1, leftMs: 0, worker: !env || env.LIVE_GAMES_DELIVERY_WORKER !== 'off',
      budgetMs: ms('LIVE_GAMES_DELIVERY_BUDGET_MS', Math.floor((DELIVERY_BUDGET_SHARE * 1000) / rules.tickRate)),
      windowTicks: Math.round((ms('LIVE_GAMES_DELIVERY_WINDOW_MS', DELIVERY_WINDOW_MS) * rules.tickRate) / 1000),
    };
  }

  /** Messages per player in the current one-second window (a new window every tickRate ticks). */
  function sentThisSecond(state: AdapterState<S>, tick: number): { [userId: string]: number } {
    if (tick - state.windowStart >= rules.tickRate) {
      state.sent = {};
      state.windowStart = tick;
    }
    return state.sent;
  }

  return {
    matchInit(ctx, logger, nk, params) {
      const parsed = parseMatchParams(deps.games, params);
      const matchId = ctx.matchId || '';
      const rng = createRng(seedRng(parsed.seed));
      const game = rules.init(parsed, matchId, rng);
      const label = rules.label(game);
      logger.info('%s match %s created: game %s, mode %s, %d players, seed %s', rules.module, matchId, parsed.game.slug, parsed.mode, parsed.players.length, parsed.seed);
      const playerIndex: { [userId: string]: number } = {};
      parsed.players.forEach((p, i) => { playerIndex[p.userId] = i; });
      const state: AdapterState<S> = {
        game, rng, presences: {}, pending: [], queued: [], queuedSince: 0, outbox: emptyOutbox(), sent: {}, windowStart: 0, label,
        record: {
          match_id: matchId, module: rules.module, game_id: parsed.game.id, mode: parsed.mode, seed: parsed.seed,
          params: params as { [key: string]: unknown }, players: parsed.players, chunks: 0,
        },
        playerIndex,
        chunk: newChunk(), chunkStart: 0, overTick: null, recordRetryAt: 0, recordFailedSince: 0, loop: { ticks: 0, totalMs: 0, maxMs: 0, maxTick: 0, maxDeliverMs: 0, betweenMs: 0, tickDeliverMs: 0, histogram: [], deliverMs: 0, events: 0, endDeliverMs: 0, handed: 0 },
        held: [], delivery: deliverySettings(ctx.env),
      };
      live = state;
      if (state.delivery.worker && !workerRuns(nk)) safely(logger, () => nk.matchCreate(DELIVERY_WORKER, {}));
      // The record exists from the start ('running'): a match its server dies with is found 'aborted'.
      storeRecord(nk, logger, state, 'running', 0, false);
      return { state: { match_id: matchId }, tickRate: rules.tickRate, label };
    },

    matchJoinAttempt(ctx, logger, nk, dispatcher, tick, token, presence) {
      const refusal = rules.canJoin(stateOf(token).game, presence.userId);
      return { state: token, accept: refusal === null, rejectMessage: refusal || undefined };
    },

    matchJoin(ctx, logger, nk, dispatcher, tick, token, presences) {
      const state = stateOf(token);
      for (const p of presences) state.presences[p.userId] = [p];
      safely(logger, () => recordPlayers(nk, state.record.game_id, presences.length));
      state.chunk.entries.push({ tick, join: presences.map((p) => p.userId) });
      return timed(state, () => run(logger, nk, dispatcher, tick, state, presences.map((p) => ({ kind: 'join' as const, userId: p.userId }))));
    },

    matchLeave(ctx, logger, nk, dispatcher, tick, token, presences) {
      const state = stateOf(token);
      // A reconnect may join a new session before the old one's leave arrives: keep the new one.
      for (const p of presences) if (state.presences[p.userId] && state.presences[p.userId][0].sessionId === p.sessionId) delete state.presences[p.userId];
      safely(logger, () => recordPlayers(nk, state.record.game_id, -presences.length));
      state.chunk.entries.push({ tick, leave: presences.map((p) => p.userId) });
      return timed(state, () => run(logger, nk, dispatcher, tick, state, presences.map((p) => ({ kind: 'leave' as const, userId: p.userId }))));
    },

    matchLoop(ctx, logger, nk, dispatcher, tick, token, messages) {
      const started = Date.now();
      const state = stateOf(token);
      const inputs: MatchInput<I>[] = [];
      // Hoisted out of the loop, which Goja runs for every message of every tick (the chunk is
      // only replaced after the step).
      const log = state.chunk.inputs;
      const sent = sentThisSecond(state, tick);
      const cap = rules.maxMessagesPerSecond;
      const count = messages.length;
      for (let m = 0; m < count; m++) {
        const message = messages[m];
        const userId = message.sender.userId;
        const opCode = message.opCode;
        const sentNow = (sent[userId] || 0) + 1;
        sent[userId] = sentNow;
        if (sentNow > cap) {
          reject(dispatcher, message.sender, opCode, `rate limit: at most ${cap} messages per second`);
          continue;
        }
        const data = message.data || NO_PAYLOAD;
        const bytes = new Uint8Array(data);
        const length = data.byteLength;
        const fast: I | null = decodeBytes(userId, opCode, bytes, length);
        const input = fast !== null ? fast : decodeGeneral(userId, opCode, data);
        if (typeof input === 'string') {
          reject(dispatcher, message.sender, opCode, input);
          continue;
        }
        const index = state.playerIndex[userId];
        logInput(log, tick, index === undefined ? userId : index, opCode, bytes, length);
        inputs[inputs.length] = input;
      }
      const result = run(logger, nk, dispatcher, tick, state, inputs);
      const loop = state.loop;
      const spent = Date.now() - started + loop.betweenMs;
      loop.betweenMs = 0;
      loop.ticks += 1;
      loop.totalMs += spent;
      if (spent > loop.maxMs) {
        loop.maxMs = spent;
        loop.maxTick = tick;
        loop.maxDeliverMs = loop.tickDeliverMs;
      }
      loop.tickDeliverMs = 0;
      const bin = Math.min(spent, HISTOGRAM_MS);
      loop.histogram[bin] = (loop.histogram[bin] || 0) + 1;
      safely(logger, () => recordTick(nk, rules.module, spent, rules.tickRate));
      return result;
    },

    matchTerminate(ctx, logger, nk, dispatcher, tick, token) {
      const state = stateOf(token);
      // One last try of whatever is still pending, queued or handed to the worker, and of the record, whatever their waits.
      const left = takeBack(state.outbox).concat(state.queued.splice(0, state.queued.length));
      state.pending = deps.plugins.deliver(nk, logger, left, state.pending.map((d) => ({ ...d, retryAt: 0 })));
      if (state.pending.length > 0) logger.error('%s match %s: terminated with %d deliveries not applied', rules.module, state.record.match_id, state.pending.length);
      state.recordRetryAt = 0;
      if (!storeRecord(nk, logger, state, 'terminated', tick, true)) logger.error('%s match %s: terminated without its record', rules.module, state.record.match_id);
      ended(nk, logger, state, 'terminated', tick);
      return { state: token };
    },

    /**
     * Signal "state": the rules' state as JSON (the visual replay draws it tick by tick; only server
     * code can signal a match). "deliveries <n>": the delivery worker's (matches/shared/outbox.ts).
     * Anything else: no answer.
     */
    matchSignal(ctx, logger, nk, dispatcher, tick, token, data) {
      const deliveries = DELIVERIES_SIGNAL.exec(data);
      if (deliveries) return { state: token, data: answer(stateOf(token).outbox, Number(deliveries[1]), Date.now()) };
      return { state: token, data: data === 'state' ? JSON.stringify(stateOf(token).game) : '' };
    },
  };
}
