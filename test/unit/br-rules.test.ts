import { validateGames } from '../../core/game-registry';
import type { Outgoing, StepResult } from '../../matches/shared/game-rules';
import type { MatchParams, MatchPlayer } from '../../matches/shared/match-params';
import { pack } from 'msgpackr';
import { decodeMessage } from '../../matches/shared/codec';
import { createRng, seedRng } from '../../matches/shared/rng';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { CHEAT_EVENT_EVERY } from '../../matches/br/movement';
import { OP, readSnapshot, SNAP, type KillFeedMessage, type MatchStartMessage, type MatchResultMessage, type ShotResultMessage, type SnapshotMessage } from '../../matches/br/protocol';
import { BR_RULES, createBrRules, type BrRules } from '../../matches/br/rules';
import { checkSettings, DEFAULT_BR_SETTINGS, type BrSettings } from '../../matches/br/settings';
import { assignTeams } from '../../matches/br/setup';
import { createSimulation, type Simulation } from '../../matches/br/simulate';
import type { BrState } from '../../matches/br/state';
import { circleAt } from '../../matches/br/zone';

/** Settings with a zone that stays out of the way (unless a test moves the clock far). */
const UNIT: BrSettings = {
  ...DEFAULT_BR_SETTINGS,
  joinTimeoutTicks: 20,
  zone: [{ waitTicks: 1000, shrinkTicks: 1000, radius: 10000, damage: 1 }, { waitTicks: 10, shrinkTicks: 10, radius: 0, damage: 100 }],
};
const RULES = createBrRules(UNIT);
const [PISTOL, RIFLE, SMG] = [0, 1, 2];

function players(n: number, teams?: number[]): MatchPlayer[] {
  return Array.from({ length: n }, (_, i) => (teams ? { userId: `u${i}`, username: `p${i}`, team: teams[i] } : { userId: `u${i}`, username: `p${i}` }));
}
function params(mode: string, n: number, seed = 'seed-1', teams?: number[]): MatchParams {
  return { game: LASTTOLIVE, mode, players: players(n, teams), seed };
}
const joins = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'join' as const, userId: `u${i}` }));

/** A match in play at tick 1 with every player joined; players can then be placed by hand. */
function playing(mode: string, n: number, rules: BrRules = RULES): Simulation {
  const sim = createSimulation(rules, params(mode, n), 'm1');
  sim.step(joins(n), 1);
  expect(sim.state.phase).toBe('playing');
  return sim;
}
function place(state: BrState, slot: number, x: number, y: number): void {
  state.players[slot].x = x;
  state.players[slot].y = y;
}
const ofOp = (out: StepResult<BrState>, op: number): Outgoing[] => out.messages.filter((m) => m.opCode === op);
/** A snapshot the rules sent: its payload is already msgpack bytes. */
const snapshotOf = (m: Outgoing) => decodeMessage(m.payload as ArrayBuffer) as SnapshotMessage;
const rejections = (out: StepResult<BrState>) => ofOp(out, OP.REJECTED).map((m) => (m.payload as { reason: string }).reason);
const types = (out: StepResult<BrState>) => out.events.map((e) => `${e.type}:${e.userId}`);
const move = (userId: string, x: number, y: number) => ({ kind: 'move' as const, userId, x, y });
const shoot = (userId: string, dx: number, dy: number, weapon: number) => ({ kind: 'shoot' as const, userId, dx, dy, weapon });

