import type { DomainEvent } from '../../core/events';
import type { MatchInput } from '../../matches/shared/game-rules';
import type { MatchPlayer } from '../../matches/shared/match-params';
import { createRng, seedRng } from '../../matches/shared/rng';
import { botMessages, createBots, observeBots } from '../../matches/br/bots';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import type { BrInput } from '../../matches/br/input';
import { OP } from '../../matches/br/protocol';
import { createBrRules, type BrRules } from '../../matches/br/rules';
import { DEFAULT_BR_SETTINGS, type BrSettings } from '../../matches/br/settings';
import { createSimulation, decodeMessages } from '../../matches/br/simulate';
import type { BrState } from '../../matches/br/state';
import { maxMatchTicks } from '../../matches/br/zone';

/** A small map and a zone that closes in 125 ticks: many fights, quick matches. */
const FAST: BrSettings = {
  ...DEFAULT_BR_SETTINGS,
  mapSize: 20000,
  joinTimeoutTicks: 20,
  speed: 120,
  zone: [
    { waitTicks: 20, shrinkTicks: 30, radius: 7000, damage: 5 },
    { waitTicks: 15, shrinkTicks: 20, radius: 3000, damage: 10 },
    { waitTicks: 10, shrinkTicks: 15, radius: 1000, damage: 25 },
    { waitTicks: 5, shrinkTicks: 10, radius: 0, damage: 50 },
  ],
};
const FAST_RULES = createBrRules(FAST);
const LIVE_RULES = createBrRules(DEFAULT_BR_SETTINGS);
const MODES = ['solo', 'duo', 'squad'];
const BOT_OPTIONS = { malformedRate: 0.02, cheatRate: 0.01, refusedRate: 0.02, aimError: 60 };

interface Run {
  rules: BrRules;
  state: BrState;
  events: DomainEvent[];
  ticks: number;
  firstTick: number;
  speedRefusals: number;
  decodeRefusals: string[];
  messages: number;
}

/**
 * One seeded match played by bots. Big matches use the fast zone; every 20th is a small match on the
 * live settings (a 265 s zone). Slot 0 never leaves, so someone is always connected; other bots
 * join late or never, leave and come back. `check` runs after every step.
 */
function playMatch(index: number, jsonRoundTrip: boolean, check?: (state: BrState, tick: number) => void): Run {
  const meta = createRng(seedRng(`match-${index}`));
  const live = index % 20 === 0;
  const rules = live ? LIVE_RULES : FAST_RULES;
  const mode = MODES[index % 3];
  const n = live ? 2 + meta.int(11) : 2 + meta.int(99);
  const parties = mode !== 'solo' && index % 4 === 1;
  const players: MatchPlayer[] = Array.from({ length: n }, (_, i) => ({ userId: `user-${i}`, username: `bot${i}`, ...(parties ? { team: meta.int(Math.ceil(n / 3)) } : {}) }));
  const sim = createSimulation(rules, { game: LASTTOLIVE, mode, players, seed: `seed-${index}` }, `m${index}`);
  const bots = createBots(sim.state, `bots-${index}`, BOT_OPTIONS);
  const joinAt = players.map((_, i) => (i === 0 || meta.next() < 0.85 ? 1 : meta.next() < 0.7 ? 2 + meta.int(30) : -1));
  const run: Run = { rules, state: sim.state, events: [], ticks: 0, firstTick: 1, speedRefusals: 0, decodeRefusals: [], messages: 0 };
  const bound = maxMatchTicks(rules.settings);
  for (let tick = 1; sim.state.phase !== 'ended'; tick++) {
    if (tick > bound + 1) throw new Error(`match ${index} still running at tick ${tick} (bound ${bound})`);
    const presence: MatchInput<BrInput>[] = [];
    const leaving: { [userId: string]: true } = {};
    sim.state.players.forEach((p, slot) => {
      if (joinAt[slot] === tick || (p.joined && !p.on && meta.next() < 0.05)) presence.push({ kind: 'join', userId: p.userId });
      else if (slot > 0 && p.on && sim.state.phase === 'playing' && meta.next() < 0.003) {
        presence.push({ kind: 'leave', userId: p.userId });
        leaving[p.userId] = true;
      }
    });
    const raw = bots.filter((b) => !leaving[b.userId]).map((b) => botMessages(b, sim.state, rules.settings, tick)).reduce((all, m) => all.concat(m), []);
    const { inputs, refused } = decodeMessages(rules, raw);
    run.decodeRefusals.push(...refused.map((r) => r.reason));
    const out = sim.step([...presence, ...inputs], tick, jsonRoundTrip);
    run.events.push(...out.events);
    run.messages += out.messages.length;
    for (const m of out.messages) {
      const reason = m.opCode === OP.REJECTED ? (m.payload as { reason: string }).reason : '';
      if (reason.startsWith('speed:')) run.speedRefusals += 1;
    }
    observeBots(bots, out.messages);
    if (check) check(sim.state, tick);
    run.ticks = tick;
  }
  run.state = sim.state;
  return run;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ofType = (run: Run, type: string) => run.events.filter((e) => e.type === type);

/** Every invariant of a finished match. */
function checkFinished(run: Run, index: number): void {
  const { state, events } = run;
  const players = state.players;
  expect(state.phase).toBe('ended');
  // Bounded: the zone closes completely, so every match ends in time.
  expect(run.ticks).toBeLessThanOrEqual(run.firstTick + maxMatchTicks(run.rules.settings));
  // Event ids are the match id and a gapless sequence.
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `m${index}:${i + 1}`));

  // Exactly one winning team (slot 0 never leaves): the only team alive, placed 1, and match_won for each member.
  expect(state.winner).toBeGreaterThanOrEqual(0);
  state.teams.forEach((t, i) => expect(t.alive > 0).toBe(i === state.winner));
  const winners = state.teams[state.winner].members.map((m) => players[m].userId);
  expect(ofType(run, 'match_won').map((e) => e.userId)).toEqual(winners);

  // Placements: a permutation of 1..T over teams, by elimination order; members share them.
  const placements = state.teams.map((t) => t.placement);
  expect(placements.slice().sort((a, b) => a - b)).toEqual(state.teams.map((_, i) => i + 1));
  const lastOut = (t: BrState['teams'][number]) => Math.max(...t.members.map((m) => players[m].out));
  const wiped = state.teams.filter((_, i) => i !== state.winner).sort((a, b) => lastOut(a) - lastOut(b));
  expect(wiped.map((t) => t.placement)).toEqual(wiped.map((_, k) => state.teams.length - k));
  const ended = ofType(run, 'match_ended');
  expect(ended).toHaveLength(1);
  const standings = (ended[0].data as { standings: { userId: string; placement: number; score: number }[] }).standings;
  expect(standings.map((s) => s.userId).sort()).toEqual(players.map((p) => p.userId).sort());
  for (const s of standings) {
    const p = players.filter((q) => q.userId === s.userId)[0];
    expect([s.placement, s.score]).toEqual([state.teams[p.team].placement, p.kills]);
  }
  expect(ofType(run, 'match_completed').map((e) => e.userId).sort()).toEqual(players.filter((p) => p.joined).map((p) => p.userId).sort());
  expect(ofType(run, 'eliminated').map((e) => e.userId).sort()).toEqual(players.filter((p) => p.team !== state.winner).map((p) => p.userId).sort());

  // Kills add up: every elimination by a player is one kill event and one kill on a living enemy's counter.
  const byPlayers = players.filter((p) => p.by >= 0);
  expect(sum(players.map((p) => p.kills))).toBe(byPlayers.length);
  expect(ofType(run, 'kill')).toHaveLength(byPlayers.length);
  expect(byPlayers.length + players.filter((p) => p.hp === 0 && p.by < 0).length).toBe(state.eliminated);
  expect(players.filter((p) => p.hp === 0).length).toBe(state.eliminated);
  for (const victim of byPlayers) {
    const killer = players[victim.by];
    expect(killer.team).not.toBe(victim.team);
    expect(killer.out === 0 || killer.out > victim.out).toBe(true);
  }
  for (const solo of ofType(run, 'squad_wipe_solo')) {
    const team = state.teams.filter((t) => t.team === solo.data.team)[0];
    expect(team.members.every((m) => players[players[m].by]?.userId === solo.userId)).toBe(true);
  }
  // Cheat signals: one counted per refused impossible move.
  expect(sum(players.map((p) => p.cheats))).toBe(run.speedRefusals);
  // Plain JSON all along.
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
}

