import { rosterOf, send, type StepContext } from './context';
import { encodeInts, finishIntArray, MAX_INT_BYTES, startIntArray, writeEncoded, writeInts } from '../shared/codec';
import { OP, SNAP, SNAP_PLAYER, SNAP_PLAYER_SIZE } from './protocol';
import type { BrState } from './state';

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
 * loops (for-of goes through iterators), the nearest-first order from a native numeric sort of
 * integer keys d2 * n + slot (exact: d2 <= interestRadius^2, so keys stay far below 2^53) instead
 * of a sort calling a comparator, and each snapshot written straight to msgpack bytes (the payload
 * is those bytes), mostly by copying bytes encoded once per tick: the integers every snapshot of
 * the tick shares, and the [slot, x, y, hp] group of each player shown (groupWriter); only the
 * player's own move, ready tick and ammo are encoded per snapshot. Copying bytes is several times
 * cheaper in Goja than encoding the integers again.
 */
export function sendSnapshots(ctx: StepContext, group: number): void {
  const { state, settings, grid, tick } = ctx;
  const players = state.players;
  const n = players.length;
  const radius = settings.interestRadius;
  const radius2 = radius * radius;
  const maxVisible = settings.maxVisible;
  const zx = state.zone.x;
  const zy = state.zone.y;
  const zr = state.zone.r;
  const keys = new Float64Array(n);
  const { cols, head, next, cellSize } = grid;
  const last = cols - 1;
  const ammoCount = settings.weapons.length;
  // What every snapshot of this tick shares, encoded once: the tick (SNAP.TICK), and the zone to
  // the ammo count (SNAP.ZONE_X..AMMO_COUNT). A snapshot is then copies of encoded bytes (these, and
  // the player groups: its own [slot, x, y, hp] is SNAP.SLOT..HP) and its own move, ready tick and
  // ammo, the only integers encoded per snapshot.
  const common = new Int32Array([tick, zx, zy, zr, n - state.eliminated, state.teamsAlive, ammoCount]);
  const commonBytes = new Uint8Array(MAX_INT_BYTES * 7);
  const tickLength = encodeInts(commonBytes, 0, common, 0, 1);
  const sharedLength = encodeInts(commonBytes, tickLength, common, 1, 7) - tickLength;
  const tickBytes = commonBytes.subarray(0, tickLength);
  const sharedBytes = commonBytes.subarray(tickLength, tickLength + sharedLength);
  // [move, readyTick, ammo...] of the player a snapshot is for.
  const own = new Int32Array(2 + ammoCount);
  const fixed = SNAP.AMMO + ammoCount;
  const writeGroup = groupWriter(players);
  const recipients = rosterOf(state).recipients;
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
    // The cells of the square around me (cellOf inlined: `| 0` floors the non-negative, and the
    // negative clamp to 0 either way).
    let x0 = ((meX - radius) / cellSize) | 0;
    let x1 = ((meX + radius) / cellSize) | 0;
    let y0 = ((meY - radius) / cellSize) | 0;
    let y1 = ((meY + radius) / cellSize) | 0;
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > last) x1 = last;
    if (y1 > last) y1 = last;
    for (let cy = y0; cy <= y1; cy++) {
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
    own[0] = me.move;
    own[1] = me.ready;
    const ammo = me.ammo;
    for (let w = 0; w < ammoCount; w++) own[2 + w] = ammo[w];
    const members = state.teams[meTeam].members;
    let mates = 0;
    for (let i = 0; i < members.length; i++) if (members[i] !== slot && players[members[i]].hp > 0) mates++;
    // Ascending keys = nearest first, ties to the lower slot: a total order.
    if (count > 1) keys.subarray(0, count).sort();
    const shown = count < maxVisible ? count : maxVisible;
    startIntArray(fixed + SNAP_PLAYER_SIZE * (mates + shown));
    writeEncoded(tickBytes, tickLength);
    writeGroup(slot);
    writeInts(own, 0, 2);
    writeEncoded(sharedBytes, sharedLength);
    writeInts(own, 2, 2 + ammoCount);
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      if (m !== slot && players[m].hp > 0) writeGroup(m);
    }
    for (let i = 0; i < shown; i++) writeGroup(keys[i] % n);
    send(ctx, OP.SNAPSHOT, finishIntArray(), recipients[slot], false);
  }
}

/**
 * Writes the SNAPSHOT group [slot, x, y, hp] of a player into the snapshot being written: encoded
 * once per tick on first use, then copied into every snapshot showing that player (in a crowd, a
 * player is in a dozen snapshots a tick, and copying bytes is several times cheaper in Goja than
 * encoding the integers again).
 */
function groupWriter(players: BrState['players']): (slot: number) => void {
  const n = players.length;
  const bytes = new Uint8Array(n * SNAP_PLAYER_SIZE * MAX_INT_BYTES);
  // fill: one native call (a push per player costs Goja a method call each).
  const encoded: (Uint8Array | null)[] = new Array(n).fill(null);
  const lengths = new Int32Array(n);
  const group = new Int32Array(SNAP_PLAYER_SIZE);
  return (slot) => {
    let g = encoded[slot];
    if (g === null) {
      const p = players[slot];
      group[SNAP_PLAYER.SLOT] = slot;
      group[SNAP_PLAYER.X] = p.x;
      group[SNAP_PLAYER.Y] = p.y;
      group[SNAP_PLAYER.HP] = p.hp;
      const from = slot * SNAP_PLAYER_SIZE * MAX_INT_BYTES;
      const to = encodeInts(bytes, from, group, 0, SNAP_PLAYER_SIZE);
      g = encoded[slot] = bytes.subarray(from, to);
      lengths[slot] = to - from;
    }
    writeEncoded(g, lengths[slot]);
  };
}
