import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';

/** The runtime env value that lets admins start floor matches (bench/capacity.ts's server sets it; production does not). */
export const FLOOR_ENV = 'LIVE_GAMES_BENCH';
/** The match module name of the empty loop. */
export const EMPTY_LOOP = 'empty_loop';

interface EmptyLoopState { endTick: number }

/**
 * The floor of a capacity figure: an authoritative match that does nothing. It takes every join,
 * ticks at the rate it was created with, ignores whatever its players send and ends after its time.
 * The same players and messages in it as in a real match show what Nakama itself costs, so a real
 * match's cost can be given as a ratio to it (docs/performance.md, Capacity).
 */
export const EMPTY_LOOP_HANDLER: nkruntime.MatchHandler<EmptyLoopState> = {
  matchInit(ctx, logger, nk, params) {
    const tickRate = Number(params.tick_rate) || 10;
    return { state: { endTick: tickRate * (Number(params.seconds) || 60) }, tickRate, label: JSON.stringify({ floor: true }) };
  },
  matchJoinAttempt: (ctx, logger, nk, dispatcher, tick, state) => ({ state, accept: true }),
  matchJoin: (ctx, logger, nk, dispatcher, tick, state) => ({ state }),
  matchLeave: (ctx, logger, nk, dispatcher, tick, state) => ({ state }),
  matchLoop: (ctx, logger, nk, dispatcher, tick, state) => (tick >= state.endTick ? null : { state }),
  matchTerminate: (ctx, logger, nk, dispatcher, tick, state) => ({ state }),
  matchSignal: (ctx, logger, nk, dispatcher, tick, state) => ({ state, data: '' }),
};

/** Admins start empty-loop matches, only on a server run for benchmarks (runtime env LIVE_GAMES_BENCH=enabled). */
export function createFloorPlugin(games: GameRegistry): Plugin {
  return {
    id: 'floor',
    games: games.games.map((g) => g.id),
    rpcs: [
      {
        id: 'floor_matches_create',
        scope: 'global',
        access: 'admin',
        effect: 'write',
        description: `Benchmarks only: start \`count\` empty-loop matches (they tick at tick_rate, ignore all input and end after \`seconds\`), the floor a match's cost is measured against. Refused unless the server runs with the runtime env ${FLOOR_ENV}=enabled.`,
        response: '{match_ids: [string]}',
        payload: {
          count: { type: 'integer', required: true, min: 1, max: 1000 },
          tick_rate: { type: 'integer', required: true, min: 1, max: 60 },
          seconds: { type: 'integer', required: true, min: 1, max: 1800 },
        },
        errors: { FAILED_PRECONDITION: `the server does not run with ${FLOOR_ENV}=enabled` },
        handle({ nk, ctx, payload }) {
          if (!ctx.env || ctx.env[FLOOR_ENV] !== 'enabled') throw runtimeError('FAILED_PRECONDITION', `floor_matches_create: this server does not run with the runtime env ${FLOOR_ENV}=enabled`);
          const match_ids: string[] = [];
          for (let i = 0; i < payload.count; i++) match_ids.push(nk.matchCreate(EMPTY_LOOP, { tick_rate: payload.tick_rate, seconds: payload.seconds }));
          return { match_ids };
        },
      },
    ],
  };
}
