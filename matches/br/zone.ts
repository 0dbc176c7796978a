import type { Rng } from '../shared/rng';
import { emitZoneElimination } from './elimination';
import type { StepContext } from './context';
import { send } from './context';
import { OP, type ZoneMessage } from './protocol';
import type { BrSettings } from './settings';
import type { BrCircle, BrState, BrZonePhase } from './state';

/**
 * The shrinking safe zone. The schedule is drawn once, at match creation, from the seeded
 * generator: each phase's target circle lies inside the previous circle (and inside the map). The
 * circle then follows the schedule from the tick play started: still during a phase's wait, then a
 * linear shrink (integer interpolation, floor) to the target. The last phase closes to radius 0,
 * so every player ends up outside and the match must end: see maxMatchTicks.
 */

/** Tries at drawing a centre before falling back to the previous centre (always valid). */
const CENTRE_TRIES = 16;

/** The starting circle (covering the whole map) and the seeded schedule. */
export function createZoneSchedule(rng: Rng, settings: BrSettings): { zoneStart: BrCircle; schedule: BrZonePhase[] } {
  const half = Math.floor(settings.mapSize / 2);
  // Why +1: inside is strict (d^2 < r^2), and the map's corners must start inside.
  const zoneStart: BrCircle = { x: half, y: half, r: Math.ceil(Math.sqrt(2 * half * half)) + 1 };
  const schedule: BrZonePhase[] = [];
  let prev = zoneStart;
  let tick = 0;
  for (const spec of settings.zone) {
    const centre = drawCentre(rng, prev, spec.radius, settings.mapSize);
    const phase: BrZonePhase = {
      begin: tick, shrink: tick + spec.waitTicks, end: tick + spec.waitTicks + spec.shrinkTicks,
      x: centre.x, y: centre.y, r: spec.radius, damage: spec.damage,
    };
    schedule.push(phase);
    prev = phase;
    tick = phase.end;
  }
  return { zoneStart, schedule };
}

/** A centre for a circle of radius r inside `prev` and inside the map. */
function drawCentre(rng: Rng, prev: BrCircle, r: number, mapSize: number): { x: number; y: number } {
  const slack = prev.r - r;
  const lo = r;
  const hi = mapSize - r;
  for (let i = 0; i < CENTRE_TRIES; i++) {
    const x = lo + rng.int(hi - lo + 1);
    const y = lo + rng.int(hi - lo + 1);
    const dx = x - prev.x;
    const dy = y - prev.y;
    if (dx * dx + dy * dy <= slack * slack) return { x, y };
  }
  return { x: prev.x, y: prev.y };
}

/** Ticks after which any match has ended: join timeout + the schedule + the final phase's kill time. */
export function maxMatchTicks(settings: BrSettings): number {
  const zoneTicks = settings.zone.reduce((sum, z) => sum + z.waitTicks + z.shrinkTicks, 0);
  const last = settings.zone[settings.zone.length - 1];
  return settings.joinTimeoutTicks + zoneTicks + settings.zoneDamageEvery * Math.ceil(settings.maxHp / last.damage) + 1;
}

/** The circle `offset` ticks after the start, in phase `index`. */
export function circleAt(state: BrState, index: number, offset: number): BrCircle {
  const phase = state.schedule[index];
  const from = index === 0 ? state.zoneStart : state.schedule[index - 1];
  if (offset <= phase.shrink) return { x: from.x, y: from.y, r: from.r };
  if (offset >= phase.end) return { x: phase.x, y: phase.y, r: phase.r };
  const k = offset - phase.shrink;
  const n = phase.end - phase.shrink;
  const lerp = (a: number, b: number) => a + Math.floor(((b - a) * k) / n);
  return { x: lerp(from.x, phase.x), y: lerp(from.y, phase.y), r: lerp(from.r, phase.r) };
}

/** The ZONE message announcing phase `index`. */
export function zoneMessage(state: BrState, settings: BrSettings, index: number): ZoneMessage {
  const phase = state.schedule[index];
  const from = index === 0 ? state.zoneStart : state.schedule[index - 1];
  return {
    phase: index, from: [from.x, from.y, from.r], to: [phase.x, phase.y, phase.r],
    shrinkTick: state.startTick + phase.shrink, endTick: state.startTick + phase.end,
    damage: phase.damage, damageEvery: settings.zoneDamageEvery,
  };
}

/** Once per tick while playing: advance the phase, move the circle, hurt players outside it. */
export function updateZone(ctx: StepContext): void {
  const { state, settings } = ctx;
  const offset = ctx.tick - state.startTick;
  while (state.zonePhase < state.schedule.length - 1 && offset >= state.schedule[state.zonePhase].end) {
    state.zonePhase += 1;
    send(ctx, OP.ZONE, zoneMessage(state, settings, state.zonePhase), null);
  }
  state.zone = circleAt(state, state.zonePhase, offset);
  if (offset > 0 && offset % settings.zoneDamageEvery === 0) damageOutside(ctx, state.schedule[state.zonePhase].damage);
}

/**
 * Damage every living player outside the circle (inside = d^2 < r^2, strict). Applied one player at
 * a time, lowest hit points first (ties: lower slot), so simultaneous zone deaths still have an
 * order; once only one team is left the match ends and the rest is spared.
 */
function damageOutside(ctx: StepContext, damage: number): void {
  const { state } = ctx;
  const { x, y, r } = state.zone;
  const outside: number[] = [];
  state.players.forEach((p, slot) => {
    const dx = p.x - x;
    const dy = p.y - y;
    if (p.hp > 0 && dx * dx + dy * dy >= r * r) outside.push(slot);
  });
  // A total order (hp, then slot), so the result does not depend on the sort's stability.
  outside.sort((a, b) => state.players[a].hp - state.players[b].hp || a - b);
  for (let i = 0; i < outside.length; i++) {
    if (state.phase !== 'playing') return;
    const slot = outside[i];
    const p = state.players[slot];
    p.hp = Math.max(0, p.hp - damage);
    if (p.hp === 0) emitZoneElimination(ctx, slot);
  }
}
