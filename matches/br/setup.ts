import type { MatchParams, MatchPlayer } from '../shared/match-params';
import { LASTTOLIVE } from './game-lasttolive';
import type { Rng } from '../shared/rng';
import type { BrSettings } from './settings';
import type { BrPlayer, BrState, BrTeam } from './state';
import { createZoneSchedule } from './zone';

/** Players per team by mode: a mode's team is as large as the party it admits (game-lasttolive.ts). */
const teamSize = (mode: string) => (LASTTOLIVE.modes[mode] ? LASTTOLIVE.modes[mode].maxPartySize : 1);

/** Spacing (cm) of team members around their team's spawn point: a 2x2 square, further squares to the right. */
const SPREAD = 150;

/**
 * Team numbers for the players, in order. A player whose params carry an integer `team` >= 0 keeps
 * it (a party). The others are grouped by matchmaker order into new teams numbered after the
 * largest given one, `size` per team, where size = the mode's team size but at most
 * ceil(players / 2), so that a match always has at least two teams (2 players in squad mode play
 * 1 against 1).
 */
export function assignTeams(players: MatchPlayer[], mode: string): number[] {
  const given = players.map((p) => (typeof p.team === 'number' && Number.isInteger(p.team) && p.team >= 0 ? p.team : -1));
  const size = Math.max(1, Math.min(teamSize(mode), Math.ceil(players.length / 2)));
  let nextTeam = given.reduce((max, t) => Math.max(max, t + 1), 0);
  let filled = 0;
  return given.map((t) => {
    if (t >= 0) return t;
    if (filled === size) {
      nextTeam += 1;
      filled = 0;
    }
    filled += 1;
    return nextTeam;
  });
}

/** A new match: teams, seeded spawn points and the seeded zone schedule. */
export function createBrState(params: MatchParams, matchId: string, rng: Rng, settings: BrSettings): BrState {
  const numbers = assignTeams(params.players, params.mode);
  const teams: BrTeam[] = [];
  const teamIndex: number[] = numbers.map((number, slot) => {
    for (let i = 0; i < teams.length; i++) {
      if (teams[i].team === number) {
        teams[i].members.push(slot);
        teams[i].alive += 1;
        return i;
      }
    }
    teams.push({ team: number, members: [slot], alive: 1, placement: 0 });
    return teams.length - 1;
  });
  const ammo = settings.weapons.map((w) => w.ammo);
  const players: BrPlayer[] = params.players.map((p, slot) => ({
    userId: p.userId, username: p.username, team: teamIndex[slot], x: 0, y: 0, hp: settings.maxHp,
    on: false, joined: false, move: settings.speed * settings.moveSlackTicks, ready: 0, ammo: ammo.slice(),
    kills: 0, cheats: 0, by: -1, out: 0,
  }));
  // Spawns: one seeded point per team (in team order), members in a small square around it.
  const full = settings.mapSize - 2 * settings.spawnMargin;
  const span = Math.min(full, settings.spawnSpreadPerTeam * Math.ceil(Math.sqrt(teams.length)));
  const lo = settings.spawnMargin + Math.floor((full - span) / 2);
  for (const team of teams) {
    const x = lo + rng.int(span + 1);
    const y = lo + rng.int(span + 1);
    team.members.forEach((slot, i) => {
      const clamp = (v: number) => Math.max(0, Math.min(settings.mapSize, v));
      players[slot].x = clamp(x + (i % 2) * SPREAD + Math.floor(i / 4) * 2 * SPREAD);
      players[slot].y = clamp(y + (Math.floor(i / 2) % 2) * SPREAD);
    });
  }
  const { zoneStart, schedule } = createZoneSchedule(rng, settings);
  return {
    gameId: params.game.id, mode: params.mode, matchId, phase: 'waiting', lastTick: -1, joinBy: -1, startTick: -1,
    players, teams, teamsAlive: teams.length, eliminated: 0, wiped: 0,
    zoneStart, schedule, zonePhase: 0, zone: { x: zoneStart.x, y: zoneStart.y, r: zoneStart.r }, winner: -1, eventSeq: 0,
  };
}
