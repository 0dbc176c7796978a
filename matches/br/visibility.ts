import { send, type StepContext } from './context';
import { forEachNear } from './grid';
import { OP, type SnapshotMessage } from './protocol';

/**
 * Interest management: each connected player gets, every `snapshotEvery` ticks and unreliable (the
 * next one supersedes it), only what they need: themselves, the zone, their living teammates
 * wherever they are, and at most `maxVisible` other living players within `interestRadius`,
 * nearest first (ties: lower slot). Nearby players come from the spatial grid, so the work per
 * player is bounded by how many players are near, not by the match size. Eliminated players keep
 * getting snapshots from where they fell (spectating).
 */
export function sendSnapshots(ctx: StepContext): void {
  const { state, settings, grid, tick } = ctx;
  const radius = settings.interestRadius;
  const radius2 = radius * radius;
  const alive = state.players.length - state.eliminated;
  const zone = [state.zone.x, state.zone.y, state.zone.r];
  const near: number[] = [];
  const dist2: number[] = [];
  state.players.forEach((me, slot) => {
    if (!me.on) return;
    const team = state.teams[me.team];
    const players: number[][] = [];
    for (const m of team.members) {
      const mate = state.players[m];
      if (m !== slot && mate.hp > 0) players.push([m, mate.x, mate.y, mate.hp]);
    }
    near.length = 0;
    forEachNear(grid, me.x, me.y, radius, (other) => {
      const o = state.players[other];
      if (o.team === me.team) return;
      const dx = o.x - me.x;
      const dy = o.y - me.y;
      const d2 = dx * dx + dy * dy;
      if (d2 > radius2) return;
      dist2[other] = d2;
      near.push(other);
    });
    // A total order (distance, then slot), so sort stability does not matter.
    near.sort((a, b) => dist2[a] - dist2[b] || a - b);
    const shown = Math.min(near.length, settings.maxVisible);
    for (let i = 0; i < shown; i++) {
      const o = state.players[near[i]];
      players.push([near[i], o.x, o.y, o.hp]);
    }
    const snapshot: SnapshotMessage = {
      tick,
      you: { slot, x: me.x, y: me.y, hp: me.hp, move: me.move, readyTick: me.ready, ammo: me.ammo.slice() },
      zone, alive, teamsAlive: state.teamsAlive, players,
    };
    send(ctx, OP.SNAPSHOT, snapshot, [me.userId], false);
  });
}
