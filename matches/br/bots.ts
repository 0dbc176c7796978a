import { decodeMessage } from '../shared/codec';
import type { Outgoing } from '../shared/game-rules';
import { createRng, seedRng, type Rng } from '../shared/rng';
import { MAX_DIRECTION, OP, SNAP, SNAP_PLAYER, SNAP_PLAYER_SIZE, type SnapshotMessage } from './protocol';
import type { BrSettings } from './settings';
import type { BrState } from './state';

/**
 * Seeded bots for tests and benchmarks. Each bot has its own generator and acts like a client: it
 * sees the world through the snapshots it is sent (observeBots), reads its own player and the zone
 * schedule from the state, and produces raw messages (op code + payload) that go through the
 * rules' decode like any client message. On request some messages are malformed (refused by
 * decode), impossible (cheat moves) or refused by the rules (shots while cooling down, acting
 * while eliminated), so the refusal paths get exercised too.
 */

export interface BrBotOptions {
  /** Chance per tick of also sending a malformed message. */
  malformedRate: number;
  /** Chance per tick that the move is an impossible teleport (refused, cheat signal). */
  cheatRate: number;
  /** Chance per tick of a well-formed but refused input (a shot while cooling down; a move while eliminated). */
  refusedRate: number;
  /** Aim error: up to this many cm added to each component of the aim point. */
  aimError: number;
}

export const DEFAULT_BOT_OPTIONS: BrBotOptions = { malformedRate: 0, cheatRate: 0, refusedRate: 0, aimError: 60 };

export interface BrBot {
  userId: string;
  slot: number;
  rng: Rng;
  options: BrBotOptions;
  /** The last snapshot this bot was sent, or null. */
  view: SnapshotMessage | null;
  /** Where it is wandering to, inside the next safe circle: [x, y], or null. */
  waypoint: number[] | null;
}

/** A client message as a bot sends it (before decode). */
export interface BotMessage {
  userId: string;
  opCode: number;
  payload: unknown;
}

/** One bot per player, each seeded from `seed` and its user id. */
export function createBots(state: BrState, seed: string, options: Partial<BrBotOptions> = {}): BrBot[] {
  const opts = { ...DEFAULT_BOT_OPTIONS, ...options };
  return state.players.map((p, slot) => ({ userId: p.userId, slot, rng: createRng(seedRng(`${seed}:${p.userId}`)), options: opts, view: null, waypoint: null }));
}

/** Hand each bot the snapshots a step sent it. */
export function observeBots(bots: BrBot[], messages: Outgoing[]): void {
  for (const m of messages) {
    if (m.opCode !== OP.SNAPSHOT) continue;
    const snapshot = decodeMessage(m.payload as ArrayBuffer) as SnapshotMessage;
    const bot = bots[snapshot[SNAP.SLOT]];
    if (bot) bot.view = snapshot;
  }
}

/** Malformed payloads, each refused by decode with a reason naming the field. */
export const MALFORMED: { opCode: number; payload: unknown }[] = [
  { opCode: OP.MOVE, payload: { x: 'north', y: 0 } },
  { opCode: OP.MOVE, payload: { x: 1.5, y: 0 } },
  { opCode: OP.MOVE, payload: { x: -1, y: 0 } },
  { opCode: OP.MOVE, payload: { y: 0 } },
  { opCode: OP.MOVE, payload: { x: 0, y: 1e12 } },
  { opCode: OP.MOVE, payload: [1, 2] },
  { opCode: OP.MOVE, payload: null },
  { opCode: OP.SHOOT, payload: { dx: 0, dy: 0, weapon: 0 } },
  { opCode: OP.SHOOT, payload: { dx: 1, dy: 5000, weapon: 0 } },
  { opCode: OP.SHOOT, payload: { dx: 1, dy: 1, weapon: 99 } },
  { opCode: OP.SHOOT, payload: { dx: 1, dy: 1 } },
  { opCode: OP.SHOOT, payload: 'bang' },
  { opCode: 7, payload: {} },
];

/** This tick's messages from one bot. */
export function botMessages(bot: BrBot, state: BrState, settings: BrSettings, tick: number): BotMessage[] {
  const { rng, options } = bot;
  const out: BotMessage[] = [];
  const p = state.players[bot.slot];
  if (!p.on || state.phase === 'ended') return out;
  const say = (opCode: number, payload: unknown) => out.push({ userId: bot.userId, opCode, payload });
  if (options.malformedRate > 0 && rng.next() < options.malformedRate) {
    const bad = MALFORMED[rng.int(MALFORMED.length)];
    say(bad.opCode, bad.payload);
  }
  if (state.phase !== 'playing' || p.hp <= 0) {
    // Refused: acting before the start or after being eliminated (a real, small move and a shot).
    if (options.refusedRate > 0 && rng.next() < options.refusedRate) {
      say(OP.MOVE, { x: p.x < settings.mapSize ? p.x + 1 : p.x - 1, y: p.y });
      say(OP.SHOOT, { dx: 1, dy: 0, weapon: 0 });
    }
    return out;
  }
  const [x, y] = nextPosition(bot, state, settings);
  say(OP.MOVE, { x, y });
  const shot = aim(bot, state, settings, tick, x, y);
  if (shot) say(OP.SHOOT, shot);
  return out;
}

