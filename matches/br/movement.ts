import { emit, reject, type StepContext } from './context';
import { gridPlace } from './grid';
import { OP } from './protocol';
import type { BrPlayer } from './state';

/**
 * Movement. Clients move themselves and report their position; the server checks it against the
 * speed cap. Each living player has a budget in centimetres, refilled by `speed` every tick and
 * capped at `speed * moveSlackTicks` (so a few bunched messages are fine); a move spends its
 * length, rounded up. A move longer than the budget is impossible: it is refused, the player stays
 * where they were, their `cheats` counter goes up and a `cheat_signal` event is emitted (on the
 * 1st signal and every CHEAT_EVENT_EVERY-th after it, so a cheater cannot flood the plugins).
 */

export const CHEAT_EVENT_EVERY = 50;

/** Once per tick: refill every living player's movement budget. */
export function refillBudgets(ctx: StepContext): void {
  const { speed, moveSlackTicks } = ctx.settings;
  const cap = speed * moveSlackTicks;
  const players = ctx.state.players;
  let p: BrPlayer;
  // Indexed: for-of goes through an iterator, several times slower per player in Goja.
  for (let i = 0; i < players.length; i++) {
    p = players[i];
    if (p.hp > 0 && p.move < cap) p.move = p.move + speed < cap ? p.move + speed : cap;
  }
}

/** Apply a MOVE to (x, y); bounds were checked by decode. */
export function applyMove(ctx: StepContext, slot: number, x: number, y: number): void {
  const p = ctx.state.players[slot];
  const dx = x - p.x;
  const dy = y - p.y;
  const d2 = dx * dx + dy * dy;
  // Squared comparison first: exact in integers, no rounding at the boundary.
  if (d2 > p.move * p.move) {
    p.cheats += 1;
    const reason = `speed: moved ${Math.ceil(Math.sqrt(d2))} cm with a budget of ${p.move} cm`;
    reject(ctx, p.userId, OP.MOVE, reason);
    if (p.cheats === 1 || p.cheats % CHEAT_EVENT_EVERY === 0) emit(ctx, 'cheat_signal', p.userId, { reason: 'speed', detail: reason, count: p.cheats });
    return;
  }
  // Standing still (clients send a MOVE every tick): nothing changes.
  if (d2 === 0) return;
  // ceil(sqrt(d2)) <= move because d2 <= move^2 and sqrt is correctly rounded.
  p.move -= Math.ceil(Math.sqrt(d2));
  p.x = x;
  p.y = y;
  gridPlace(ctx.grid, slot, x, y);
}
