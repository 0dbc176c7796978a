/**
 * LastToLive tuning: every number the rules use, in integer units (centimetres, ticks, hit points)
 * so that the simulation is exact in every JavaScript engine. Documented in docs/protocol-br.md.
 */

/** A weapon: hitscan, one target per shot (the first living enemy along the ray). */
export interface WeaponSpec {
  /** Name used in the kill feed and in `kill` events. */
  name: string;
  /** Hit points one hit takes. */
  damage: number;
  /** Centimetres from the shooter to the target's centre projected on the ray. */
  range: number;
  /** Ticks after a shot before the player may fire again (any weapon). */
  cooldownTicks: number;
  /** Rounds a player starts with; no pick-ups. */
  ammo: number;
}

/** One phase of the safe zone: a wait with the circle still, then a linear shrink to `radius`. */
export interface ZonePhaseSpec {
  waitTicks: number;
  shrinkTicks: number;
  /** Radius (cm) the circle shrinks to. The last phase must end at 0. */
  radius: number;
  /** Hit points taken every `zoneDamageEvery` ticks by a player outside the circle during this phase. */
  damage: number;
}

export interface BrSettings {
  tickRate: number;
  /** The map is the square [0, mapSize] x [0, mapSize], in centimetres. */
  mapSize: number;
  /** Ticks after the first step to wait for every listed player before starting with whoever came. */
  joinTimeoutTicks: number;
  /** Speed cap: centimetres a player may move per tick. */
  speed: number;
  /** The movement budget caps at `speed * moveSlackTicks` (tolerates bunched messages). */
  moveSlackTicks: number;
  maxHp: number;
  /** Radius (cm) of a player's hit circle. */
  hitRadius: number;
  /** Snapshots show other players within this many centimetres (teammates always). */
  interestRadius: number;
  /** At most this many non-teammates per snapshot (nearest first). */
  maxVisible: number;
  /** A snapshot goes to each connected player every this many ticks. */
  snapshotEvery: number;
  /** ... but to a player with no enemy within interestRadius only every this many (a multiple of snapshotEvery). */
  quietSnapshotEvery: number;
  /** Side (cm) of a spatial-grid cell. */
  cellSize: number;
  /** Zone damage is applied every this many ticks. */
  zoneDamageEvery: number;
  /** Team spawn points keep this far (cm) from the map edge. */
  spawnMargin: number;
  /**
   * Side (cm) of the square drop area per sqrt(team count), centred on the map: small matches drop
   * close together instead of spreading a handful of players over the whole map.
   */
  spawnSpreadPerTeam: number;
  zone: ZonePhaseSpec[];
  weapons: WeaponSpec[];
}

/** Weapon ids are indexes into this table (the SHOOT message's `weapon`). */
export const WEAPONS: WeaponSpec[] = [
  { name: 'pistol', damage: 15, range: 2500, cooldownTicks: 3, ammo: 60 },
  { name: 'rifle', damage: 25, range: 6000, cooldownTicks: 6, ammo: 40 },
  { name: 'smg', damage: 8, range: 1500, cooldownTicks: 1, ammo: 150 },
];

const TICK_RATE = 10;
const seconds = (s: number) => s * TICK_RATE;

/** The live game: a 1 km map, 10 ticks per second, a zone that closes completely after 450 s. */
export const DEFAULT_BR_SETTINGS: BrSettings = {
  tickRate: TICK_RATE,
  mapSize: 100000,
  joinTimeoutTicks: seconds(30),
  speed: 60,
  moveSlackTicks: 3,
  maxHp: 100,
  hitRadius: 50,
  interestRadius: 6000,
  maxVisible: 32,
  snapshotEvery: 2,
  quietSnapshotEvery: 4,
  // Why as large as interestRadius: a snapshot then walks 3 x 3 cells instead of 5 x 5; players are sparse.
  cellSize: 6000,
  zoneDamageEvery: TICK_RATE,
  spawnMargin: 2000,
  spawnSpreadPerTeam: 8000,
  zone: [
    { waitTicks: seconds(90), shrinkTicks: seconds(60), radius: 35000, damage: 2 },
    { waitTicks: seconds(60), shrinkTicks: seconds(45), radius: 18000, damage: 4 },
    { waitTicks: seconds(45), shrinkTicks: seconds(30), radius: 8000, damage: 8 },
    { waitTicks: seconds(30), shrinkTicks: seconds(25), radius: 3500, damage: 15 },
    { waitTicks: seconds(20), shrinkTicks: seconds(20), radius: 1200, damage: 30 },
    { waitTicks: seconds(10), shrinkTicks: seconds(15), radius: 0, damage: 100 },
  ],
  weapons: WEAPONS,
};

/** Problems with settings (empty when valid). The bound on match length relies on these. */
export function checkSettings(s: BrSettings): string[] {
  const problems: string[] = [];
  const positiveInts: (keyof BrSettings)[] = ['tickRate', 'mapSize', 'joinTimeoutTicks', 'speed', 'moveSlackTicks', 'maxHp', 'hitRadius', 'interestRadius', 'maxVisible', 'snapshotEvery', 'quietSnapshotEvery', 'cellSize', 'zoneDamageEvery', 'spawnSpreadPerTeam'];
  for (const key of positiveInts) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) problems.push(`${key}: must be a positive integer`);
  }
  if (s.quietSnapshotEvery % s.snapshotEvery !== 0) problems.push('quietSnapshotEvery: must be a multiple of snapshotEvery');
  // Why: products of coordinates and directions must stay below 2^53 to be exact everywhere.
  if (s.mapSize > 1000000) problems.push('mapSize: at most 1000000 cm');
  if (s.hitRadius > 1000) problems.push('hitRadius: at most 1000 cm');
  if (s.zone.length === 0) problems.push('zone: needs at least one phase');
  s.zone.forEach((z, i) => {
    if (![z.waitTicks, z.shrinkTicks, z.radius, z.damage].every((v) => Number.isInteger(v) && v >= 0)) problems.push(`zone[${i}]: integers >= 0`);
    if (z.shrinkTicks === 0) problems.push(`zone[${i}].shrinkTicks: must be > 0`);
    if (i > 0 && z.radius > s.zone[i - 1].radius) problems.push(`zone[${i}].radius: must not grow`);
  });
  const last = s.zone[s.zone.length - 1];
  if (last && (last.radius !== 0 || last.damage <= 0)) problems.push('zone: the last phase must close to radius 0 with damage > 0 (it bounds the match length)');
  if (s.zone.length > 0 && s.zone[0].radius * 2 > s.mapSize) problems.push('zone[0].radius: must fit in the map');
  if (s.weapons.length === 0) problems.push('weapons: needs at least one');
  s.weapons.forEach((w, i) => {
    if (![w.damage, w.range, w.cooldownTicks, w.ammo].every((v) => Number.isInteger(v) && v > 0)) problems.push(`weapons[${i}]: positive integers`);
    // Why: keeps the hit test's integer products (range^2 * |direction|^2) below 2^53.
    if (w.range > 20000) problems.push(`weapons[${i}].range: at most 20000 cm`);
  });
  return problems;
}
