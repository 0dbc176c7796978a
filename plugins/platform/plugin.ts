import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import { MAX_OFFSET_MS, playerNow, setPlayerOffset, TEST_CLOCK_ENV, testClockEnabled } from '../../core/clock';
import { runtimeError } from '../../core/errors';
import { read } from '../../core/metrics';
import type { Plugin } from '../../core/plugin';
import type { HostedRpc } from '../../core/plugin-host';
import { usage, type RateUsage } from '../../core/rate-limit';

/**
 * Platform RPCs about the module itself rather than a feature: the caller's rate limits, the node's
 * metrics for admins (core/metrics.ts; Prometheus has the same and more on Nakama's metrics
 * port), and the test clock seam (core/clock.ts). `rpcsOf` returns every hosted RPC (read lazily: the host is built after its plugins).
 */
export function createPlatformPlugin(games: GameRegistry, rpcsOf: () => HostedRpc[]): Plugin {
  const modules = () => games.games.map((g) => g.matchModule).filter((m, i, all) => all.indexOf(m) === i);
  const round = (n: number) => Math.round(n * 1000) / 1000;

  function rpcStats(nk: nkruntime.Nakama) {
    const rpcs: { [id: string]: { calls: number; errors: number; mean_ms: number; max_ms: number } } = {};
    for (const hosted of rpcsOf()) {
      const id = hosted.rpc.id;
      const calls = read(nk, 'rpc', id, 'calls');
      if (calls > 0) rpcs[id] = { calls, errors: read(nk, 'rpc', id, 'errors'), mean_ms: round(read(nk, 'rpc', id, 'ms') / calls), max_ms: read(nk, 'rpc', id, 'max_ms') };
    }
    return rpcs;
  }

  function matchStats(nk: nkruntime.Nakama) {
    const out: { [module: string]: { ticks: number; mean_ms: number; overruns: number } } = {};
    for (const m of modules()) {
      const ticks = read(nk, 'match', m, 'ticks');
      out[m] = { ticks, mean_ms: ticks ? round(read(nk, 'match', m, 'ms') / ticks) : 0, overruns: read(nk, 'match', m, 'overruns') };
    }
    return out;
  }

  function gameStats(nk: nkruntime.Nakama, game: GameDefinition) {
    const waits: { [mode: string]: { matched: number; mean_wait_ms: number } } = {};
    for (const mode of Object.keys(game.modes)) {
      const count = read(nk, 'wait', game.id, mode, 'count');
      waits[mode] = { matched: count, mean_wait_ms: count ? Math.round(read(nk, 'wait', game.id, mode, 'ms') / count) : 0 };
    }
    const currencies: { [currency: string]: { sources: number; sinks: number } } = {};
    for (const c of game.currencies) currencies[c] = { sources: read(nk, 'currency', game.id, c, 'source'), sinks: read(nk, 'currency', game.id, c, 'sink') };
    return { game_id: game.id, players_in_matches: read(nk, 'online', game.id), matchmaking: waits, currencies };
  }

  function summary(nk: nkruntime.Nakama) {
    const rpcs = rpcStats(nk);
    const ids = Object.keys(rpcs);
    const calls = ids.reduce((n, id) => n + rpcs[id].calls, 0);
    return {
      rpc: { calls, errors: ids.reduce((n, id) => n + rpcs[id].errors, 0), mean_ms: calls ? round(ids.reduce((n, id) => n + rpcs[id].mean_ms * rpcs[id].calls, 0) / calls) : 0 },
      matches: matchStats(nk),
      players_in_matches: games.games.reduce((out, g) => ({ ...out, [g.id]: read(nk, 'online', g.id) }), {} as { [gameId: string]: number }),
      storage_writes: read(nk, 'storage', 'writes'),
    };
  }

  /** The node's totals in Prometheus text format (for scrapers without access to Nakama's metrics port). */
  function exposition(nk: nkruntime.Nakama): string {
    const lines: string[] = [];
    const rpcs = rpcStats(nk);
    lines.push('# TYPE module_rpc_calls counter');
    for (const id of Object.keys(rpcs)) lines.push(`module_rpc_calls{rpc="${id}"} ${rpcs[id].calls}`);
    lines.push('# TYPE module_rpc_errors counter');
    for (const id of Object.keys(rpcs)) lines.push(`module_rpc_errors{rpc="${id}"} ${rpcs[id].errors}`);
    const matches = matchStats(nk);
    lines.push('# TYPE module_match_ticks counter');
    for (const m of Object.keys(matches)) lines.push(`module_match_ticks{module="${m}"} ${matches[m].ticks}`);
    lines.push('# TYPE module_match_tick_overruns counter');
    for (const m of Object.keys(matches)) lines.push(`module_match_tick_overruns{module="${m}"} ${matches[m].overruns}`);
    lines.push('# TYPE module_players_in_matches gauge');
    for (const g of games.games) lines.push(`module_players_in_matches{game="${g.id}"} ${read(nk, 'online', g.id)}`);
    lines.push('# TYPE module_currency_flow counter');
    for (const g of games.games) {
      for (const c of g.currencies) for (const d of ['source', 'sink']) lines.push(`module_currency_flow{game="${g.id}",currency="${c}",direction="${d}"} ${read(nk, 'currency', g.id, c, d)}`);
    }
    return lines.join('\n') + '\n';
  }

  const ADMIN_NOTE = 'Node-local totals since the node started (approximate under simultaneous updates; Prometheus on the metrics port is exact).';
  return {
    id: 'platform',
    games: games.games.map((g) => g.id),
    rpcs: [
      {
        id: 'noop',
        scope: 'global',
        access: 'any',
        effect: 'read',
        description: 'Does nothing and answers {}: the floor every RPC pays (Nakama, the dispatcher: access, rate limit, payload checks), for benchmarks and latency probes.',
        response: '{}',
        payload: {},
        handle: () => ({}),
      },
      {
        id: 'rate_limit_status',
        scope: 'global',
        access: 'player',
        effect: 'read',
        description: "The caller's rate limits: for every RPC, the calls allowed per window, used and remaining in the current window, and when it resets.",
        response: '{rpcs: {<rpc id>: {limit, window_seconds, used, remaining, reset_in_ms}}}',
        payload: {},
        handle({ nk, userId }) {
          const now = Date.now();
          const rpcs: { [id: string]: RateUsage } = {};
          for (const hosted of rpcsOf()) rpcs[hosted.rpc.id] = usage(nk, userId, hosted.rpc.id, hosted.limit, now);
          return { rpcs };
        },
      },
      {
        id: 'metrics_get_summary',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: `RPC calls, errors and mean latency, match ticks and overruns per match module, players in matches per game, storage writes. ${ADMIN_NOTE}`,
        response: '{rpc: {calls, errors, mean_ms}, matches: {<module>: {ticks, mean_ms, overruns}}, players_in_matches: {<game_id>: n}, storage_writes}',
        payload: {},
        handle: ({ nk }) => summary(nk),
      },
      {
        id: 'metrics_get_rpc_stats',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: `Per RPC called on this node: calls, errors, mean and max latency. ${ADMIN_NOTE}`,
        response: '{rpcs: {<rpc id>: {calls, errors, mean_ms, max_ms}}}',
        payload: {},
        handle: ({ nk }) => ({ rpcs: rpcStats(nk) }),
      },
      {
        id: 'metrics_get_game_stats',
        access: 'admin',
        effect: 'read',
        description: `One game: players in matches, matchmaking waits per mode, currency sources and sinks. ${ADMIN_NOTE}`,
        response: '{game_id, players_in_matches, matchmaking: {<mode>: {matched, mean_wait_ms}}, currencies: {<currency>: {sources, sinks}}}',
        payload: { game_id: { type: 'uuid', required: true } },
        handle: ({ nk, game }) => gameStats(nk, game),
      },
      {
        id: 'test_clock_set',
        scope: 'global',
        access: 'admin',
        effect: 'write',
        description: `Tests only: move one player's clock (the daily systems' day, core/clock.ts) by offset_ms from the server's; 0 puts it back. Refused unless the server runs with the runtime env ${TEST_CLOCK_ENV}=enabled.`,
        response: '{user_id, offset_ms, now}',
        payload: { user_id: { type: 'user', required: true }, offset_ms: { type: 'integer', required: true, min: -MAX_OFFSET_MS, max: MAX_OFFSET_MS } },
        errors: { FAILED_PRECONDITION: `the server does not run with ${TEST_CLOCK_ENV}=enabled` },
        handle({ nk, ctx, payload }) {
          if (!testClockEnabled(ctx)) throw runtimeError('FAILED_PRECONDITION', `test_clock_set: this server does not run with the runtime env ${TEST_CLOCK_ENV}=enabled`);
          setPlayerOffset(nk, payload.user_id, payload.offset_ms);
          return { user_id: payload.user_id as string, offset_ms: payload.offset_ms as number, now: playerNow(nk, payload.user_id) };
        },
      },
      {
        id: 'metrics_export',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: `Everything above in Prometheus text format, for scrapers that cannot reach Nakama's metrics port. ${ADMIN_NOTE}`,
        response: '{format: "prometheus", text}',
        payload: {},
        handle: ({ nk }) => ({ format: 'prometheus', text: exposition(nk) }),
      },
    ],
  };
}
