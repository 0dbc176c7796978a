import { rosterOf, send, type StepContext } from './context';
import { encodeInts, intArrayHeader, intArrayRoom, MAX_INT_BYTES, SET_BYTES } from '../shared/codec';
import { OP, SNAP, SNAP_PLAYER, SNAP_PLAYER_SIZE } from './protocol';
import type { BrPlayer, BrState } from './state';

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
 * loops (for-of goes through iterators), the nearest-first order from sorting integer keys
 * d2 * n + slot (exact: d2 <= interestRadius^2, so keys stay far below 2^53) without a comparator
 * call, and each snapshot written straight to msgpack bytes (the payload is those bytes) in one
 * buffer, mostly by copying bytes encoded once per tick: the integers every snapshot of the tick
 * shares, and the [slot, x, y, hp] group of each player shown (writeGroup, into a buffer per player
 * kept for the match); only the player's own movement budget is encoded per snapshot.
 * Copying bytes is several times cheaper in Goja than encoding the integers again, and a buffer of
 * its own per group spares a subarray per group (about 0.9 us each in Goja).
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
  // What every snapshot of this tick shares, encoded once: the tick (SNAP.TICK), and the zone to
  // the teams alive (SNAP.ZONE_X..TEAMS_ALIVE). A snapshot is then copies of encoded bytes (these,
  // and the player groups: its own [slot, x, y, hp] is SNAP.SLOT..HP) and its own movement budget,
  // the only integer encoded per snapshot.
  const common = [tick, zx, zy, zr, n - state.eliminated, state.teamsAlive];
  const tickBytes = new Uint8Array(MAX_INT_BYTES);
  const tickLength = encodeInts(tickBytes, 0, common, 0, 1);
  const sharedBytes = new Uint8Array(MAX_INT_BYTES * 5);
  const sharedLength = encodeInts(sharedBytes, 0, common, 1, 6);
  // [move] of the player a snapshot is for.
  const own = [0];
  const { recipients, groups } = rosterOf(state);
  // Length of each player's group encoded by this call (0: not yet).
  const groupLengths = new Int32Array(n);
  const stride = group < 0 ? 1 : settings.snapshotEvery;
  const quietEvery = settings.quietSnapshotEvery;
  const quietTurn = group < 0 ? -1 : (tick - state.startTick) % quietEvery;
  // The walk's variables, declared once: see "Hot paths in Goja" in docs/architecture.md.
  let row: number, rowEnd: number, c: number, other: number, dx: number, dy: number, d2: number;
  let o: BrPlayer;
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
    // Cell indexes: each row's first cell, from (x0, y0) to (x0, y1), then x1 - x0 more.
    const lastRow = x0 + cols * y1;
    for (row = x0 + cols * y0; row <= lastRow; row += cols) {
      rowEnd = row + x1 - x0;
      for (c = row; c <= rowEnd; c++) {
        for (other = head[c]; other >= 0; other = next[other]) {
          o = players[other];
          if (o.team === meTeam) continue;
          dx = o.x - meX;
          dy = o.y - meY;
          d2 = dx * dx + dy * dy;
          if (d2 <= radius2) keys[count++] = d2 * n + other;
        }
      }
    }
    // Nobody to show: this player's turn comes every quietSnapshotEvery ticks only.
    if (count === 0 && quietTurn >= 0 && slot % quietEvery !== quietTurn) continue;
    own[0] = me.move;
    const members = state.teams[meTeam].members;
    let mates = 0;
    for (let i = 0; i < members.length; i++) if (members[i] !== slot && players[members[i]].hp > 0) mates++;
    // Ascending keys = nearest first, ties to the lower slot: a total order.
    sortKeys(keys, count);
    const shown = count < maxVisible ? count : maxVisible;
    const ints = SNAP.PLAYERS + SNAP_PLAYER_SIZE * (mates + shown);
    const room = intArrayRoom(ints);
    const b = room <= SCRATCH_SIZE ? SCRATCH : new Uint8Array(room);
    let p = intArrayHeader(b, ints);
    SET_BYTES.call(b, tickBytes, p);
    p = writeGroup(b, p + tickLength, slot, players, groups, groupLengths);
    p = encodeInts(b, p, own, 0, 1);
    SET_BYTES.call(b, sharedBytes, p);
    p += sharedLength;
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      if (m !== slot && players[m].hp > 0) p = writeGroup(b, p, m, players, groups, groupLengths);
    }
    for (let i = 0; i < shown; i++) p = writeGroup(b, p, keys[i] % n, players, groups, groupLengths);
    // SCRATCH_BUFFER, not b.buffer: a named property of a typed array is slow in Goja.
    send(ctx, OP.SNAPSHOT, (b === SCRATCH ? SCRATCH_BUFFER : b.buffer).slice(0, p), recipients[slot], false);
  }
}

/**
 * Copy the [slot, x, y, hp] group of a player into b at p; returns the end. Encoded into the
 * player's buffer (groups[slot]) on first use in a sendSnapshots call (lengths[slot] 0), then
 * copied.
 */
function writeGroup(b: Uint8Array, p: number, slot: number, players: BrState['players'], groups: Uint8Array[], lengths: Int32Array): number {
  const g = groups[slot];
  let length = lengths[slot];
  let pl: BrPlayer; // not in the block below: see "Hot paths in Goja" in docs/architecture.md
  if (length === 0) {
    pl = players[slot];
    GROUP[SNAP_PLAYER.SLOT] = slot;
    GROUP[SNAP_PLAYER.X] = pl.x;
    GROUP[SNAP_PLAYER.Y] = pl.y;
    GROUP[SNAP_PLAYER.HP] = pl.hp;
    length = lengths[slot] = encodeInts(g, 0, GROUP, 0, SNAP_PLAYER_SIZE);
  }
  // The whole buffer (GROUP_ROOM bytes, the room its integers have in b): what lies past `length`
  // is overwritten next or cut off.
  SET_BYTES.call(b, g, p);
  return p + length;
}

const GROUP = [0, 0, 0, 0];

/**
 * Where snapshots are written before their bytes are copied out (module-level: a match VM runs one
 * handler at a time). A bigger one is made for the odd snapshot that needs more.
 */
const SCRATCH_SIZE = 4096;
const SCRATCH = new Uint8Array(SCRATCH_SIZE);
const SCRATCH_BUFFER = SCRATCH.buffer;

/**
 * Sort keys[0..count) ascending. A few keys (the usual snapshot shows two or three players) by
 * insertion, in JavaScript; more by the native sort of a subarray (making the subarray alone costs
 * Goja about as much as sorting three keys here).
 */
function sortKeys(keys: Float64Array, count: number): void {
  if (count > 6) {
    keys.subarray(0, count).sort();
    return;
  }
  let key: number, j: number;
  for (let i = 1; i < count; i++) {
    key = keys[i];
    j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}
