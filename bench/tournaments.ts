/**
 * Tournaments on a private real Nakama (figures, not a test):
 * A. Score writes from match results: 100 nakama-js clients join a LastToLive leaderboard tournament
 *    and play one 100-player solo match with fighting bots (test/support/br-client-bot.ts). At its
 *    end every player's match_completed event becomes a tournament score write in the match's loop
 *    (entry document update + Nakama tournament record write). Figures: the tournaments plugin's
 *    time per event on the server (the module's Prometheus timer plugin_delivery) as writes per second
 *    of one match loop, and the time from the result message until the leaderboard shows every score.
 * B. Leaderboard reads at 10,000 and 100,000 entries: the board is filled in SQL (rows like Nakama's
 *    own, in the benchmark's private database) and Nakama restarted so its rank cache loads them.
 *    50 concurrent clients call tournament_get_leaderboard for the top 100 and for the 100 around
 *    their own record; beside them, at the same concurrency, Nakama's own GET /v2/tournament/{id}
 *    (the same top 100 without our RPC) as the floor. p50, p99 and throughput of each.
 *
 * Run: npm run bench -- bench/tournaments.ts [--reads-only | --writes-only] [--requests N]
 * Nakama's log: .run/bench-nakama.log.
 */
import { Client, type Session } from '@heroiclabs/nakama-js';
import { pack, unpack } from 'msgpackr';
import type { DomainEvent } from '../core/events';
import { brPlacementAndKills } from '../plugins/tournaments/scoring';
import { LASTTOLIVE } from '../matches/br/game-lasttolive';
import { OP as BR_OP, type MatchResultMessage } from '../matches/br/protocol';
import { createClientBot } from '../test/support/br-client-bot';
import { connectPlayer, rpc, server as target, serverRpc, type Player } from '../test/integration/support/nakama';
import { argValue, dropDatabase, inBatches, latencyLine, measure as measureAt, percentile, pluginDeliveries, sql, startPrivateServer, tool, type Latency } from './private-server';

const READS_ONLY = process.argv.includes('--reads-only');
const WRITES_ONLY = process.argv.includes('--writes-only');
const REQUESTS = Number(argValue('--requests') || 2000);
const PLAYERS = 100;
const CONCURRENCY = 50;
/** Read clients' users: the RPCs are rate limited per user (120 reads per 10 s), so the 50 workers take turns over this many. */
const READ_USERS = 500;
const DATABASE = 'nakama_bench_tournaments';
const TOURNAMENT = 'bench_ladder';
const BOARD = `${LASTTOLIVE.id}:tournament:${TOURNAMENT}`;
const br = { game_id: LASTTOLIVE.id };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const measure = (label: string, requests: number, call: () => Promise<unknown>) => measureAt(label, requests, CONCURRENCY, call);

type Server = Awaited<ReturnType<typeof startPrivateServer>>;


