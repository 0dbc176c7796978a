/**
 * Capacity of one node (figures, not a test; issue 19): a private real Nakama loaded by the Go load
 * generator bench/load (seeded bots over Nakama's realtime protocol and our msgpack messages, far
 * cheaper per player than nakama-js, loopback only, bounded in time). Each bot logs in, opens two
 * menus (RPCs over HTTP), matchmakes, plays its match to the result (QuizVerse: answers after a
 * 0.5-3 s think time; LastToLive: the fighting bot of test/support/br-client-bot.ts, a move per
 * snapshot) and goes again until the time is up. One fresh server per scenario.
 *
 * Per scenario: ticket-to-match (matchmaker_add to matchmaker_matched), matches played and the most
 * at once, tick time (the module's match_tick timer: p50/p99 over every tick of every match, ms
 * resolution) and overruns (ticks longer than the game's tick interval: 200 ms for QuizVerse at 5 Hz,
 * 100 ms for LastToLive at 10 Hz; Prometheus), where the overrunning matches' longest ticks fell
 * (their records), RPC p50/p99 per menu, each plugin's delivery time, errors (every error any bot
 * saw), Nakama's and PostgreSQL's CPU, memory (RSS, peak and per match at the peak), and the load
 * generator's own CPU; then the floor (below).
 *
 * Run: npm run bench -- bench/capacity.ts [quiz|br|both|together] [--players N] [--seconds S] [--ramp R] [--profile S] [--env KEY=VALUE,...]
 * (--env: the server's runtime env, e.g. LIVE_GAMES_DELIVERY_WORKER=off to compare deliveries made in the matches' own loops).
 * Defaults: both games, 1,000 players each, 120 s, one after the other; `together`: both games at once
 * on one node, N players each (no floor: each game's is in its own run). Nakama's log: .run/bench-nakama.log.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { LASTTOLIVE } from '../matches/br/game-lasttolive';
import { DEFAULT_BR_SETTINGS } from '../matches/br/settings';
import { QUIZ_TICK_RATE } from '../matches/quiz/game-quizverse';
import { QUIZVERSE_ID } from '../test/support/quiz';
import { seasonFor } from '../test/support/seasons';
import { serverRpc, server as target } from '../test/integration/support/nakama';
import { argValue, counterValue, cpuMs, machineCpu, machineShares, metricsText, postgresCpuMs, saveProfiles, sql, startPrivateServer, timerQuantiles, timerTotalsIn, tool } from './private-server';

const which = ['quiz', 'br', 'both', 'together'].includes(process.argv[2]) ? process.argv[2] : 'both';
const PLAYERS = Number(argValue('--players') || 1000);
const SECONDS = Number(argValue('--seconds') || 120);
const RUN_DIR: string = tool('nakama').RUN_DIR;
const LOADGEN = path.join(path.dirname(RUN_DIR), '.tools', 'bin', 'benchload');
/** Each game's tick rate (QuizVerse 5 Hz, LastToLive 10 Hz): an overrun is a tick longer than its interval. */
const TICK_RATE = { quiz: QUIZ_TICK_RATE, br: DEFAULT_BR_SETTINGS.tickRate };
/** Seconds over which the bots log in (--ramp; default a quarter of the run, at most 30). A short ramp fills LastToLive matches: the matchmaker takes up to 100 per match. */
const RAMP = Number(argValue('--ramp') || Math.min(30, SECONDS / 4));
/** --profile S: from the end of the ramp, S seconds of Nakama's Go and JavaScript (goja) CPU profiles, saved under .run/ and summarised. */
const PROFILE_SECONDS = Number(argValue('--profile') || 0);
/** --env KEY=VALUE,...: added to the server's runtime env. */
const RUNTIME_ENV = (argValue('--env') || '').split(',').filter(Boolean).flatMap((pair) => ['--runtime.env', pair]);

interface Distribution { count: number; p50: number; p95: number; p99: number; max: number }
interface LoadFigures {
  matches_completed: number; peak_matches: number; peak_players_in_matches: number; seconds: number;
  ticket_to_match_ms: Distribution; rpc_ms: { [id: string]: Distribution }; errors: { [what: string]: number };
  messages_sent: number; messages_received: number; cpu_ms: number;
}