describe('LastToLive definition and teams', () => {
  test('the game definition is valid, with its own id and the br match module', () => {
    expect(LASTTOLIVE).toMatchObject({ id: '5b4f2a9e-3c8d-4e71-a0f6-9d2c7b1e4a38', slug: 'lasttolive', matchModule: 'br', currencies: ['coins', 'gems', 'xp'] });
    expect(LASTTOLIVE.modes).toEqual({
      solo: { minPlayers: 2, maxPlayers: 100, maxPartySize: 1, rating: 'weng-lin' },
      duo: { minPlayers: 2, maxPlayers: 100, maxPartySize: 2, rating: 'weng-lin' },
      squad: { minPlayers: 2, maxPlayers: 100, maxPartySize: 4, rating: 'weng-lin' },
    });
    expect(validateGames([LASTTOLIVE])).toEqual([]);
    expect(BR_RULES).toMatchObject({ module: 'br', tickRate: 10, maxMessagesPerSecond: 30, rejectOpCode: 99 });
  });

  test('teams are assigned by order (1/2/4 per team), never fewer than two teams; party teams are kept', () => {
    expect(assignTeams(players(3), 'solo')).toEqual([0, 1, 2]);
    expect(assignTeams(players(5), 'duo')).toEqual([0, 0, 1, 1, 2]);
    expect(assignTeams(players(9), 'squad')).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2]);
    expect(assignTeams(players(2), 'squad')).toEqual([0, 1]);
    expect(assignTeams(players(5, [7, 7, -1 as number, 3, 1.5]), 'duo')).toEqual([7, 7, 8, 3, 8]);
    const state = RULES.init(params('duo', 4, 's', [5, 9, 5, 9]), 'm', createRng(seedRng('s')));
    expect(state.teams.map((t) => [t.team, t.members])).toEqual([[5, [0, 2]], [9, [1, 3]]]);
  });
});

describe('match flow', () => {
  test('starts when every listed player joined: roster, zone phase 0 and snapshots are sent', () => {
    const sim = createSimulation(RULES, params('solo', 3), 'm1');
    expect(sim.step(joins(2), 1).messages).toEqual([]);
    expect(sim.state.phase).toBe('waiting');
    const out = sim.step([{ kind: 'join', userId: 'u2' }], 2);
    expect(sim.state.phase).toBe('playing');
    expect(sim.state.startTick).toBe(2);
    expect(out.messages.map((m) => m.opCode)).toEqual([OP.MATCH_START, OP.ZONE, OP.SNAPSHOT, OP.SNAPSHOT, OP.SNAPSHOT]);
    const start = out.messages[0].payload as MatchStartMessage;
    expect(start.players[1]).toEqual({ slot: 1, userId: 'u1', username: 'p1', team: 1 });
    expect(start.you).toEqual({ ammo: start.weapons.map((w) => w.ammo), readyTick: 0 });
    expect(out.messages.filter((m) => m.opCode === OP.SNAPSHOT).every((m) => m.reliable === false)).toBe(true);
  });

  test('starts at the join timeout with whoever is connected; absent players stay in the world, idle', () => {
    const sim = createSimulation(RULES, params('solo', 3), 'm1');
    sim.step(joins(2), 1);
    sim.step([], 20);
    expect(sim.state.phase).toBe('waiting');
    sim.step([], 21);
    expect(sim.state.phase).toBe('playing');
    expect(sim.state.players[2]).toMatchObject({ on: false, joined: false, hp: 100 });
  });

  test('nobody joining by the timeout ends the match with match_abandoned alone', () => {
    const sim = createSimulation(RULES, params('solo', 3), 'm1');
    sim.step([], 1); // the first step starts the join clock
    expect(sim.step([], 20).events).toEqual([]);
    expect(sim.state.phase).toBe('waiting');
    const out = sim.step([], 21);
    expect(sim.state.phase).toBe('ended');
    expect(out.events.map((e) => [e.type, e.userId, e.data])).toEqual([['match_abandoned', '', { mode: 'solo', players: sim.state.players.map((p) => p.userId) }]]);
  });

  test('inputs before the start, and inputs of eliminated players, are refused', () => {
    const sim = createSimulation(RULES, params('solo', 3), 'm1');
    expect(rejections(sim.step([{ kind: 'join', userId: 'u0' }, move('u0', 0, 0)], 1))).toEqual(['match: not started yet']);
    sim.step(joins(3), 2);
    sim.state.players[1].hp = 0;
    expect(rejections(sim.step([move('u1', 0, 0), shoot('u1', 1, 0, 0)], 3))).toEqual(['player: eliminated', 'player: eliminated']);
  });

  test('a disconnected player stays in the world and gets the roster and their own loadout again when rejoining', () => {
    const sim = playing('solo', 3);
    sim.step([{ kind: 'leave', userId: 'u1' }], 2);
    expect(sim.state.players[1].on).toBe(false);
    sim.state.players[1].ammo[1] = 12;
    sim.state.players[1].ready = 9;
    const out = sim.step([{ kind: 'join', userId: 'u1' }], 3);
    expect(ofOp(out, OP.MATCH_START).map((m) => m.to)).toEqual([['u1']]);
    expect((ofOp(out, OP.MATCH_START)[0].payload as MatchStartMessage).you).toEqual({ ammo: [60, 12, 150], readyTick: 9 });
    expect(ofOp(out, OP.ZONE).map((m) => m.to)).toEqual([['u1']]);
  });

  test('only listed players may join, and nobody after the end', () => {
    const sim = playing('solo', 2);
    expect(RULES.canJoin(sim.state, 'u1')).toBeNull();
    expect(RULES.canJoin(sim.state, 'stranger')).toBe('you are not a player of this match');
    sim.state.phase = 'ended';
    expect(RULES.canJoin(sim.state, 'u1')).toBe('the match has ended');
  });

  test('when nobody is connected the match ends: survivors placed by alive, hp, kills, team order; no winner', () => {
    const sim = playing('solo', 3);
    sim.state.players[2].hp = 40;
    const out = sim.step([{ kind: 'leave', userId: 'u0' }, { kind: 'leave', userId: 'u1' }, { kind: 'leave', userId: 'u2' }], 2);
    expect(sim.state.phase).toBe('ended');
    expect(RULES.isOver(sim.state)).toBe(true);
    expect(types(out)).toEqual(['match_completed:u0', 'match_completed:u1', 'match_completed:u2', 'match_ended:']);
    expect(sim.state.teams.map((t) => t.placement)).toEqual([1, 2, 3]);
    expect((ofOp(out, OP.MATCH_RESULT)[0].payload as MatchResultMessage).winnerTeam).toBeNull();
  });

  test('time-driven work runs once per tick even when step is called several times in it', () => {
    const sim = playing('solo', 2);
    sim.state.players[0].move = 0;
    sim.step([], 2);
    sim.step([{ kind: 'leave', userId: 'u1' }], 2);
    sim.step([{ kind: 'join', userId: 'u1' }], 2);
    expect(sim.state.players[0].move).toBe(UNIT.speed);
  });
});