/** A: one 100-player match scored into the tournament. */
async function scoreWrites(server: Server, players: Player[]) {
  const matched = Promise.all(players.map((p) => new Promise<string>((resolve) => { p.socket.onmatchmakermatched = (m) => resolve(m.match_id!); })));
  await Promise.all(players.map((p) => p.socket.addMatchmaker('*', 2, PLAYERS, { game_id: LASTTOLIVE.id, mode: 'solo' })));
  const ids = new Set(await matched);
  if (ids.size !== 1) throw new Error(`the matchmaker formed ${ids.size} matches instead of one`);
  const [matchId] = [...ids];
  const timers: NodeJS.Timeout[] = [];
  let resultAt = 0;
  const ended = new Promise<MatchResultMessage>((resolve) => {
    for (const p of players) {
      const bot = createClientBot(p.userId);
      let plan: { opCode: number; payload: unknown }[] = [];
      p.socket.onmatchdata = (m) => {
        const message = unpack(m.data);
        if (m.op_code === BR_OP.MATCH_RESULT) {
          resultAt = resultAt || now();
          resolve(message as MatchResultMessage);
        }
        plan = bot.receive(m.op_code, message) || plan;
      };
      timers.push(setInterval(() => {
        const next = plan.shift() || null;
        if (!next) return;
        void p.socket.sendMatchState(matchId, next.opCode, new Uint8Array(pack(next.payload))).catch(() => undefined);
        if (next.opCode === BR_OP.MOVE) plan.unshift(next);
      }, 100));
    }
  });
  const before = (await pluginDeliveries(server.metricsPort)).tournaments;
  const started = now();
  await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));
  const result = await Promise.race([ended, sleep(300_000).then(() => { throw new Error('the match did not end within 300 s'); })]);
  timers.forEach(clearInterval);
  console.log(`A. one LastToLive solo match of ${result.standings.length} players, ${((resultAt - started) / 1000).toFixed(1)} s long`);

  // Every played player's score is on the board: the write path end to end, as a menu sees it.
  const expected = result.standings.map((x) => brPlacementAndKills({ data: { placement: x.placement, kills: x.kills } } as unknown as DomainEvent)).sort((a, b) => b - a);
  let visibleAt = 0;
  let scored = 0;
  for (let poll = 0; now() - resultAt < 30_000; poll++) {
    const top = await rpc<{ records: { score: number }[] }>(players[poll % players.length], 'tournament_get_leaderboard', { ...br, tournament_id: TOURNAMENT, limit: PLAYERS });
    const scores = top.records.map((r) => r.score);
    scored = scores.filter((score, i) => score === expected[i]).length;
    if (scored === expected.length) {
      visibleAt = now();
      break;
    }
    await sleep(50);
  }
  const after = (await pluginDeliveries(server.metricsPort)).tournaments;
  const seconds = after.seconds - before.seconds;
  const events = after.calls - before.calls;
  console.log(`   tournaments plugin on the server: ${events} events (${result.standings.length} match_completed, 1 match_ended), ${(seconds * 1000).toFixed(0)} ms in all, ${((seconds * 1000) / Math.max(1, events)).toFixed(2)} ms per event`);
  console.log(`   => ${(result.standings.length / Math.max(seconds, 1e-9)).toFixed(0)} score writes/s in one match loop (spec floor 50/s; matches run in parallel, one loop each)`);
  console.log(visibleAt ? `   every score (${scored}, placement and kill points as expected) on the leaderboard ${(visibleAt - resultAt).toFixed(0)} ms after the result message` : `   only ${scored} of ${expected.length} scores as expected after 30 s`);
}

/**
 * Fill the board to `total` records in SQL, rows as Nakama writes them: the read users' records
 * first (around-me needs one), then synthetic owners; scores spread over 0..50,000.
 */
function fillBoard(address: string, total: number, owners: string[]): number {
  const expiry = sql(address, `SELECT end_time FROM leaderboard WHERE id = '${BOARD}'`);
  sql(address, `INSERT INTO leaderboard_record (leaderboard_id, owner_id, username, score, subscore, num_score, metadata, expiry_time)
    SELECT '${BOARD}', o::uuid, 'reader', (hashtext(o) & 2147483647) % 50000, 0, 1, '{}', '${expiry}'
    FROM unnest(ARRAY['${owners.join("','")}']) AS o ON CONFLICT (owner_id, leaderboard_id, expiry_time) DO NOTHING`);
  const have = Number(sql(address, `SELECT count(*) FROM leaderboard_record WHERE leaderboard_id = '${BOARD}'`));
  const add = Math.max(0, total - have);
  sql(address, `INSERT INTO leaderboard_record (leaderboard_id, owner_id, username, score, subscore, num_score, metadata, expiry_time)
    SELECT '${BOARD}', md5('${BOARD}' || (g + ${have}))::uuid, 'bench_' || (g + ${have}), (hashtext((g + ${have})::text) & 2147483647) % 50000, 0, 1, '{}', '${expiry}'
    FROM generate_series(1, ${add}) AS g`);
  return have + add;
}

