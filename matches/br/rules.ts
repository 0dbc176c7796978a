import type { GameRules, MatchInput, StepResult } from '../shared/game-rules';
import type { Rng } from '../shared/rng';
import { applyShoot } from './combat';
import { emit, reject, rosterOf, send, slotOf, type StepContext } from './context';
import { buildGrid } from './grid';
import { brBytesDecoder, decodeBrInput, INPUT_OP, type BrInput } from './input';
import { applyMove, refillBudgets } from './movement';
import { OP, type MatchStartMessage } from './protocol';
import { checkSettings, DEFAULT_BR_SETTINGS, type BrSettings } from './settings';
import { createBrState } from './setup';
import { finish } from './standings';
import type { BrPlayer, BrState } from './state';
import { sendSnapshots } from './visibility';
import { updateZone, zoneMessage } from './zone';

/**
 * LastToLive rules: pure functions of (state, inputs, tick, rng). No clock, no Math.random, no nk,
 * only exactly specified arithmetic on integers (see docs/protocol-br.md, "Determinism"), so the
 * same inputs give the same state in Node and in Nakama's Goja, and replays reproduce state hashes.
 *
 * One step, in order:
 *  1. on the first call for a new tick while playing: refill movement budgets;
 *  2. inputs in arrival order (joins, leaves, moves, shots); an elimination that leaves one team
 *     ends the match at once and the remaining inputs are refused;
 *  3. waiting: start when everyone is connected, or at the join timeout with whoever is
 *     (nobody: the match ends with match_abandoned alone);
 *  4. playing, first call for a new tick: zone phase, circle and damage, then snapshots (to the
 *     slots s with s = tick - startTick modulo snapshotEvery; at the start, to everyone);
 *     the match ends when one team is left, or when nobody is connected.
 * The adapter may call step more than once in a tick (joins, leaves, then the loop): time-driven
 * work runs once per tick (state.lastTick).
 */
export type BrRules = GameRules<BrState, BrInput> & { settings: BrSettings };

export function createBrRules(settings: BrSettings): BrRules {
  const problems = checkSettings(settings);
  if (problems.length > 0) throw new Error(`LastToLive settings: ${problems.join('; ')}`);
  return {
    module: 'br',
    tickRate: settings.tickRate,
    maxMessagesPerSecond: 30,
    rejectOpCode: OP.REJECTED,
    settings,
    init: (params, matchId, rng) => createBrState(params, matchId, rng, settings),
    decode: (userId, opCode, payload) => decodeBrInput(settings, userId, opCode, payload),
    decodeBytes: brBytesDecoder(settings),
    canJoin,
    step: (state, inputs, tick, rng) => step(settings, state, inputs, tick, rng),
    isOver: (state) => state.phase === 'ended',
    label: (state) => JSON.stringify({ game_id: state.gameId, mode: state.mode, phase: state.phase }),
  };
}

/** The live rules (DEFAULT_BR_SETTINGS). */
export const BR_RULES: BrRules = createBrRules(DEFAULT_BR_SETTINGS);

/** Listed players only, and never after the end (eliminated players may come back to spectate). */
export function canJoin(state: BrState, userId: string): string | null {
  if (state.phase === 'ended') return 'the match has ended';
  if (slotOf(state, userId) < 0) return 'you are not a player of this match';
  return null;
}

// The rng is unused after creation: the whole schedule is drawn in init, play is deterministic.
function step(settings: BrSettings, state: BrState, inputs: MatchInput<BrInput>[], tick: number, _rng: Rng): StepResult<BrState> {
  const out: StepResult<BrState> = { state, events: [], messages: [] };
  if (state.phase === 'ended') return afterTheEnd(state, inputs, out);
  const ctx: StepContext = { state, settings, tick, grid: buildGrid(state, settings.mapSize, settings.cellSize), out, slots: rosterOf(state).slots };
  const fresh = tick > state.lastTick;
  if (fresh) state.lastTick = tick;
  if (state.joinBy < 0) state.joinBy = tick + settings.joinTimeoutTicks;
  const wasPlaying = state.phase === 'playing';
  if (fresh && wasPlaying) refillBudgets(ctx);
  for (let i = 0; i < inputs.length; i++) applyInput(ctx, inputs[i]);
  if (state.phase === 'waiting') {
    const connected = state.players.filter((p) => p.on).length;
    if (connected > 0 && (connected === state.players.length || tick >= state.joinBy)) start(ctx);
    else if (tick >= state.joinBy) {
      state.phase = 'ended';
      emit(ctx, 'match_abandoned', '', { mode: state.mode, players: state.players.map((p) => p.userId) });
    }
    return out;
  }
  if (state.phase !== 'playing') return out;
  if (fresh && wasPlaying) updateZone(ctx);
  if (state.phase === 'playing' && !state.players.some((p) => p.on)) finish(ctx, -1);
  // Snapshots spread over the ticks: this tick, the slots congruent to it modulo snapshotEvery.
  if (state.phase === 'playing' && fresh && wasPlaying) sendSnapshots(ctx, (tick - state.startTick) % settings.snapshotEvery);
  return out;
}