describe('movement', () => {
  test('moves within the budget are accepted; the budget refills by speed per tick up to its cap', () => {
    const sim = playing('solo', 2);
    place(sim.state, 0, 10000, 10000);
    sim.state.players[0].move = 0;
    // Budget 60 after the refill: a 3-4-5 move of exactly 60 cm is accepted (squared comparison, no rounding).
    expect(rejections(sim.step([move('u0', 10036, 10048)], 2))).toEqual([]);
    expect(sim.state.players[0]).toMatchObject({ x: 10036, y: 10048, move: 0, cheats: 0 });
    for (let t = 3; t < 10; t++) sim.step([], t);
    expect(sim.state.players[0].move).toBe(UNIT.speed * UNIT.moveSlackTicks);
    sim.step([move('u0', 10036 + 100, 10048), move('u0', 10036 + 180, 10048)], 10);
    expect(sim.state.players[0]).toMatchObject({ x: 10216, move: 0 });
  });

  test('an impossible move is refused, leaves the player in place and is recorded as a cheat signal', () => {
    const sim = playing('solo', 2);
    place(sim.state, 0, 10000, 10000);
    const out = sim.step([move('u0', 10000 + 181, 10000)], 2);
    expect(rejections(out)).toEqual(['speed: moved 181 cm with a budget of 180 cm']);
    expect(sim.state.players[0]).toMatchObject({ x: 10000, y: 10000, cheats: 1 });
    expect(out.events).toEqual([expect.objectContaining({ type: 'cheat_signal', userId: 'u0', id: 'm1:2', data: { reason: 'speed', detail: 'speed: moved 181 cm with a budget of 180 cm', count: 1 } })]);
    // Further signals are counted; events only every CHEAT_EVENT_EVERY-th, so a cheater cannot flood plugins.
    let signals = 0;
    for (let t = 3; t < 3 + CHEAT_EVENT_EVERY; t++) signals += sim.step([move('u0', 20000, 20000)], t).events.length;
    expect(sim.state.players[0].cheats).toBe(1 + CHEAT_EVENT_EVERY);
    expect(signals).toBe(1);
  });
});

