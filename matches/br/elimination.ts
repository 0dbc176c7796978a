import { emit, send, type StepContext } from './context';
import { gridRemove } from './grid';
import { OP, type KillFeedMessage } from './protocol';
import { finish } from './standings';

/**
 * Eliminations. They happen strictly one at a time, even within a tick (shots in arrival order,
 * then zone damage lowest hit points first), which is what makes placements a strict order: the
 * k-th team wiped out of n places n - k + 1. When a team is wiped all its members share that
 * placement. As soon as one team is left the match ends: nothing later in the tick happens.
 */

/** Eliminate `victim`; `killer` is a slot, or -1 for the zone. `distance` is in whole metres. */
export function eliminate(ctx: StepContext, victim: number, killer: number, weapon: string, distance: number): void {
  const { state } = ctx;
  const p = state.players[victim];
  p.hp = 0;
  p.by = killer;
  state.eliminated += 1;
  p.out = state.eliminated;
  gridRemove(ctx.grid, victim);
  const team = state.teams[p.team];
  team.alive -= 1;
  if (killer >= 0) {
    const k = state.players[killer];
    k.kills += 1;
    emit(ctx, 'kill', k.userId, { weapon, distance, victim: p.userId });
  }
  let placement: number | null = null;
  if (team.alive === 0) {
    state.wiped += 1;
    state.teamsAlive -= 1;
    placement = team.placement = state.teams.length - state.wiped + 1;
    for (const m of team.members) emit(ctx, 'eliminated', state.players[m].userId, { placement, team: team.team });
    if (killer >= 0 && team.members.length >= 2) {
      const killerId = state.players[killer].userId;
      emit(ctx, 'squad_wiped', killerId, { team: team.team, members: team.members.length });
      if (team.members.every((m) => state.players[m].by === killer)) {
        emit(ctx, 'squad_wipe_solo', killerId, { team: team.team, members: team.members.length });
      }
    }
  }
  const feed: KillFeedMessage = {
    killer, victim, weapon, distance, placement,
    alive: state.players.length - state.eliminated, teamsAlive: state.teamsAlive,
  };
  send(ctx, OP.KILL_FEED, feed, null);
  if (state.teamsAlive <= 1) {
    let winner = -1;
    state.teams.forEach((t, i) => { if (t.alive > 0) winner = i; });
    finish(ctx, winner);
  }
}

/** A player killed by the zone. */
export function emitZoneElimination(ctx: StepContext, victim: number): void {
  eliminate(ctx, victim, -1, 'zone', 0);
}