/** B: reads at one board size; each call is made by the next read user in turn. */
async function reads(sessions: Session[], entries: number) {
  const { host, port, serverKey } = target();
  const client = new Client(serverKey, host, port, false);
  let turn = 0;
  const nextSession = () => sessions[turn++ % sessions.length];
  // Nakama loads its rank cache in the background after a start: measure once it holds every record.
  const loading = now();
  for (;;) {
    // nakama-js drops rank_count (the rank cache's size) from the answer; the REST API has it.
    const res = await fetch(`http://${host}:${port}/v2/tournament/${encodeURIComponent(BOARD)}?limit=1`, { headers: { authorization: `Bearer ${sessions[0].token}` } });
    const cached = Number(((await res.json()) as { rank_count?: string }).rank_count || 0);
    if (cached >= entries) break;
    if (now() - loading > 120_000) throw new Error(`the rank cache holds ${cached} of ${entries} records after 120 s`);
    await sleep(200);
  }
  console.log(`   (rank cache complete ${((now() - loading) / 1000).toFixed(1)} s after the server answered)`);
  const results: Latency[] = [];
  const ours = (payload: object) => () => client.rpc(nextSession(), 'tournament_get_leaderboard', { ...br, tournament_id: TOURNAMENT, ...payload })
    .then((r) => { if (!(r.payload as { records?: unknown[] }).records) throw new Error('no records'); });
  const kinds: [string, () => Promise<unknown>][] = [
    ["Nakama's GET /v2/tournament/{id} top 100 (floor)", () => client.listTournamentRecords(nextSession(), BOARD, undefined, 100)],
    ['tournament_get_leaderboard top 100 (+ my record)', ours({ limit: 100 })],
    ['tournament_get_leaderboard around me (100)', ours({ limit: 100, around_me: true })],
  ];
  for (const [label, call] of kinds) await measure(`warm-up ${label}`, CONCURRENCY * 4, call);
  for (const [label, call] of kinds) results.push(await measure(label, REQUESTS, call));
  console.log(`B. ${entries.toLocaleString('en')} entries, ${CONCURRENCY} concurrent clients (${sessions.length} users in turn), ${REQUESTS} requests each:`);
  for (const r of results) console.log(latencyLine(r));
}

async function main() {
  const pg = await tool('nakama').ensurePostgres();
  const address: string = pg.address(DATABASE);
  dropDatabase(address); // a run that was killed left it behind
  let server = await startPrivateServer({ database: DATABASE });
  try {
    await serverRpc('tournament_create', { ...br, tournament: { id: TOURNAMENT, name: 'Bench Ladder', format: 'leaderboard', mode: 'solo', starts_at: Date.now(), ends_at: Date.now() + 6 * 3600_000, aggregate: 'sum' } });
    const players = await inBatches(Array.from({ length: PLAYERS }, (_, i) => i), 20, (i) => connectPlayer(`tb${i}`));
    // All join at once: every join updates the edition document, so they conflict and retry.
    const joinStarted = now();
    const joins = await Promise.all(players.map((p) => { const t0 = now(); return rpc(p, 'tournament_join', { ...br, tournament_id: TOURNAMENT }).then(() => now() - t0, () => -1); }));
    const joined = joins.filter((ms) => ms >= 0);
    console.log(`${PLAYERS} simultaneous tournament_join: ${joined.length} joined in ${(now() - joinStarted).toFixed(0)} ms, p50 ${percentile(joined, 50).toFixed(0)} ms, p99 ${percentile(joined, 99).toFixed(0)} ms, errors ${PLAYERS - joined.length}`);
    if (!READS_ONLY) await scoreWrites(server, players);
    players.forEach((p) => p.close());
    const { host, port, serverKey } = target();
    const readers = new Client(serverKey, host, port, false);
    const sessions = await inBatches(Array.from({ length: READ_USERS }, (_, i) => i), 50, (i) => readers.authenticateDevice(`bench-reader-${i}-${process.pid}`, true));
    for (const size of WRITES_ONLY ? [] : [10_000, 100_000]) {
      await server.stop();
      const t0 = now();
      const entries = fillBoard(address, size, sessions.map((x) => x.user_id!));
      const filled = now();
      server = await startPrivateServer({ database: DATABASE });
      console.log(`   (board filled in ${((filled - t0) / 1000).toFixed(1)} s; Nakama restarted with its rank cache in ${((now() - filled) / 1000).toFixed(1)} s)`);
      await reads(sessions, entries); // sessions stay valid across the restart (same keys); the ports are new
    }
  } finally {
    await server.stop();
    dropDatabase(address);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
