/**
 * LastToLive match protocol, shared with clients. Every message is `opCode` + a msgpack-encoded
 * payload: plain msgpack maps, except SNAPSHOT (a flat array of integers); no extensions. Client ->
 * server op codes are below 10; server -> client op codes are 10 and above. Positions are integer
 * centimetres on the square map [0, mapSize]^2; players are named by their slot (index in
 * MatchStartMessage.players). Every number in these messages is an integer (the JSON Schema files
 * say so).
 * Documented in docs/protocol-br.md.
 */
/** LastToLive's game id: the `game_id` of its RPCs and matchmaker tickets. */
export const GAME_ID = '5b4f2a9e-3c8d-4e71-a0f6-9d2c7b1e4a38';

export const OP = {
  /** Client -> server: move to a position (checked against the speed cap). Payload: MoveMessage. */
  MOVE: 1,
  /** Client -> server: fire a weapon in a direction. Payload: ShootMessage. */
  SHOOT: 2,
  /** Server -> all (and to a player who rejoins): the match has started. Payload: MatchStartMessage. */
  MATCH_START: 10,
  /** Server -> one player, unreliable, every few ticks: what they can see. Payload: SnapshotMessage (a flat integer array). */
  SNAPSHOT: 11,
  /** Server -> the shooter: how their shot was resolved, with their rounds left and ready tick. Payload: ShotResultMessage. */
  SHOT_RESULT: 12,
  /** Server -> all: a player was eliminated. Payload: KillFeedMessage. */
  KILL_FEED: 13,
  /** Server -> all: a new zone phase (next circle and when it shrinks). Payload: ZoneMessage. */
  ZONE: 14,
  /** Server -> all: the match is over. Payload: MatchResultMessage. */
  MATCH_RESULT: 15,
  /** Server -> one client: a message of theirs was refused; the match goes on. Payload: RejectedMessage. */
  REJECTED: 99,
} as const;

/** Largest absolute value of a ShootMessage direction component. */
export const MAX_DIRECTION = 1000;

export interface MoveMessage {
  /** Where the player now is (integer cm, 0..mapSize). At most `speed` cm per tick from the last accepted position. */
  x: number;
  y: number;
}

export interface ShootMessage {
  /** Direction of the shot as an integer vector, each component -1000..1000, not both 0. */
  dx: number;
  dy: number;
  /** Weapon id: index into MatchStartMessage.weapons. */
  weapon: number;
}

export interface RosterEntry {
  slot: number;
  userId: string;
  username: string;
  /** Team number (shared by teammates). */
  team: number;
}

export interface MatchStartMessage {
  tickRate: number;
  /** Tick play started at (zone ticks are absolute ticks). */
  startTick: number;
  mapSize: number;
  /** Speed cap in cm per tick, and the movement budget cap in cm. */
  speed: number;
  moveBudget: number;
  maxHp: number;
  hitRadius: number;
  players: RosterEntry[];
  weapons: { id: number; name: string; damage: number; range: number; cooldownTicks: number; ammo: number }[];
  /**
   * The receiving player's loadout: rounds left per weapon id and the first tick they may fire.
   * At the start everyone's is the same (each weapon's full ammo, ready at once); a rejoining
   * player gets their own. After that each SHOT_RESULT carries the new values, so snapshots do not.
   */
  you: Loadout;
}

export interface Loadout {
  ammo: number[];
  readyTick: number;
}

/**
 * SNAPSHOT (op 11): what one player sees, as ONE flat msgpack array of integers (no maps, no
 * nesting). Why: snapshots are most of what the server encodes (one per player every
 * `snapshotEvery` ticks) and in Nakama's Goja a flat integer array encodes about 3 times faster
 * than the same data as nested maps. Positions:
 *
 *   [0]  tick         the tick it was taken at
 *   [1]  slot         your slot
 *   [2]  x            your position (cm)
 *   [3]  y
 *   [4]  hp           your hit points; 0 = eliminated (spectating from where you fell)
 *   [5]  move         your movement budget left (cm)
 *   [6]  zoneX        the safe circle now (cm)
 *   [7]  zoneY
 *   [8]  zoneR
 *   [9]  alive        players still alive
 *   [10] teamsAlive   teams still alive
 *   then 4 integers per visible player, from index 11 (SNAP.PLAYERS): slot, x, y, hp
 *   (your living teammates first, by slot; then others nearest first, ties: lower slot).
 *
 * Your rounds left and ready tick are not here: they change only when you fire, and SHOT_RESULT
 * (and MATCH_START's `you`) carries them. Use SNAP for the positions and readSnapshot to get the
 * object form (SnapshotView).
 */
export type SnapshotMessage = number[];

/** Positions in a SnapshotMessage; the visible players' groups start at PLAYERS. */
export const SNAP = {
  TICK: 0,
  SLOT: 1,
  X: 2,
  Y: 3,
  HP: 4,
  MOVE: 5,
  ZONE_X: 6,
  ZONE_Y: 7,
  ZONE_R: 8,
  ALIVE: 9,
  TEAMS_ALIVE: 10,
  PLAYERS: 11,
} as const;