describe('shooting', () => {
  function duel(): Simulation {
    const sim = playing('solo', 4);
    place(sim.state, 0, 10000, 10000);
    place(sim.state, 1, 12000, 10000); // 20 m east of slot 0
    place(sim.state, 2, 40000, 40000);
    place(sim.state, 3, 40000, 45000);
    return sim;
  }
  const shot = (out: StepResult<BrState>) => ofOp(out, OP.SHOT_RESULT)[0].payload as ShotResultMessage;

  test('a hit within range deals the weapon damage, spends a round and starts the cooldown', () => {
    const sim = duel();
    const out = sim.step([shoot('u0', 1000, 0, RIFLE)], 2);
    expect(shot(out)).toEqual({ weapon: RIFLE, hit: 1, damage: 25, targetHp: 75, ammo: 39, readyTick: 2 + 6 });
    expect(ofOp(out, OP.SHOT_RESULT)[0].to).toEqual(['u0']);
  });

  test('out of range, off the line, or behind the shooter is a miss; the hit circle edge counts', () => {
    const sim = duel();
    expect(shot(sim.step([shoot('u0', 1, 0, SMG)], 2)).hit).toBe(-1); // 20 m > 15 m
    expect(shot(sim.step([shoot('u0', -1, 0, RIFLE)], 3)).hit).toBe(-1);
    place(sim.state, 1, 12000, 10051);
    expect(shot(sim.step([shoot('u0', 1, 0, RIFLE)], 10)).hit).toBe(-1);
    place(sim.state, 1, 12000, 10050);
    expect(shot(sim.step([shoot('u0', 1, 0, RIFLE)], 20)).hit).toBe(1);
    place(sim.state, 1, 10000 + 2500, 10000);
    expect(shot(sim.step([shoot('u0', 1, 0, PISTOL)], 30)).hit).toBe(1); // exactly at range
    place(sim.state, 1, 10000 + 2501, 10000);
    expect(shot(sim.step([shoot('u0', 1, 0, PISTOL)], 40)).hit).toBe(-1);
  });

  test('the first enemy along the ray is hit (ties: lower slot); teammates neither take hits nor block', () => {
    const sim = playing('duo', 6); // teams: [0,1] [2,3] [4,5]
    const s = sim.state;
    place(s, 0, 10000, 10000);
    place(s, 1, 10500, 10000); // teammate in front
    place(s, 4, 11500, 10000);
    place(s, 2, 11000, 10040);
    place(s, 3, 11000, 9960); // same projection as slot 2
    place(s, 5, 30000, 30000);
    expect(shot(sim.step([shoot('u0', 1, 0, RIFLE)], 2)).hit).toBe(2);
    expect(s.players[1].hp).toBe(100);
  });

  test('shots during the cooldown or without ammo are refused', () => {
    const sim = duel();
    sim.step([shoot('u0', 1, 0, RIFLE)], 2);
    expect(rejections(sim.step([shoot('u0', 1, 0, PISTOL)], 7))).toEqual(['weapon: cooling down until tick 8']);
    sim.state.players[0].ammo[PISTOL] = 0;
    expect(rejections(sim.step([shoot('u0', 1, 0, PISTOL)], 8))).toEqual(['weapon: no ammo left for pistol']);
    expect(sim.state.players[1].hp).toBe(75);
  });
});