function buildLoadgen(): void {
  fs.mkdirSync(path.dirname(LOADGEN), { recursive: true });
  execFileSync('go', ['build', '-o', LOADGEN, '.'], { cwd: path.resolve('bench', 'load'), stdio: 'inherit' });
}

const rssMb = (pid: number) => Number((/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8')) || [0, 0])[1]) / 1024;

/**
 * Where each match's longest tick fell, for the matches whose longest tick overran (longer than the tick interval), from
 * the record heads (loop_ms.max, max_tick): in its first 2 s (players joining), after its end
 * (settling its deliveries), or in play; and how much of it plugin deliveries took.
 */
function longTicks(database: string, game: string, tickRate: number): string {
  const rows = sql(database, `SELECT (value->'loop_ms'->>'max')::int, (value->'loop_ms'->>'max_tick')::int, (value->>'end_tick')::int, (value->'loop_ms'->>'max_deliver')::int
    FROM storage WHERE collection = 'match_records' AND value->>'module' = '${game}' AND value ? 'loop_ms' AND (value->'loop_ms'->>'max')::int > ${1000 / tickRate}`);
  type Long = { ms: number; tick: number; deliver: number };
  const where: { [at: string]: Long[] } = { start: [], play: [], end: [] };
  for (const row of rows ? rows.split('\n') : []) {
    const [ms, tick, end, deliver] = row.split('|').map(Number);
    where[tick < 2 * tickRate ? 'start' : end > 0 && tick >= end ? 'end' : 'play'].push({ ms, tick, deliver });
  }
  const describe = (ticks: Long[]) => (ticks.length ? `${ticks.length} (${ticks.map((t) => `${t.ms} ms at tick ${t.tick}, ${t.deliver} of them delivering`).join('; ')})` : '0');
  return `at the start ${describe(where.start)}, in play ${describe(where.play)}, at the end ${describe(where.end)}`;
}

/** How long the matches' ends took to settle (end_tick to settled_tick: their result held until its rewards were stored), and the events handed to the delivery worker. */
function settling(database: string, game: string, tickRate: number): string {
  const rows = sql(database, `SELECT (value->>'settled_tick')::int - (value->>'end_tick')::int, (value->'loop_ms'->>'handed')::int, (value->'loop_ms'->>'events')::int
    FROM storage WHERE collection = 'match_records' AND value->>'module' = '${game}' AND value->>'ending' = 'over'`);
  const parsed = (rows ? rows.split('\n') : []).map((row) => row.split('|').map(Number));
  const ms = parsed.map((r) => (r[0] * 1000) / tickRate).sort((a, b) => a - b);
  const at = (q: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(0) : '-');
  const sum = (i: number) => parsed.reduce((total, r) => total + (r[i] || 0), 0);
  return `${ms.length} ends settled in p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ${sum(1)} of ${sum(2)} events handed to the delivery worker`;
}

type Game = 'quiz' | 'br';
const TITLE = { quiz: 'QuizVerse duels', br: 'LastToLive solo (2-100 per match)' };
const d = (x: Distribution) => `p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms, max ${x.max.toFixed(0)} ms (${x.count})`;

/** One fresh server loaded by one load generator per game, all at once (`together`: both games on one node). */
async function scenario(games: Game[]): Promise<void> {
  const server = await startPrivateServer({ extraArgs: ['--runtime.env', 'LIVE_GAMES_BENCH=enabled', ...RUNTIME_ENV, '--metrics.reporting_freq_sec', '1'] });
  try {
    const { host, port, serverKey } = target();
    // What the menus show: a season and a live event with a community goal run in both games.
    const now = Date.now();
    for (const game_id of [QUIZVERSE_ID, LASTTOLIVE.id]) {
      const coins = (n: number) => ({ currencies: { coins: n } });
      await serverRpc('season_create', { game_id, season: { ...seasonFor(now, 'capacity_season'), rewards: { free: { 1: coins(10), 2: coins(20) }, premium: { 1: coins(100) } } } });
      await serverRpc('event_create', { game_id, event: {
        id: 'capacity_cup', name: 'Capacity Cup', starts_at: now, ends_at: now + 3600_000,
        missions: [{ id: 'play', name: 'Play a match', counter: { event: 'match_ended' }, target: 1, points: 10 }],
        community_goal: { counter: { event: 'match_ended' }, target: 1_000_000, rewards: { currencies: { coins: 10 } } },
      } });
    }
    const [cpu0, machine0, pg0, started] = [cpuMs(server.pid), machineCpu(), postgresCpuMs(), Date.now()];
    const runs = games.map((game) => {
      const out = path.join(RUN_DIR, `capacity-${game}.json`);
      const loadgen = spawn(LOADGEN, ['--game', game, '--players', String(PLAYERS), '--seconds', String(SECONDS), '--ramp', String(RAMP),
        '--host', host, '--port', String(port), '--server-key', serverKey, '--seed', '19', '--label', `capacity-${game}-${started}`, '--out', out], { stdio: 'inherit' });
      return { game, out, exited: new Promise<number | null>((resolve) => loadgen.on('exit', resolve)) };
    });
    const idleRss = rssMb(server.pid);
    let peakRss = idleRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMb(server.pid)); }, 1000);
    if (PROFILE_SECONDS > 0) {
      await new Promise((resolve) => setTimeout(resolve, RAMP * 1000));
      await saveProfiles(`capacity-${games.join('-')}`, PROFILE_SECONDS);
    }
    const codes = await Promise.all(runs.map((r) => r.exited));
    clearInterval(sampler);
    if (codes.some((code) => code !== 0)) throw new Error(`a load generator exited with ${codes.join(', ')}`);
    const [cpu1, machine1, pg1, seconds] = [cpuMs(server.pid), machineCpu(), postgresCpuMs(), (Date.now() - started) / 1000];
    const figures = runs.map((r) => JSON.parse(fs.readFileSync(r.out, 'utf8')) as LoadFigures);
    // The match module is named like the game (main.ts matches). Counters reach Prometheus within a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const metrics = await metricsText(server.metricsPort);
    const tickTotals = timerTotalsIn(metrics, 'match_tick', 'module');
    const shares = machineShares(machine0, machine1);
    const players = PLAYERS * games.length;
    console.log(`\n${games.map((g) => TITLE[g]).join(' and ')}: ${PLAYERS} bots ${games.length > 1 ? 'each ' : ''}for ${SECONDS} s (run ${seconds.toFixed(0)} s, steal ${shares.steal.toFixed(1)}%)`);
    runs.forEach(({ game }, i) => {
      const f = figures[i];
      const ticks = tickTotals[game] || { seconds: 0, calls: 0 };
      const quantiles = timerQuantiles(metrics, 'match_tick', 'module', game);
      const errors = Object.entries(f.errors);
      if (games.length > 1) console.log(` ${TITLE[game]}:`);
      console.log(`  matches completed ${f.matches_completed}, at most ${f.peak_matches} at once with ${f.peak_players_in_matches} players in them`);
      console.log(`  ticket to match: ${d(f.ticket_to_match_ms)}`);
      console.log(`  ticks: ${ticks.calls} (mean ${((ticks.seconds * 1000) / Math.max(1, ticks.calls)).toFixed(3)} ms), p50 ${Math.round(quantiles['0.5'])} ms, p99 ${Math.round(quantiles['0.99'])} ms, p99.9 ${Math.round(quantiles['0.999'])} ms, overruns ${counterValue(metrics, 'match_tick_overruns', 'module', game)}`);
      console.log(`  matches whose longest tick overran: ${longTicks(server.database, game, TICK_RATE[game])}`);
      console.log(`  match ends: ${settling(server.database, game, TICK_RATE[game])}`);
      for (const [id, r] of Object.entries(f.rpc_ms).sort()) console.log(`  rpc ${id.padEnd(28)} ${d(r)}`);
      console.log(`  errors: ${errors.length === 0 ? 0 : errors.map(([what, n]) => `${n}x ${what}`).join('; ')}`);
      console.log(`  messages: ${f.messages_sent} sent, ${f.messages_received} received by the bots; the load generator's CPU ${(f.cpu_ms / 1000).toFixed(1)} s`);
    });
    const plugins = Object.entries(timerTotalsIn(metrics, 'plugin_delivery', 'plugin')).sort((a, b) => b[1].seconds - a[1].seconds);
    const p999 = (id: string) => Math.round(timerQuantiles(metrics, 'plugin_delivery', 'plugin', id)['0.999'] || 0);
    console.log(`  plugin deliveries (server time, all matches; a call's p99.9): ${plugins.map(([id, p]) => `${id} ${p.seconds.toFixed(1)} s / ${p.calls} calls (${p999(id)} ms)`).join(', ')}`);
    const nakamaCpuMs = cpu1 - cpu0;
    const peakMatches = figures.reduce((n, f) => n + f.peak_matches, 0);
    console.log(`  Nakama CPU ${(nakamaCpuMs / 1000).toFixed(1)} s = ${(nakamaCpuMs / seconds / 10).toFixed(0)}% of a core, ${(nakamaCpuMs / seconds / players).toFixed(2)} ms per player per second; memory ${idleRss.toFixed(0)} MB idle, peak ${peakRss.toFixed(0)} MB = ${((peakRss - idleRss) / Math.max(1, peakMatches)).toFixed(2)} MB per match at the most matches (their players' sessions included)`);
    console.log(`  PostgreSQL CPU ${((pg1 - pg0) / seconds / 10).toFixed(0)}% of a core; the machine busy ${shares.busy.toFixed(0)}% (all ${os.cpus().length} cores)`);
    // A floor per game needs the node to itself: the single-game runs have them.
    if (games.length === 1) await floor(games[0], figures[0], nakamaCpuMs / seconds / Math.max(1, figures[0].peak_players_in_matches), server.pid);
  } finally {
    await server.stop();
  }
}

