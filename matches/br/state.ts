/**
 * LastToLive match state: plain JSON (it crosses Go on every handler call, and its canonical JSON
 * is hashed for replays), arrays instead of maps, no undefined, integers only. Kept compact: the
 * per-player record is what 100 players multiply. The random generator's state is kept by the
 * shared adapter, not here. The spatial grid is derived from positions each step, never stored.
 */

/** A circle in centimetres. */
export interface BrCircle {
  x: number;
  y: number;
  r: number;
}

export interface BrPlayer {
  /** Nakama user id. */
  userId: string;
  username: string;
  /** Index into BrState.teams. */
  team: number;
  /** Position in integer centimetres, inside [0, mapSize]. */
  x: number;
  y: number;
  /** Hit points; 0 = eliminated (removed from the world, spectating). */
  hp: number;
  /** Connected right now. Disconnected players stay in the world, idle. */
  on: boolean;
  /** Has joined at least once (only they get match_completed). */
  joined: boolean;
  /** Movement budget in cm: refilled by `speed` each tick up to `speed * moveSlackTicks`, spent by moves. */
  move: number;
  /** First tick at which the player may fire again. */
  ready: number;
  /** Rounds left per weapon id. */
  ammo: number[];
  /** Players this player eliminated. */
  kills: number;
  /** Impossible moves refused (cheat signals). */
  cheats: number;
  /** Slot of the player who eliminated this one; -1 while alive or when the zone did. */
  by: number;
  /** Elimination order: 1 = first player eliminated in the match; 0 = alive. */
  out: number;
}

export interface BrTeam {
  /** Team number from the match params (parties) or assigned by order; used in events and messages. */
  team: number;
  /** Slots of the members, ascending. */
  members: number[];
  /** Members still alive. */
  alive: number;
  /** Final placement shared by all members; 0 until known. */
  placement: number;
}

/** One zone phase, resolved from the settings and the seed at match creation. Ticks count from the start of play. */
export interface BrZonePhase {
  /** Ticks after the start when this phase begins (and its target circle is announced). */
  begin: number;
  /** Ticks after the start when the circle starts shrinking towards the target. */
  shrink: number;
  /** Ticks after the start when the circle reaches the target (the next phase begins). */
  end: number;
  /** The target circle. */
  x: number;
  y: number;
  r: number;
  /** Zone damage during this phase (every zoneDamageEvery ticks). */
  damage: number;
}

export type BrPhase = 'waiting' | 'playing' | 'ended';

export interface BrState {
  gameId: string;
  mode: string;
  matchId: string;
  phase: BrPhase;
  /** Last tick the time-driven work ran (the adapter may call step several times in one tick). -1 = never. */
  lastTick: number;
  /** While waiting: the tick by which everyone must have joined (-1 until the first step). */
  joinBy: number;
  /** Tick play started at; -1 while waiting. */
  startTick: number;
  /** In matchmaker order; a player's slot is their index here. */
  players: BrPlayer[];
  /** In order of first appearance in `players`. */
  teams: BrTeam[];
  /** Teams with a living member. */
  teamsAlive: number;
  /** Players eliminated so far (the last `out` given). */
  eliminated: number;
  /** Teams wiped so far (the k-th wiped team of n places n - k + 1). */
  wiped: number;
  /** The circle at the start of play (covers the whole map). */
  zoneStart: BrCircle;
  /** The seeded schedule: each phase's target circle, inside the previous one. */
  schedule: BrZonePhase[];
  /** Index of the current phase in `schedule` (the last one stays current once it ends). */
  zonePhase: number;
  /** The safe circle now. */
  zone: BrCircle;
  /** Index in `teams` of the winning team; -1 while playing or when the match ended with nobody connected. */
  winner: number;
  /** Sequence number of the last domain event emitted (event id = match id + sequence). */
  eventSeq: number;
}