/** Integers per visible player in a SnapshotMessage, and their offsets in each group. */
export const SNAP_PLAYER_SIZE = 4;
export const SNAP_PLAYER = { SLOT: 0, X: 1, Y: 2, HP: 3 } as const;

/** A SnapshotMessage in object form (readSnapshot). Other players: [slot, x, y, hp], in the snapshot's order. */
export interface SnapshotView {
  tick: number;
  you: {
    slot: number;
    x: number;
    y: number;
    /** 0 = eliminated (spectating from where they fell). */
    hp: number;
    /** Movement budget left (cm). */
    move: number;
  };
  /** The safe circle now: [x, y, r]. */
  zone: number[];
  /** Players and teams still alive. */
  alive: number;
  teamsAlive: number;
  players: number[][];
}

/** The object form of a SnapshotMessage; throws on an array that does not have the layout above. */
export function readSnapshot(snapshot: SnapshotMessage): SnapshotView {
  if (!Array.isArray(snapshot) || snapshot.length < SNAP.PLAYERS || !snapshot.every((v) => Number.isInteger(v))) {
    throw new Error(`snapshot: must be an array of at least ${SNAP.PLAYERS} integers`);
  }
  if ((snapshot.length - SNAP.PLAYERS) % SNAP_PLAYER_SIZE !== 0) {
    throw new Error(`snapshot: ${snapshot.length} integers are not ${SNAP.PLAYERS} and groups of ${SNAP_PLAYER_SIZE}`);
  }
  const players: number[][] = [];
  for (let i = SNAP.PLAYERS; i < snapshot.length; i += SNAP_PLAYER_SIZE) players.push(snapshot.slice(i, i + SNAP_PLAYER_SIZE));
  return {
    tick: snapshot[SNAP.TICK],
    you: { slot: snapshot[SNAP.SLOT], x: snapshot[SNAP.X], y: snapshot[SNAP.Y], hp: snapshot[SNAP.HP], move: snapshot[SNAP.MOVE] },
    zone: [snapshot[SNAP.ZONE_X], snapshot[SNAP.ZONE_Y], snapshot[SNAP.ZONE_R]],
    alive: snapshot[SNAP.ALIVE],
    teamsAlive: snapshot[SNAP.TEAMS_ALIVE],
    players,
  };
}

export interface ShotResultMessage {
  weapon: number;
  /** Slot hit, or -1 for a miss. */
  hit: number;
  damage: number;
  /** The target's hit points after the hit (0 = eliminated); -1 on a miss. */
  targetHp: number;
  /** Rounds left for this weapon, and the first tick the player may fire again. */
  ammo: number;
  readyTick: number;
}

export interface KillFeedMessage {
  /** Slot of the killer, or -1 for the zone. */
  killer: number;
  victim: number;
  /** Weapon name, or 'zone'. */
  weapon: string;
  /** Whole metres between killer and victim (0 for the zone). */
  distance: number;
  /** When this elimination wiped the victim's team: the team's placement, else null. */
  placement: number | null;
  alive: number;
  teamsAlive: number;
}

export interface ZoneMessage {
  /** 0-based phase index. */
  phase: number;
  /** The circle now and the circle it will shrink to: [x, y, r]. */
  from: number[];
  to: number[];
  /** Absolute ticks: the shrink starts and ends. */
  shrinkTick: number;
  endTick: number;
  /** Hit points taken every `damageEvery` ticks outside the circle during this phase. */
  damage: number;
  damageEvery: number;
}

export interface Standing {
  slot: number;
  userId: string;
  username: string;
  team: number;
  /** Team placement (teammates share it): 1 = winner. See docs/protocol-br.md for the rule. */
  placement: number;
  kills: number;
}

export interface MatchResultMessage {
  /** Team number of the winning team, or null when the match ended because everyone left. */
  winnerTeam: number | null;
  /** By placement, then slot. */
  standings: Standing[];
}

export interface RejectedMessage {
  /** The op code of the refused message. */
  opCode: number;
  /** What was wrong, naming the field, e.g. "x: must be an integer", "weapon: cooling down until tick 42". */
  reason: string;
}

/**
 * The payload of every op code: one map for typed clients (client/) and the JSON Schema files
 * (schemas/messages/lasttolive/), generated from it by `npm run build:client`.
 */
export interface Payloads {
  [OP.MOVE]: MoveMessage;
  [OP.SHOOT]: ShootMessage;
  [OP.MATCH_START]: MatchStartMessage;
  [OP.SNAPSHOT]: SnapshotMessage;
  [OP.SHOT_RESULT]: ShotResultMessage;
  [OP.KILL_FEED]: KillFeedMessage;
  [OP.ZONE]: ZoneMessage;
  [OP.MATCH_RESULT]: MatchResultMessage;
  [OP.REJECTED]: RejectedMessage;
}