describe('eliminations, kill feed and wipes', () => {
  test('a kill emits kill {weapon, distance, victim}, feeds all, and counts for the killer', () => {
    const sim = playing('solo', 3);
    place(sim.state, 0, 10000, 10000);
    place(sim.state, 1, 13456, 10000);
    place(sim.state, 2, 40000, 40000);
    sim.state.players[1].hp = 20;
    const out = sim.step([shoot('u0', 1, 0, RIFLE)], 2);
    expect(types(out)).toEqual(['kill:u0', 'eliminated:u1']);
    expect(out.events[0].data).toEqual({ weapon: 'rifle', distance: 34, victim: 'u1' });
    expect(out.events[1].data).toEqual({ placement: 3, team: 1 });
    const feed = ofOp(out, OP.KILL_FEED)[0];
    expect(feed.to).toBeNull();
    expect(feed.payload).toEqual({ killer: 0, victim: 1, weapon: 'rifle', distance: 34, placement: 3, alive: 2, teamsAlive: 2 } as KillFeedMessage);
    expect(sim.state.players[0].kills).toBe(1);
    expect(sim.state.players[1]).toMatchObject({ hp: 0, by: 0, out: 1 });
  });

  test('wiping a duo alone emits squad_wiped and squad_wipe_solo; a shared wipe only squad_wiped', () => {
    const sim = playing('duo', 8); // teams [0,1] [2,3] [4,5] [6,7]
    const s = sim.state;
    [[0, 10000, 10000], [1, 10000, 12000], [2, 11000, 10000], [3, 11000, 12000], [4, 10000, 11000], [5, 11000, 11000], [6, 40000, 40000], [7, 40000, 40100]]
      .forEach(([slot, x, y]) => place(s, slot, x, y));
    s.players[2].hp = s.players[3].hp = s.players[4].hp = s.players[5].hp = 10;
    sim.step([shoot('u0', 1, 0, RIFLE)], 2);
    const solo = sim.step([shoot('u0', 1, 2, RIFLE)], 10);
    expect(types(solo)).toEqual(['kill:u0', 'eliminated:u2', 'eliminated:u3', 'squad_wiped:u0', 'squad_wipe_solo:u0']);
    expect(solo.events[3].data).toEqual({ team: 1, members: 2 });
    sim.step([shoot('u0', 0, 1, RIFLE)], 20); // u0 kills u4
    const shared = sim.step([shoot('u1', 1, -1, RIFLE)], 21); // u1 kills u5
    expect(types(shared)).toEqual(['kill:u1', 'eliminated:u4', 'eliminated:u5', 'squad_wiped:u1']);
    expect(shared.events[1].data).toEqual({ placement: 3, team: 2 });
  });

  test('the last team alive wins: placements by elimination order, shared by teammates, match events for all', () => {
    const sim = playing('duo', 4); // teams [0,1] [2,3]
    const s = sim.state;
    place(s, 0, 10000, 10000);
    place(s, 1, 10000, 12000);
    place(s, 2, 11000, 10000);
    place(s, 3, 30000, 30000);
    s.players[2].hp = 10;
    s.players[3].hp = 0; // already out by hand; team 1 has one member left
    s.teams[1].alive = 1;
    const out = sim.step([shoot('u1', 1, -2, RIFLE)], 2);
    expect(sim.state.phase).toBe('ended');
    expect(types(out)).toEqual(['kill:u1', 'eliminated:u2', 'eliminated:u3', 'squad_wiped:u1',
      'match_won:u0', 'match_won:u1', 'match_completed:u0', 'match_completed:u1', 'match_completed:u2', 'match_completed:u3', 'match_ended:']);
    const ended = out.events[out.events.length - 1];
    expect(ended.data).toEqual({ mode: 'duo', standings: [
      { userId: 'u0', placement: 1, score: 0, team: 0 }, { userId: 'u1', placement: 1, score: 1, team: 0 },
      { userId: 'u2', placement: 2, score: 0, team: 1 }, { userId: 'u3', placement: 2, score: 0, team: 1 }] });
    const result = ofOp(out, OP.MATCH_RESULT)[0].payload as MatchResultMessage;
    expect(result.winnerTeam).toBe(0);
    // Once ended the state is final (its hash is recorded): inputs are refused, presences change nothing.
    const final = JSON.stringify(sim.state);
    expect(rejections(sim.step([move('u0', 10000, 10001), { kind: 'leave', userId: 'u1' }], 3))).toEqual(['match: over']);
    expect(sim.step([], 4).messages).toEqual([]);
    expect(JSON.stringify(sim.state)).toBe(final);
  });
});