describe('LastToLive property run: 200 seeded bot matches', () => {
  test('every match keeps the invariants', () => {
    const totals = { kills: 0, zone: 0, wipes: 0, soloWipes: 0, cheats: 0, malformed: 0, live: 0, big: 0 };
    for (let index = 0; index < 200; index++) {
      // After every step: an eliminated player never acts again (position, ammo, cooldown and kills
      // frozen); everyone stays on the map with 0..maxHp. Plain checks, one expect per match (speed).
      const frozen: { [slot: number]: string } = {};
      const broken: string[] = [];
      const run = playMatch(index, index % 5 === 0, (state, tick) => {
        state.players.forEach((p, slot) => {
          if (!(p.x >= 0 && p.y >= 0 && p.hp >= 0 && p.hp <= 100)) broken.push(`tick ${tick}: slot ${slot} off the map or hp ${p.hp}`);
          if (p.hp > 0) return;
          const now = `${p.x},${p.y},${p.ammo.join('/')},${p.ready},${p.kills},${p.move}`;
          if (frozen[slot] === undefined) frozen[slot] = now;
          else if (now !== frozen[slot]) broken.push(`tick ${tick}: eliminated slot ${slot} acted: ${frozen[slot]} -> ${now}`);
        });
      });
      expect(broken).toEqual([]);
      checkFinished(run, index);
      totals.kills += ofType(run, 'kill').length;
      totals.zone += run.state.players.filter((p) => p.hp === 0 && p.by < 0).length;
      totals.wipes += ofType(run, 'squad_wiped').length;
      totals.soloWipes += ofType(run, 'squad_wipe_solo').length;
      totals.cheats += ofType(run, 'cheat_signal').length;
      totals.malformed += run.decodeRefusals.length;
      if (run.rules === LIVE_RULES) totals.live += 1;
      if (run.state.players.length > 80) totals.big += 1;
      // Every malformed message was refused with a reason naming the field (or the op code).
      for (const reason of run.decodeRefusals) expect(reason).toMatch(/^(payload|x|y|dx|dy|weapon): |^unknown op code \d+$/);
    }
    // The run exercised every path, not just the easy ones.
    for (const [name, value] of Object.entries(totals)) expect([name, value > 0]).toEqual([name, true]);
  });

  test('the same seed gives the same final state and events, with or without the state crossing JSON each tick', () => {
    for (const index of [3, 7, 20, 41, 58]) {
      const a = playMatch(index, false);
      const b = playMatch(index, true);
      expect(b.state).toEqual(a.state);
      expect(b.events).toEqual(a.events);
      expect(b.messages).toBe(a.messages);
    }
    expect(playMatch(4, false).state).not.toEqual(playMatch(7, false).state);
  });
});