/**
 * The floor beside it, on the same server: as many players as were in matches at the peak, in
 * empty-loop matches of the same size and tick rate (plugins/floor), each sending its game's input
 * at the real run's rate (its messages per player in a match and second). Nakama's CPU per
 * player in a match is then compared (the real run's also includes menus, logins and matchmaking).
 */
async function floor(game: 'quiz' | 'br', real: LoadFigures, realCpuPerPlayer: number, pid: number): Promise<void> {
  const size = game === 'quiz' ? 2 : Math.max(2, Math.round(real.peak_players_in_matches / Math.max(1, real.peak_matches)));
  const count = Math.max(1, Math.floor(real.peak_players_in_matches / size));
  const seconds = Math.min(60, SECONDS);
  // The real run's message rate per player (moves after snapshots, answers after questions).
  const everyMs = Math.max(10, Math.round((real.peak_players_in_matches * real.seconds * 1000) / Math.max(1, real.messages_sent)));
  const { match_ids } = await serverRpc<{ match_ids: string[] }>('floor_matches_create', { count, tick_rate: TICK_RATE[game], seconds: seconds + 40 });
  const { host, port, serverKey } = target();
  const out = path.join(RUN_DIR, `capacity-${game}-floor.json`);
  const cpu0 = cpuMs(pid);
  const started = Date.now();
  execFileSync(LOADGEN, ['--game', game, '--players', String(count * size), '--seconds', String(seconds), '--ramp', '10', '--floor', match_ids.join(','), '--size', String(size), '--every', String(everyMs),
    '--host', host, '--port', String(port), '--server-key', serverKey, '--seed', '19', '--out', out], { stdio: 'inherit', maxBuffer: 1 << 24 });
  const perPlayer = (cpuMs(pid) - cpu0) / ((Date.now() - started) / 1000) / (count * size);
  const figures = JSON.parse(fs.readFileSync(out, 'utf8')) as LoadFigures;
  console.log(`  floor: ${count} empty-loop matches of ${size} at ${TICK_RATE[game]} Hz, ${figures.peak_players_in_matches} players, a message each every ${everyMs} ms (${figures.messages_sent}): Nakama CPU ${perPlayer.toFixed(2)} ms per player per second; the real run ${realCpuPerPlayer.toFixed(2)} ms per player in a match = ${(realCpuPerPlayer / perPlayer).toFixed(1)}x the floor; errors ${Object.keys(figures.errors).length}`);
}

async function main() {
  buildLoadgen();
  if (which === 'together') await scenario(['quiz', 'br']);
  else for (const game of which === 'both' ? (['quiz', 'br'] as const) : [which as Game]) await scenario([game]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