describe('zone', () => {
  test('the schedule is seeded: the same seed gives the same circles, each inside the previous and the map', () => {
    const a = createSimulation(BR_RULES, params('solo', 2, 'alpha'), 'm').state;
    const b = createSimulation(BR_RULES, params('solo', 2, 'alpha'), 'm').state;
    const c = createSimulation(BR_RULES, params('solo', 2, 'beta'), 'm').state;
    expect(a.schedule).toEqual(b.schedule);
    expect(c.schedule).not.toEqual(a.schedule);
    let prev = a.zoneStart;
    for (const phase of a.schedule) {
      const d = Math.sqrt((phase.x - prev.x) ** 2 + (phase.y - prev.y) ** 2);
      expect(d + phase.r).toBeLessThanOrEqual(prev.r);
      expect(Math.min(phase.x - phase.r, phase.y - phase.r)).toBeGreaterThanOrEqual(0);
      expect(Math.max(phase.x + phase.r, phase.y + phase.r)).toBeLessThanOrEqual(DEFAULT_BR_SETTINGS.mapSize);
      prev = phase;
    }
    expect(a.schedule.map((p) => [p.begin, p.shrink, p.end])[1]).toEqual([1500, 2100, 2550]);
  });

  test('the circle shrinks linearly (integer interpolation, floor) from the previous circle to the target', () => {
    const s = playing('solo', 2, BR_RULES).state;
    const [first, second] = s.schedule;
    expect(circleAt(s, 0, first.shrink)).toEqual(s.zoneStart);
    const mid = first.shrink + 123;
    const lerp = (a: number, b: number) => a + Math.floor(((b - a) * 123) / (first.end - first.shrink));
    expect(circleAt(s, 0, mid)).toEqual({ x: lerp(s.zoneStart.x, first.x), y: lerp(s.zoneStart.y, first.y), r: lerp(s.zoneStart.r, first.r) });
    expect(circleAt(s, 1, second.begin)).toEqual({ x: first.x, y: first.y, r: first.r });
    expect(circleAt(s, 1, second.end + 50)).toEqual({ x: second.x, y: second.y, r: second.r });
  });

  test('players outside the circle (strictly) take the running phase\'s damage once every damage interval', () => {
    const rules = createBrRules({ ...UNIT, zone: [{ waitTicks: 0, shrinkTicks: 1, radius: 5000, damage: 50 }, { waitTicks: 1000, shrinkTicks: 10, radius: 0, damage: 3 }] });
    const sim = playing('solo', 3, rules);
    const s = sim.state;
    const target = s.schedule[0];
    place(sim.state, 0, target.x, target.y);
    place(sim.state, 1, target.x + 3000, target.y + 4000); // exactly on the edge: outside (inside is strict)
    place(sim.state, 2, target.x + 3000, target.y + 3999);
    const hp = () => s.players.map((p) => p.hp);
    for (let tick = 2; tick <= 10; tick++) sim.step([], tick);
    expect(hp()).toEqual([100, 100, 100]);
    sim.step([], 11); // 10 ticks after the start; phase 0 (damage 50) ended at 1: phase 1's wait (damage 3) runs
    expect(hp()).toEqual([100, 97, 100]);
    for (let tick = 12; tick <= 20; tick++) sim.step([], tick);
    expect(hp()).toEqual([100, 97, 100]);
    sim.step([], 21);
    sim.step([], 21); // a second call in the same tick does not hurt twice
    expect(hp()).toEqual([100, 94, 100]);
  });

  test('zone deaths come lowest hit points first, without kill events; the last team alive wins', () => {
    const sim = playing('solo', 3);
    const s = sim.state;
    s.zone = { x: 0, y: 0, r: 0 };
    s.startTick = 1;
    s.schedule[0] = { ...s.schedule[0], shrink: 0, end: 1, x: 0, y: 0, r: 0, damage: 50 };
    s.schedule[1] = { ...s.schedule[1], begin: 1, shrink: 1, end: 2, x: 0, y: 0, r: 0, damage: 50 };
    s.players[0].hp = 50;
    s.players[1].hp = 40;
    s.players[2].hp = 45;
    const out = sim.step([], 11);
    expect(types(out).slice(0, 2)).toEqual(['eliminated:u1', 'eliminated:u2']);
    const feed = ofOp(out, OP.KILL_FEED).map((m) => m.payload as KillFeedMessage);
    expect(feed.map((f) => [f.killer, f.victim, f.weapon])).toEqual([[-1, 1, 'zone'], [-1, 2, 'zone']]);
    // The match ended with u0 alone: u0 is spared the damage that would have killed it too.
    expect(s.players[0].hp).toBe(50);
    expect(s.winner).toBe(0);
    expect(s.teams.map((t) => t.placement)).toEqual([1, 3, 2]);
  });
});

