import { emit, send, type StepContext } from './context';
import { OP, type MatchResultMessage, type Standing } from './protocol';
import type { BrState } from './state';

/**
 * The end of a match and its standings.
 * Placement rule: teams are placed by elimination order (the k-th team wiped out of n places
 * n - k + 1) and every member shares the team's placement. The last team alive places 1 and wins.
 * When the match ends because nobody is connected, the teams still alive are placed 1..m by: more
 * members alive, then more total hit points, then more kills, then lower team index (order of first
 * appearance in the params); there is no winner (no match_won) in that case.
 */

/** End the match. `winner` is the index of the last team alive, or -1 (everyone left). */
export function finish(ctx: StepContext, winner: number): void {
  const { state } = ctx;
  state.phase = 'ended';
  state.winner = winner;
  placeSurvivors(state);
  if (winner >= 0) {
    for (const m of state.teams[winner].members) {
      const p = state.players[m];
      emit(ctx, 'match_won', p.userId, { mode: state.mode, team: state.teams[winner].team, kills: p.kills });
    }
  }
  const standings = rankPlayers(state);
  for (const s of standings) {
    if (state.players[s.slot].joined) emit(ctx, 'match_completed', s.userId, { mode: state.mode, placement: s.placement, kills: s.kills });
  }
  // Match-level event (userId ''): every player's result and team, for ratings. Score = kills.
  emit(ctx, 'match_ended', '', { mode: state.mode, standings: standings.map((s) => ({ userId: s.userId, placement: s.placement, score: s.kills, team: s.team })) });
  const result: MatchResultMessage = { winnerTeam: winner >= 0 ? state.teams[winner].team : null, standings };
  send(ctx, OP.MATCH_RESULT, result, null);
}

/** Give the teams not yet placed (the ones alive) placements 1..m by the rule above. */
function placeSurvivors(state: BrState): void {
  const survivors = state.teams.map((t, index) => index).filter((i) => state.teams[i].placement === 0);
  const hp = (i: number) => state.teams[i].members.reduce((sum, m) => sum + state.players[m].hp, 0);
  const kills = (i: number) => state.teams[i].members.reduce((sum, m) => sum + state.players[m].kills, 0);
  // A total order (the index breaks every tie), so sort stability does not matter.
  survivors.sort((a, b) => state.teams[b].alive - state.teams[a].alive || hp(b) - hp(a) || kills(b) - kills(a) || a - b);
  survivors.forEach((i, rank) => { state.teams[i].placement = rank + 1; });
}

/** Every player with their team's placement, by placement then slot. */
export function rankPlayers(state: BrState): Standing[] {
  const standings = state.players.map((p, slot) => ({
    slot, userId: p.userId, username: p.username, team: state.teams[p.team].team, placement: state.teams[p.team].placement, kills: p.kills,
  }));
  return standings.sort((a, b) => a.placement - b.placement || a.slot - b.slot);
}
