import { send, type StepContext } from './context';
import { cellOf } from './grid';
import { OP, type SnapshotMessage } from './protocol';

/**
 * Interest management: each connected player gets, every `snapshotEvery` ticks and unreliable (the
 * next one supersedes it), only what they need: themselves, the zone, their living teammates
 * wherever they are, and at most `maxVisible` other living players within `interestRadius`,
 * nearest first (ties: lower slot). Nearby players come from the spatial grid, so the work per
 * player is bounded by how many players are near, not by the match size. Eliminated players keep
 * getting snapshots from where they fell (spectating).
 *
 * Sending is spread over the ticks: `group` g sends only to the slots with slot % snapshotEvery = g
 * (the rules pass (tick - startTick) % snapshotEvery), so each player still gets one every
 * `snapshotEvery` ticks but a tick encodes 1/snapshotEvery of them. Group -1 = everyone (the start).
 * A player with no enemy in range ("quiet": most of a 100-player match, most of the time) has
 * nothing moving to watch but themselves and the zone, so they get one every `quietSnapshotEvery`
 * ticks instead (slot % quietSnapshotEvery = (tick - startTick) % quietSnapshotEvery), at most
 * snapshotEvery ticks late when an enemy comes into range. Encoding and sending snapshots is most
 * of a tick's cost in Goja (bench/goja ticks), and this halves their number in the quiet phases.
 *
 * Written for Goja (Nakama's interpreter), where this is the hottest code of a tick: the grid walk
 * inlined (the same cells as forEachNear, without a function call per nearby player), indexed
 * loops (for-of goes through iterators), and the nearest-first order from a native numeric sort of
 * integer keys d2 * n + slot (exact: d2 <= interestRadius^2, so keys stay far below 2^53) instead
 * of a sort calling a comparator.
 */
export function sendSnapshots(ctx: StepContext, group: number): void {
  const { state, settings, grid, tick } = ctx;
  const players = state.players;
  const n = players.length;
  const radius = settings.interestRadius;
  const radius2 = radius * radius;
  const maxVisible = settings.maxVisible;
  const alive = n - state.eliminated;
  const zx = state.zone.x;
  const zy = state.zone.y;
  const zr = state.zone.r;
  const teamsAlive = state.teamsAlive;
  const keys = new Float64Array(n);
  const { cols, head, next } = grid;
  const stride = group < 0 ? 1 : settings.snapshotEvery;
  const quietEvery = settings.quietSnapshotEvery;
  const quietTurn = group < 0 ? -1 : (tick - state.startTick) % quietEvery;
  for (let slot = group < 0 ? 0 : group; slot < n; slot += stride) {
    const me = players[slot];
    if (!me.on) continue;
    const meX = me.x;
    const meY = me.y;
    const meTeam = me.team;
    let count = 0;
    const x0 = cellOf(grid, meX - radius);
    const x1 = cellOf(grid, meX + radius);
    const y1 = cellOf(grid, meY + radius);
    for (let cy = cellOf(grid, meY - radius); cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        for (let other = head[cx + cols * cy]; other >= 0; other = next[other]) {
          const o = players[other];
          if (o.team === meTeam) continue;
          const dx = o.x - meX;
          const dy = o.y - meY;
          const d2 = dx * dx + dy * dy;
          if (d2 <= radius2) keys[count++] = d2 * n + other;
        }
      }
    }
    // Nobody to show: this player's turn comes every quietSnapshotEvery ticks only.
    if (count === 0 && quietTurn >= 0 && slot % quietEvery !== quietTurn) continue;
    const ammo = me.ammo;
    const snapshot: SnapshotMessage = [tick, slot, meX, meY, me.hp, me.move, me.ready, zx, zy, zr, alive, teamsAlive, ammo.length];
    for (let w = 0; w < ammo.length; w++) snapshot.push(ammo[w]);
    const members = state.teams[meTeam].members;
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const mate = players[m];
      if (m !== slot && mate.hp > 0) snapshot.push(m, mate.x, mate.y, mate.hp);
    }
    // Ascending keys = nearest first, ties to the lower slot: a total order.
    if (count > 1) keys.subarray(0, count).sort();
    const shown = count < maxVisible ? count : maxVisible;
    for (let i = 0; i < shown; i++) {
      const other = keys[i] % n;
      const o = players[other];
      snapshot.push(other, o.x, o.y, o.hp);
    }
    send(ctx, OP.SNAPSHOT, snapshot, [me.userId], false);
  }
}