function nextPosition(bot: BrBot, state: BrState, settings: BrSettings): number[] {
  const { rng, options } = bot;
  const p = state.players[bot.slot];
  if (options.cheatRate > 0 && rng.next() < options.cheatRate) {
    // Farther than the budget can ever be (its cap plus one tick), and still on the map.
    const jump = settings.speed * (settings.moveSlackTicks + 1);
    return [p.x > settings.mapSize / 2 ? p.x - jump : p.x + jump, p.y];
  }
  const target = state.schedule[state.zonePhase];
  const safe = Math.max(0, target.r - 300);
  const outside = dist2(p.x, p.y, target.x, target.y) > safe * safe;
  if (outside) {
    bot.waypoint = [target.x, target.y];
  } else if (!bot.waypoint || dist2(p.x, p.y, bot.waypoint[0], bot.waypoint[1]) < settings.speed * settings.speed
    || dist2(bot.waypoint[0], bot.waypoint[1], target.x, target.y) > safe * safe) {
    bot.waypoint = [target.x - safe + rng.int(2 * safe + 1), target.y - safe + rng.int(2 * safe + 1)];
  }
  return stepTowards(p.x, p.y, bot.waypoint[0], bot.waypoint[1], Math.min(settings.speed, p.move), settings.mapSize);
}

/** At most `reach` cm from (x, y) towards (tx, ty), on the map. */
function stepTowards(x: number, y: number, tx: number, ty: number, reach: number, mapSize: number): number[] {
  const dx = tx - x;
  const dy = ty - y;
  const d = Math.sqrt(dx * dx + dy * dy);
  const clamp = (v: number) => Math.max(0, Math.min(mapSize, v));
  if (d <= reach) return [clamp(tx), clamp(ty)];
  const toZero = (v: number) => (v < 0 ? Math.ceil(v) : Math.floor(v));
  return [clamp(x + toZero((dx * reach) / d)), clamp(y + toZero((dy * reach) / d))];
}

/** A shot at the nearest enemy in view, with the best weapon in range; null when there is none. */
function aim(bot: BrBot, state: BrState, settings: BrSettings, tick: number, x: number, y: number): { dx: number; dy: number; weapon: number } | null {
  const { rng, options, view } = bot;
  const p = state.players[bot.slot];
  if (!view) return null;
  const cooling = tick < p.ready;
  if (cooling && !(options.refusedRate > 0 && rng.next() < options.refusedRate)) return null;
  // The visible players: groups of [slot, x, y, hp] after the snapshot's fixed part (see protocol.ts).
  let target = -1;
  let best = 0;
  for (let i = SNAP.PLAYERS; i < view.length; i += SNAP_PLAYER_SIZE) {
    if (state.players[view[i + SNAP_PLAYER.SLOT]].team === p.team || view[i + SNAP_PLAYER.HP] <= 0) continue;
    const d2 = dist2(x, y, view[i + SNAP_PLAYER.X], view[i + SNAP_PLAYER.Y]);
    if (target < 0 || d2 < best) {
      target = i;
      best = d2;
    }
  }
  if (target < 0) return null;
  let weapon = -1;
  settings.weapons.forEach((w, id) => {
    if (p.ammo[id] <= 0 || w.range * w.range < best) return;
    const better = weapon < 0 || w.damage * settings.weapons[weapon].cooldownTicks > settings.weapons[weapon].damage * w.cooldownTicks;
    if (better) weapon = id;
  });
  if (weapon < 0) return null;
  const jitter = () => (options.aimError > 0 ? rng.int(2 * options.aimError + 1) - options.aimError : 0);
  let dx = view[target + SNAP_PLAYER.X] + jitter() - x;
  let dy = view[target + SNAP_PLAYER.Y] + jitter() - y;
  const m = Math.max(Math.abs(dx), Math.abs(dy));
  if (m > MAX_DIRECTION) {
    dx = Math.round((dx * MAX_DIRECTION) / m);
    dy = Math.round((dy * MAX_DIRECTION) / m);
  }
  if (dx === 0 && dy === 0) return null;
  return { dx, dy, weapon };
}

function dist2(ax: number, ay: number, bx: number, by: number): number {
  return (ax - bx) * (ax - bx) + (ay - by) * (ay - by);
}
