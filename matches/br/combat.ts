import { reject, send, type StepContext } from './context';
import { eliminate } from './elimination';
import { forEachNear, type Grid } from './grid';
import { OP, type ShotResultMessage } from './protocol';
import type { BrState } from './state';

/**
 * Shooting: hitscan, resolved on the server from the shooter's current position. A shot goes along
 * (dx, dy); it hits the first living enemy (teammates are not hit and do not block) whose hit
 * circle the ray crosses with the target's centre projected on the ray at 0..range from the
 * shooter. "First" = smallest projection; ties go to the lower slot. All in integers: with
 * |dx|,|dy| <= 1000 and range <= 20000 cm, every product stays below 2^53, hence exact.
 */

/** Slot of the player a shot from `shooter` along (dx, dy) hits within `range` cm, or -1. */
export function findTarget(state: BrState, grid: Grid, hitRadius: number, shooter: number, dx: number, dy: number, range: number): number {
  const s = state.players[shooter];
  const len2 = dx * dx + dy * dy;
  const reach = range + hitRadius;
  const r2len2 = hitRadius * hitRadius * len2;
  const range2len2 = range * range * len2;
  let best = -1;
  let bestDot = 0;
  forEachNear(grid, s.x, s.y, reach, (slot) => {
    const t = state.players[slot];
    if (slot === shooter || t.team === s.team || t.hp <= 0) return;
    const vx = t.x - s.x;
    const vy = t.y - s.y;
    const v2 = vx * vx + vy * vy;
    if (v2 > reach * reach) return;
    const dot = vx * dx + vy * dy;
    // Behind the shooter, or beyond range along the ray.
    if (dot < 0 || dot * dot > range2len2) return;
    // Squared distance from the ray, times len2: |v|^2 |d|^2 - (v.d)^2.
    if (v2 * len2 - dot * dot > r2len2) return;
    if (best < 0 || dot < bestDot || (dot === bestDot && slot < best)) {
      best = slot;
      bestDot = dot;
    }
  });
  return best;
}

/** Apply a SHOOT. Refused while cooling down or out of ammo; a shot spends a round and starts the cooldown. */
export function applyShoot(ctx: StepContext, slot: number, dx: number, dy: number, weaponId: number): void {
  const { state, settings, tick } = ctx;
  const p = state.players[slot];
  const weapon = settings.weapons[weaponId];
  if (tick < p.ready) return reject(ctx, p.userId, OP.SHOOT, `weapon: cooling down until tick ${p.ready}`);
  if (p.ammo[weaponId] <= 0) return reject(ctx, p.userId, OP.SHOOT, `weapon: no ammo left for ${weapon.name}`);
  p.ammo[weaponId] -= 1;
  p.ready = tick + weapon.cooldownTicks;
  const hit = findTarget(state, ctx.grid, settings.hitRadius, slot, dx, dy, weapon.range);
  const result: ShotResultMessage = { weapon: weaponId, hit, damage: 0, targetHp: -1, ammo: p.ammo[weaponId], readyTick: p.ready };
  if (hit >= 0) {
    const target = state.players[hit];
    result.damage = Math.min(weapon.damage, target.hp);
    target.hp -= result.damage;
    result.targetHp = target.hp;
  }
  send(ctx, OP.SHOT_RESULT, result, [p.userId]);
  if (hit >= 0 && state.players[hit].hp === 0) {
    const t = state.players[hit];
    const vx = t.x - p.x;
    const vy = t.y - p.y;
    eliminate(ctx, hit, slot, weapon.name, Math.floor(Math.sqrt(vx * vx + vy * vy) / 100));
  }
}