/**
 * Once ended, the state no longer changes (its hash is the record's final state hash, whatever the
 * adapter still calls while plugin deliveries finish): client inputs are refused, presences ignored.
 */
function afterTheEnd(state: BrState, inputs: MatchInput<BrInput>[], out: StepResult<BrState>): StepResult<BrState> {
  for (const input of inputs) {
    if (input.kind === 'move' || input.kind === 'shoot') out.messages.push({ opCode: OP.REJECTED, payload: { opCode: INPUT_OP[input.kind], reason: 'match: over' }, to: [input.userId] });
  }
  return out;
}

function applyInput(ctx: StepContext, input: MatchInput<BrInput>): void {
  const { state } = ctx;
  const slot = ctx.slots.get(input.userId);
  if (slot === undefined) return; // canJoin keeps strangers out; nothing to answer.
  const p = state.players[slot];
  // The common case first (most of a tick's inputs): a living player's MOVE during play.
  if (input.kind === 'move' && state.phase === 'playing' && p.hp > 0) return applyMove(ctx, slot, input.x, input.y);
  const op = input.kind === 'move' || input.kind === 'shoot' ? INPUT_OP[input.kind] : 0;
  // An elimination earlier in this tick ended the match: the rest of the tick changes nothing.
  if (state.phase === 'ended') return op ? reject(ctx, p.userId, op, 'match: over') : undefined;
  if (input.kind === 'join') {
    p.on = p.joined = true;
    // A reconnect: the roster and the current zone phase again (snapshots follow on their own).
    if (state.phase === 'playing') {
      send(ctx, OP.MATCH_START, matchStart(ctx, p), [p.userId]);
      send(ctx, OP.ZONE, zoneMessage(state, ctx.settings, state.zonePhase), [p.userId]);
    }
    return;
  }
  if (input.kind === 'leave') {
    p.on = false;
    return;
  }
  if (state.phase === 'waiting') return reject(ctx, p.userId, op, 'match: not started yet');
  if (p.hp <= 0) return reject(ctx, p.userId, op, 'player: eliminated');
  if (input.kind === 'move') applyMove(ctx, slot, input.x, input.y);
  else applyShoot(ctx, slot, input.dx, input.dy, input.weapon);
}

function start(ctx: StepContext): void {
  const { state, settings, tick } = ctx;
  state.phase = 'playing';
  state.startTick = tick;
  state.zonePhase = 0;
  state.zone = { x: state.zoneStart.x, y: state.zoneStart.y, r: state.zoneStart.r };
  emit(ctx, 'match_started', '', { mode: state.mode, players: state.players.filter((p) => p.joined).map((p) => p.userId) });
  // Nobody has fired yet: every player's loadout is the first one's.
  send(ctx, OP.MATCH_START, matchStart(ctx, state.players[0]), null);
  send(ctx, OP.ZONE, zoneMessage(state, settings, 0), null);
  if (state.teamsAlive <= 1) return finish(ctx, state.teams.length === 1 ? 0 : -1);
  sendSnapshots(ctx, -1);
}

/** MATCH_START, with the loadout of player `you`. */
function matchStart(ctx: StepContext, you: BrPlayer): MatchStartMessage {
  const { state, settings } = ctx;
  return {
    tickRate: settings.tickRate, startTick: state.startTick, mapSize: settings.mapSize, speed: settings.speed,
    moveBudget: settings.speed * settings.moveSlackTicks, maxHp: settings.maxHp, hitRadius: settings.hitRadius,
    players: state.players.map((p, slot) => ({ slot, userId: p.userId, username: p.username, team: state.teams[p.team].team })),
    weapons: settings.weapons.map((w, id) => ({ id, name: w.name, damage: w.damage, range: w.range, cooldownTicks: w.cooldownTicks, ammo: w.ammo })),
    you: { ammo: you.ammo.slice(), readyTick: you.ready },
  };
}
