/**
 * Menu RPCs and leaderboard reads on a private real Nakama (figures, not a test; issue 19, product
 * spec: reads under 100 ms, 1,000 concurrent leaderboard reads), each beside its floor in the same run:
 * A. At 200 concurrent clients: player_overview, achievements_get_all, season_get_player_progress,
 *    event_get_active_events, matchmaking_get_status, rewards_list_pending, daily_missions_get,
 *    beside the no-op RPC and Nakama's own GET /v2/account. The players have state: a season and a
 *    live event run, each player has unlocked an achievement and has a reward waiting.
 *    A2. The same at 4 clients: the latency of one request without queueing behind 200 others.
 * Per kind: latency, throughput, Nakama's CPU per request and the mean time in the module (its
 * rpc_latency timer), so a menu's own cost shows beside the floors'.
 * B. At 1,000 concurrent clients on a 10,000-entry board (QuizVerse score_all_time, filled in SQL,
 *    rows like Nakama's): leaderboard_get top 20 and around me, beside Nakama's own
 *    GET /v2/leaderboard/{id} (top 20).
 * Clients: nakama-js over HTTP from this process, the calls spread over many users in turn (the
 * RPCs are rate limited per user: 120 reads per 10 s).
 *
 * Run: npm run bench -- bench/menus.ts [--requests N] [--clients N] [--only id,id] [--profile S]
 * --clients: part A's concurrency (default 200); --only: just those menus (beside the floors) in part A, no other part; --profile S: S
 * seconds of Nakama's Go and goja CPU profiles while each of them runs (.run/menus-<id>-{go,js}.pprof).
 * Nakama's log: .run/bench-nakama.log.
 */
import { Client, type Session } from '@heroiclabs/nakama-js';
import { QUIZVERSE_ID } from '../test/support/quiz';
import { seasonFor } from '../test/support/seasons';
import { serverRpc, server as target } from '../test/integration/support/nakama';
import { argValue, cpuMs, dropDatabase, inBatches, latencyLine, machineCpu, machineShares, measure, postgresCpuMs, saveProfiles, sql, startPrivateServer, timerTotals, tool, type Latency } from './private-server';

const REQUESTS = Number(argValue('--requests') || 4000);
const ONLY = argValue('--only')?.split(',');
const PROFILE_SECONDS = Number(argValue('--profile') || 0);
const MENU_CONCURRENCY = Number(argValue('--clients') || 200);
const FEW_CLIENTS = 4;
const BOARD_CONCURRENCY = 1000;
const USERS = 1000;
const BOARD_ENTRIES = 10_000;
const DATABASE = 'nakama_bench_menus';
const G = { game_id: QUIZVERSE_ID };
const BOARD = `${QUIZVERSE_ID}:leaderboard:score_all_time`;

/** A label, the call, and the module's RPC id when it is one of ours (its rpc_latency timer). */
type Kind = [string, () => Promise<unknown>, string?];

interface Figures extends Latency {
  /** Nakama's CPU time per request (ms, all its threads). */
  cpuMs: number;
  /** PostgreSQL's CPU time per request (ms, all its processes). */
  pgMs: number;
  /** How busy the machine was (% of all cores). */
  busy: number;
  /** Time the request spent in the module (ms, mean of the module's rpc_latency timer), when it is an RPC of ours. */
  moduleMs?: number;
}

const figuresLine = (f: Figures) => `${latencyLine(f, 52)}  Nakama CPU ${f.cpuMs.toFixed(2)} ms/request, PostgreSQL ${f.pgMs.toFixed(2)}, machine ${f.busy.toFixed(0)}% busy${f.moduleMs === undefined ? '' : `  in the module ${f.moduleMs.toFixed(2)} ms`}`;

/** Every kind measured in turn after a warm-up, then printed beside each other. */
async function run(title: string, kinds: Kind[], concurrency: number, server: { pid: number; metricsPort: number }): Promise<Figures[]> {
  for (const [label, call] of kinds) await measure(`warm-up ${label}`, concurrency * 2, concurrency, call);
  const results: Figures[] = [];
  for (const [label, call, rpcId] of kinds) {
    const [cpu0, pg0, machine0, timers0] = [cpuMs(server.pid), postgresCpuMs(), machineCpu(), await timerTotals(server.metricsPort, 'rpc_latency', 'rpc')];
    const profiling = PROFILE_SECONDS > 0 && rpcId && rpcId !== 'noop' ? saveProfiles(`menus-${rpcId}`, PROFILE_SECONDS) : null;
    const r = await measure(label, REQUESTS, concurrency, call);
    await profiling;
    const [cpu1, pg1, machine1, timers1] = [cpuMs(server.pid), postgresCpuMs(), machineCpu(), await timerTotals(server.metricsPort, 'rpc_latency', 'rpc')];
    const [before, after] = [timers0[rpcId || ''] || { seconds: 0, calls: 0 }, timers1[rpcId || '']];
    results.push({ ...r, cpuMs: (cpu1 - cpu0) / REQUESTS, pgMs: (pg1 - pg0) / REQUESTS, busy: machineShares(machine0, machine1).busy, moduleMs: after ? ((after.seconds - before.seconds) * 1000) / (after.calls - before.calls) : undefined });
  }
  console.log(title);
  for (const r of results) console.log(figuresLine(r));
  return results;
}