describe('snapshots', () => {
  test('a player sees teammates anywhere and at most maxVisible others within the interest radius, nearest first', () => {
    const rules = createBrRules({ ...UNIT, maxVisible: 2 });
    const sim = playing('duo', 8, rules); // teams [0,1] [2,3] [4,5] [6,7]
    const s = sim.state;
    [[0, 10000, 10000], [1, 45000, 45000], [2, 10300, 10000], [3, 10000, 10200], [4, 10000, 10200], [5, 10000 + 6001, 10000], [6, 30000, 30000], [7, 30000, 30100]]
      .forEach(([slot, x, y]) => place(s, slot, x, y));
    const out = sim.step([], 3); // even slots at even ticks after the start (tick 1)
    const mine = ofOp(out, OP.SNAPSHOT).map((m) => readSnapshot(snapshotOf(m))).filter((p) => p.you.slot === 0)[0];
    expect(mine.players.map((p) => p[0])).toEqual([1, 3, 4]);
    expect(mine.you).toMatchObject({ slot: 0, x: 10000, y: 10000, hp: 100 });
  });

  test('everyone gets one at the start, then each player every snapshotEvery ticks, spread over the ticks by slot', () => {
    // Quiet players (nobody in range) have their own cadence, tested below; here it is the same.
    const sim = createSimulation(createBrRules({ ...UNIT, quietSnapshotEvery: 2 }), params('solo', 5), 'm1');
    const to = (out: StepResult<BrState>) => ofOp(out, OP.SNAPSHOT).map((m) => m.to![0]);
    expect(to(sim.step(joins(5), 1))).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(to(sim.step([], 2))).toEqual(['u1', 'u3']);
    expect(to(sim.step([], 3))).toEqual(['u0', 'u2', 'u4']);
    expect(to(sim.step([], 4))).toEqual(['u1', 'u3']);
    // A second step in the same tick (joins and leaves come first) sends nothing more.
    expect(to(sim.step([{ kind: 'join', userId: 'u1' }], 4))).toEqual([]);
    const every3 = createSimulation(createBrRules({ ...UNIT, snapshotEvery: 3, quietSnapshotEvery: 3 }), params('solo', 5), 'm1');
    every3.step(joins(5), 10);
    expect([11, 12, 13, 14].map((tick) => to(every3.step([], tick)))).toEqual([['u1', 'u4'], ['u2'], ['u0', 'u3'], ['u1', 'u4']]);
  });

  test('a player with no enemy in range gets one every quietSnapshotEvery ticks, at once again when one comes near', () => {
    const sim = playing('solo', 4); // started at tick 1; snapshotEvery 2, quietSnapshotEvery 4
    const s = sim.state;
    [[0, 10000, 10000], [1, 10500, 10000], [2, 40000, 40000], [3, 70000, 70000]].forEach(([slot, x, y]) => place(s, slot, x, y));
    const to = (tick: number) => ofOp(sim.step([], tick), OP.SNAPSHOT).map((m) => m.to![0]);
    // u0 and u1 see each other: every 2 ticks. u2 and u3 are alone: every 4 (slot 2 at tick - 1 = 2 mod 4, slot 3 at 3 mod 4).
    expect([2, 3, 4, 5, 6, 7, 8, 9].map(to)).toEqual([['u1'], ['u0', 'u2'], ['u1', 'u3'], ['u0'], ['u1'], ['u0', 'u2'], ['u1', 'u3'], ['u0']]);
    place(s, 3, 10000, 10600); // u3 walks up to u0: back on the every-2 cadence at its next group tick
    expect([10, 11, 12].map(to)).toEqual([['u1', 'u3'], ['u0', 'u2'], ['u1', 'u3']]);
    expect(checkSettings({ ...UNIT, quietSnapshotEvery: 3 })).toContain('quietSnapshotEvery: must be a multiple of snapshotEvery');
  });

  test('a snapshot is one flat array of integers laid out as protocol.ts documents', () => {
    const sim = playing('duo', 4); // teams [0,1] [2,3]
    const s = sim.state;
    [[0, 10000, 10000], [1, 50000, 50000], [2, 10300, 10000], [3, 10000, 10400]].forEach(([slot, x, y]) => place(s, slot, x, y));
    s.players[0].hp = 70;
    s.players[2].hp = 55;
    const out = sim.step([move('u0', 10010, 10000)], 3);
    const raw = snapshotOf(ofOp(out, OP.SNAPSHOT).filter((m) => m.to![0] === 'u0')[0]);
    const z = s.zone;
    expect(raw).toEqual([3, 0, 10010, 10000, 70, 170, z.x, z.y, z.r, 4, 2, 1, 50000, 50000, 100, 2, 10300, 10000, 55, 3, 10000, 10400, 100]);
    expect(raw.every((v) => Number.isInteger(v))).toBe(true);
    expect([raw[SNAP.TICK], raw[SNAP.SLOT], raw[SNAP.HP], raw[SNAP.MOVE], raw[SNAP.TEAMS_ALIVE], raw[SNAP.PLAYERS]]).toEqual([3, 0, 70, 170, 2, 1]);
    expect(readSnapshot(raw)).toEqual({
      tick: 3, you: { slot: 0, x: 10010, y: 10000, hp: 70, move: 170 }, zone: [z.x, z.y, z.r], alive: 4, teamsAlive: 2,
      players: [[1, 50000, 50000, 100], [2, 10300, 10000, 55], [3, 10000, 10400, 100]],
    });
  });

  test('snapshot bytes are exactly msgpackr bytes, and the players shown come nearest first, in a crowd and apart', () => {
    const sim = playing('duo', 40, createBrRules({ ...UNIT, maxVisible: 8 })); // teams of two by slot
    const s = sim.state;
    // 30 in a crowd (more than maxVisible in range of each other), 10 apart in pairs.
    for (let slot = 0; slot < 40; slot++) {
      if (slot < 30) place(s, slot, 20000 + 97 * slot, 20000 + 53 * (slot % 7));
      else place(s, slot, 5000 + 9000 * (slot - 30), 80000 + 300 * (slot % 2));
    }
    s.players[3].hp = 0; // a teammate down: not shown to slot 2
    // Enemies on the map's far edge and corner (the last cells of the grid) see each other.
    place(s, 37, UNIT.mapSize, UNIT.mapSize - 500);
    place(s, 38, UNIT.mapSize, UNIT.mapSize);
    let crowded = 0;
    let corner: number[] = [];
    for (let tick = 3; tick < 7; tick++) {
      for (const m of ofOp(sim.step([], tick), OP.SNAPSHOT)) {
        const payload = m.payload as ArrayBuffer;
        const raw = snapshotOf(m);
        expect(Array.from(new Uint8Array(payload))).toEqual(Array.from(pack(raw)));
        const view = readSnapshot(raw);
        const me = view.you;
        const mate = s.teams[s.players[me.slot].team].members.filter((m) => m !== me.slot && s.players[m].hp > 0);
        expect(view.players.slice(0, mate.length).map((p) => p[0])).toEqual(mate);
        const others = view.players.slice(mate.length);
        const keys = others.map(([slot, x, y]) => ((x - me.x) ** 2 + (y - me.y) ** 2) * 1000 + slot);
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
        if (others.length === 8) crowded++;
        if (me.slot === 38) corner = others.map((p) => p[0]);
      }
    }
    expect(crowded).toBeGreaterThan(10);
    expect(corner).toEqual([37]);
  });

  test('readSnapshot refuses arrays that do not have the layout', () => {
    const ok = [1, 0, 5, 5, 100, 180, 50, 50, 70, 2, 2];
    expect(readSnapshot(ok).players).toEqual([]);
    expect(readSnapshot([...ok, 1, 2, 3, 4]).players).toEqual([[1, 2, 3, 4]]);
    expect(() => readSnapshot(ok.slice(0, 10))).toThrow('snapshot: must be an array of at least 11 integers');
    expect(() => readSnapshot([...ok, 1, 2, 3])).toThrow(/groups of 4/);
    expect(() => readSnapshot([...ok.slice(0, 10), 1.5])).toThrow(/integers/);
    expect(() => readSnapshot({ tick: 1 } as unknown as SnapshotMessage)).toThrow(/array/);
  });

  test('disconnected players get no snapshots; the state stays plain JSON', () => {
    const sim = playing('solo', 3);
    [[0, 10000, 10000], [1, 10500, 10000], [2, 11000, 10000]].forEach(([slot, x, y]) => place(sim.state, slot, x, y));
    expect(ofOp(sim.step([{ kind: 'leave', userId: 'u1' }, { kind: 'leave', userId: 'u2' }], 3), OP.SNAPSHOT).map((m) => m.to)).toEqual([['u0']]);
    expect(ofOp(sim.step([], 4), OP.SNAPSHOT)).toEqual([]);
    expect(JSON.parse(JSON.stringify(sim.state))).toEqual(sim.state);
  });
});