/** The board's records in SQL, as Nakama writes them: the users' own first (around me needs one), then synthetic owners. */
function fillBoard(address: string, owners: string[]): void {
  sql(address, `INSERT INTO leaderboard_record (leaderboard_id, owner_id, username, score, subscore, num_score, metadata, expiry_time)
    SELECT '${BOARD}', o::uuid, 'reader', (hashtext(o) & 2147483647) % 50000, 0, 1, '{}', '1970-01-01 00:00:00+00'
    FROM unnest(ARRAY['${owners.join("','")}']) AS o ON CONFLICT (owner_id, leaderboard_id, expiry_time) DO NOTHING`);
  const have = Number(sql(address, `SELECT count(*) FROM leaderboard_record WHERE leaderboard_id = '${BOARD}'`));
  sql(address, `INSERT INTO leaderboard_record (leaderboard_id, owner_id, username, score, subscore, num_score, metadata, expiry_time)
    SELECT '${BOARD}', md5('${BOARD}' || (g + ${have}))::uuid, 'bench_' || (g + ${have}), (hashtext((g + ${have})::text) & 2147483647) % 50000, 0, 1, '{}', '1970-01-01 00:00:00+00'
    FROM generate_series(1, ${Math.max(0, BOARD_ENTRIES - have)}) AS g`);
}

async function main() {
  const pg = await tool('nakama').ensurePostgres();
  const address: string = pg.address(DATABASE);
  dropDatabase(address); // a run that was killed left it behind
  let server = await startPrivateServer({ database: DATABASE });
  try {
    const { host, port, serverKey } = target();
    let client = new Client(serverKey, host, port, false);
    const sessions: Session[] = await inBatches(Array.from({ length: USERS }, (_, i) => i), 50, (i) => client.authenticateDevice(`bench-menus-${i}-${process.pid}`, true));
    const now = Date.now();
    await serverRpc('season_create', { ...G, season: seasonFor(now, 'bench_season') });
    await serverRpc('event_create', { ...G, event: {
      id: 'bench_cup', name: 'Bench Cup', starts_at: now, ends_at: now + 3600_000,
      missions: [{ id: 'win', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100 }],
      community_goal: { counter: { event: 'answer_correct' }, target: 100000, rewards: { currencies: { coins: 10 } } },
    } });
    // Each player: an unlocked achievement (its document exists) and a reward waiting in the inbox.
    await inBatches(sessions, 50, async (s) => {
      await serverRpc('achievements_update_progress', { ...G, user_id: s.user_id, achievement_id: 'first_correct_answer', increment: 1 });
      await serverRpc('reward_send', { ...G, user_id: s.user_id, operation_id: `bench-${s.user_id}`, rewards: { currencies: { coins: 5 } } });
    });
    let turn = 0;
    const next = () => sessions[turn++ % sessions.length];
    const menu = (id: string, payload: object = G): Kind => [id, () => client.rpc(next(), id, payload), id];
    const menus = ([
      ['noop (floor)', () => client.rpc(next(), 'noop', {}), 'noop'],
      ["Nakama's GET /v2/account (floor)", () => client.getAccount(next())],
      menu('player_overview'), menu('achievements_get_all'), menu('season_get_player_progress'), menu('event_get_active_events'),
      menu('matchmaking_get_status'), menu('rewards_list_pending'), menu('daily_missions_get'),
      ['noop (floor, again)', () => client.rpc(next(), 'noop', {}), 'noop'],
    ] as Kind[]).filter(([, , rpcId]) => !ONLY || !rpcId || rpcId === 'noop' || ONLY.includes(rpcId));
    await run(`A. Menus, ${MENU_CONCURRENCY} concurrent clients (${USERS} users in turn), ${REQUESTS} requests each:`, menus, MENU_CONCURRENCY, server);
    if (ONLY) return;
    // Latency without queueing: at 200 clients every request waits behind ~200 others (Little's law).
    await run(`A2. The same menus, ${FEW_CLIENTS} concurrent clients:`, menus, FEW_CLIENTS, server);

    await server.stop();
    fillBoard(address, sessions.map((s) => s.user_id!));
    server = await startPrivateServer({ database: DATABASE });
    const restarted = target();
    client = new Client(restarted.serverKey, restarted.host, restarted.port, false);
    // Nakama loads its rank cache in the background after a start: wait until it holds the board.
    for (let waited = 0; ; waited += 200) {
      const res = await fetch(`http://${restarted.host}:${restarted.port}/v2/leaderboard/${encodeURIComponent(BOARD)}?limit=1`, { headers: { authorization: `Bearer ${sessions[0].token}` } });
      if (Number(((await res.json()) as { rank_count?: string }).rank_count || 0) >= BOARD_ENTRIES) break;
      if (waited > 120_000) throw new Error('the rank cache is not complete after 120 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const board = (payload: object): Kind => [`leaderboard_get ${JSON.stringify(payload)}`, () => client.rpc(next(), 'leaderboard_get', { ...G, board_id: 'score_all_time', ...payload })
      .then((r) => { if (!(r.payload as { records?: unknown[] }).records) throw new Error('no records'); }), 'leaderboard_get'];
    await run(`B. Leaderboard reads, ${BOARD_CONCURRENCY} concurrent clients, ${BOARD_ENTRIES.toLocaleString('en')} entries (${USERS} users in turn), ${REQUESTS} requests each:`, [
      ["Nakama's GET /v2/leaderboard/{id} top 20 (floor)", () => client.listLeaderboardRecords(next(), BOARD, undefined, 20)],
      board({ limit: 20 }), board({ mode: 'around_me', limit: 20 }),
      ['noop (floor)', () => client.rpc(next(), 'noop', {}), 'noop'],
    ], BOARD_CONCURRENCY, server);
  } finally {
    await server.stop();
    dropDatabase(address);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
