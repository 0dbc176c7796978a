/**
 * Plugin throughput on a private real Nakama (figures, not a test; product spec: at least 100
 * achievement unlocks per second):
 * A. Unlocks per second: N players (accounts with open sockets, so that notifications have
 *    somewhere to go) get `achievements_update_progress` calls server-to-server (http key, admin),
 *    each unlocking an achievement with rewards: one transaction of progress document + wallet credit
 *    with ledger entry (+ season XP for xp rewards) + a persistent notification. Two rounds, two
 *    different achievements per player: QuizVerse `first_correct_answer` (50 coins) and the tiered
 *    `quiz_champion` (increment 1 -> bronze: 25 coins, 50 xp). Each round: the first half of the
 *    players at one concurrency (in-flight calls), the second half at another. Afterwards a sample of
 *    players is checked: wallet through `player_overview` (their session), ledger through the console
 *    API (each reward exactly once), season XP, and the notifications every socket received.
 * B. Events processed per second and the cost of a match end: M concurrent 8-player QuizVerse party
 *    matches played to the end by bots (matches/quiz/bots.ts, STEADY_BOT), then their match records:
 *    loop_ms {ticks, mean, max, deliver, events}, where deliver = total ms the match spent delivering
 *    domain events to the plugins (achievements, ratings, match history, season pass, ...).
 * A season is scheduled first (season_create, match_xp {match_completed: 50, match_won: 100}), so
 * season XP is part of the work in both parts.
 *
 * Run: npm run bench -- bench/plugins.ts [--players N] [--concurrency 16,64] [--matches M] [--quests]
 * (--quests: every match player has a quest running, so B shows what quest progress adds per match).
 * Nakama's log: .run/bench-nakama.log.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { pack, unpack } from 'msgpackr';
import { createQuizBot, STEADY_BOT } from '../matches/quiz/bots';
import { QUIZ_MODE_SETTINGS, QUIZ_TICK_RATE, QUIZVERSE } from '../matches/quiz/game-quizverse';
import { OP, type QuestionMessage } from '../matches/quiz/protocol';
import { connectPlayer, rpc, serverRpc, walletLedger, type Player } from '../test/integration/support/nakama';
import { argValue, cpuMs, percentile, startPrivateServer, tool } from './private-server';

const { loadRecord } = tool('replay.js');

const PLAYERS = Number(argValue('--players') || 400);
const CONCURRENCY = (argValue('--concurrency') || '16,64').split(',').map(Number);
const MATCHES = Number(argValue('--matches') || 4);
/** Every match player has a quest running (quiz_apprentice): run with and without to see what quests add per match. */
const QUESTS = process.argv.includes('--quests');
const MATCH_PLAYERS = 8;
const SAMPLE = 20;
const MATCH_TIMEOUT_MS = 300_000;
const GAME = { game_id: QUIZVERSE.id };
const LOG_FILE = path.join(tool('nakama').RUN_DIR, 'bench-nakama.log');

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (v: number) => v.toFixed(1);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function connectAll(prefix: string, count: number): Promise<Player[]> {
  const players: Player[] = [];
  for (let i = 0; i < count; i += 20) players.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, j) => connectPlayer(`${prefix}${i + j}`)))));
  return players;
}

/** Run `work` for every item with at most `concurrency` in flight. */
async function inFlight<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

interface UnlockRun { label: string; calls: number; concurrency: number; wallMs: number; cpuMs: number; latencies: number[]; applied: number; unlocked: number; errors: string[] }

/** Nakama's process id, for its CPU time. */
let nakamaPid = 0;

/** One unlock call per player, `concurrency` in flight. */
async function unlockAll(label: string, players: Player[], achievementId: string, concurrency: number): Promise<UnlockRun> {
  const run: UnlockRun = { label, calls: players.length, concurrency, wallMs: 0, cpuMs: 0, latencies: [], applied: 0, unlocked: 0, errors: [] };
  const cpuBefore = cpuMs(nakamaPid);
  const started = now();
  await inFlight(players, concurrency, async (p) => {
    const t = now();
    try {
      const r = await serverRpc<{ achievement: { unlocked: boolean }; applied: boolean }>('achievements_update_progress', { ...GAME, user_id: p.userId, achievement_id: achievementId, increment: 1 });
      run.latencies.push(now() - t);
      if (r.applied) run.applied += 1;
      if (r.achievement.unlocked) run.unlocked += 1;
    } catch (err) {
      run.errors.push(message(err));
    }
  });
  run.wallMs = now() - started;
  run.cpuMs = cpuMs(nakamaPid) - cpuBefore;
  return run;
}

function printUnlocks(r: UnlockRun) {
  const ok = r.latencies.length;
  console.log(`  ${r.label.padEnd(34)} ${String(r.calls).padStart(4)} calls, ${String(r.concurrency).padStart(3)} in flight: ${(ok / (r.wallMs / 1000)).toFixed(0).padStart(5)} unlocks/s`
    + ` (${ms(r.wallMs)} ms); latency median ${ms(percentile(r.latencies, 50))} ms, p95 ${ms(percentile(r.latencies, 95))} ms, max ${ms(Math.max(...r.latencies))} ms;`
    + ` Nakama CPU ${(r.cpuMs / ok).toFixed(1)} ms per unlock; applied ${r.applied}, unlocked ${r.unlocked}${r.errors.length ? `, ERRORS ${r.errors.length}: ${[...new Set(r.errors)].slice(0, 3).join(' | ')}` : ''}`);
}

/** Wait (up to 10 s) until every player holds `count` notifications of `code` for the achievement; returns how many hold exactly that. */
async function notificationsArrived(players: Player[], achievementId: string, count: number): Promise<{ exact: number; more: number; fewer: number; waitedMs: number }> {
  const of = (p: Player) => p.notifications.filter((n) => n.code === 100 && (n.content as { achievement_id?: string }).achievement_id === achievementId).length;
  const t = now();
  while (now() - t < 10_000 && players.some((p) => of(p) < count)) await sleep(100);
  return { exact: players.filter((p) => of(p) === count).length, more: players.filter((p) => of(p) > count).length, fewer: players.filter((p) => of(p) < count).length, waitedMs: now() - t };
}

async function partUnlocks(seasonId: string) {
  console.log(`\n== A. Achievement unlocks (achievements_update_progress, server-to-server) for ${PLAYERS} players`);
  let t = now();
  const warm = await connectAll('warm', 20);
  const players = await connectAll('ach', PLAYERS);
  console.log(`  ${PLAYERS + warm.length} players connected (sockets open) in ${((now() - t) / 1000).toFixed(1)} s`);
  try {
    // Warm-up (not counted): the runtime's VMs, the database connections, the definitions cache.
    await unlockAll('warm-up', warm, 'first_correct_answer', CONCURRENCY[0]);
    const groups = CONCURRENCY.map((c, i) => ({ concurrency: c, players: players.slice(Math.floor((i * PLAYERS) / CONCURRENCY.length), Math.floor(((i + 1) * PLAYERS) / CONCURRENCY.length)) }));
    const runs: UnlockRun[] = [];
    const rounds = [
      { id: 'first_correct_answer', label: 'first_correct_answer (50 coins)' },
      { id: 'quiz_champion', label: 'quiz_champion bronze (25 coins, 50 xp)' },
    ];
    for (const round of rounds) {
      for (const g of groups) {
        const r = await unlockAll(round.label, g.players, round.id, g.concurrency);
        printUnlocks(r);
        runs.push(r);
      }
      const arrived = await notificationsArrived(players, round.id, 1);
      console.log(`    unlock notifications (code 100) for ${round.id}: exactly one on ${arrived.exact} of ${PLAYERS} sockets, more than one on ${arrived.more}, none on ${arrived.fewer} (waited ${ms(arrived.waitedMs)} ms after the last call)`);
    }
    const all = runs.flatMap((r) => r.latencies);
    const wall = runs.reduce((a, r) => a + r.wallMs, 0);
    console.log(`  all rounds: ${all.length} unlocks in ${ms(wall)} ms of calls = ${(all.length / (wall / 1000)).toFixed(0)} unlocks/s; latency median ${ms(percentile(all, 50))} ms, p95 ${ms(percentile(all, 95))} ms`
      + ` (spec: at least 100 unlocks/s: ${all.length / (wall / 1000) >= 100 ? 'met' : 'NOT MET'})`);
    for (const c of CONCURRENCY) {
      const at = runs.filter((r) => r.concurrency === c);
      const n = at.reduce((a, r) => a + r.latencies.length, 0);
      const w = at.reduce((a, r) => a + r.wallMs, 0);
      const lat = at.flatMap((r) => r.latencies);
      console.log(`    at ${c} in flight: ${(n / (w / 1000)).toFixed(0)} unlocks/s, latency median ${ms(percentile(lat, 50))} ms, p95 ${ms(percentile(lat, 95))} ms; Nakama CPU ${(at.reduce((a, r) => a + r.cpuMs, 0) / n).toFixed(1)} ms per unlock (Postgres not included)`);
    }

    // Correctness on a sample spread over both halves: each reward exactly once.
    const sample = Array.from({ length: Math.min(SAMPLE, PLAYERS) }, (_, i) => players[Math.floor((i * PLAYERS) / Math.min(SAMPLE, PLAYERS))]);
    const problems: string[] = [];
    for (const p of sample) {
      const overview = await rpc<any>(p, 'player_overview', GAME);
      const wallet = overview.wallet;
      if (wallet.coins !== 75 || wallet.xp !== 50) problems.push(`${p.userId}: wallet ${JSON.stringify(wallet)}, expected {coins: 75, xp: 50}`);
      const ach = (id: string) => overview.achievements.filter((a: any) => a.id === id)[0];
      if (!ach('first_correct_answer')?.unlocked || !ach('quiz_champion')?.unlocked) problems.push(`${p.userId}: achievements not unlocked in player_overview`);
      const ledger = await walletLedger(p.userId);
      const reasons = ledger.map((l) => String(l.metadata.reason));
      for (const reason of ['achievement:first_correct_answer', 'achievement:quiz_champion/bronze']) {
        const n = reasons.filter((r) => r === reason).length;
        if (n !== 1) problems.push(`${p.userId}: ${n} ledger entries ${reason}`);
      }
      const progress = await rpc<any>(p, 'season_get_player_progress', GAME);
      if (progress.season_id !== seasonId || progress.xp !== 50) problems.push(`${p.userId}: season ${progress.season_id} xp ${progress.xp}, expected ${seasonId} 50`);
    }
    console.log(`  check of ${sample.length} players (player_overview wallet = {coins: 75, xp: 50}, both achievements unlocked; console ledger: one entry per reward; season XP 50):`
      + ` ${problems.length ? `${problems.length} PROBLEMS` : 'all correct'}`);
    for (const p of problems.slice(0, 10)) console.log(`    ${p}`);
  } finally {
    [...warm, ...players].forEach((p) => p.close());
  }
}

/** One group's tickets until matched (each group alone in the queue, so it forms its own match). */
async function matchmake(players: Player[]): Promise<string[]> {
  const matched = Promise.all(players.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
  await Promise.all(players.map((p) => p.socket.addMatchmaker('*', 2, 100, { game_id: QUIZVERSE.id, mode: 'party' })));
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('not matched within 30 s')), 30_000));
  const got = await Promise.race([matched, timeout]);
  return got.map((m) => m.match_id);
}

interface PlayedMatch {
  matchId: string;
  players: Player[];
  joinedAt: number;
  endedAt: number | null;
  sent: number;
  /** Per player: when each QUESTION (by round) and the MATCH_RESULT arrived (performance.now()). */
  arrivals: { questions: { [round: number]: number }; end: number }[];
}

/** Bots answer every question (as in bench/match-ticks.ts); resolves when every player got the match result. */
function play(m: PlayedMatch): Promise<void> {
  let pending = m.players.length;
  return new Promise((resolve) => {
    for (const p of m.players) {
      const bot = createQuizBot(p.userId, 'bench-plugins', STEADY_BOT);
      let tick = 0;
      let done = false;
      const arrival = { questions: {} as { [round: number]: number }, end: 0 };
      m.arrivals.push(arrival);
      p.socket.onmatchdata = (d) => {
        const at = now();
        tick += 1;
        const payload = unpack(d.data);
        if (d.op_code === OP.QUESTION) arrival.questions[(payload as QuestionMessage).round] = at;
        if (d.op_code === OP.MATCH_RESULT && !done) arrival.end = at;
        bot.receive(d.op_code, payload, tick);
        for (const action of bot.act(tick + 5)) {
          if (action.kind !== 'message') continue;
          m.sent += 1;
          void p.socket.sendMatchState(m.matchId, action.opCode, new Uint8Array(pack(action.payload))).catch(() => undefined);
        }
        if (d.op_code === OP.MATCH_RESULT && !done) {
          done = true;
          pending -= 1;
          if (pending === 0) {
            m.endedAt = now();
            resolve();
          }
        }
      };
    }
  });
}

async function recordOf(matchId: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const record = await loadRecord(matchId).catch(() => null);
    if (record) return record;
    await sleep(200);
  }
  throw new Error(`match ${matchId} stored no record`);
}

const counts = (values: string[]) => {
  const byValue = new Map<string, number>();
  for (const v of values) byValue.set(v, (byValue.get(v) || 0) + 1);
  return [...byValue.entries()].map(([v, n]) => `${v} ${n}`).join(', ');
};

async function partMatches(seasonId: string) {
  console.log(`\n== B. Domain events: ${MATCHES} concurrent ${MATCH_PLAYERS}-player QuizVerse party matches played to the end by bots (season ${seasonId} running: match_xp match_completed 50, match_won 100)`);
  const players = await connectAll('match', MATCHES * MATCH_PLAYERS);
  if (QUESTS) {
    await inFlight(players, 16, async (p) => { await rpc(p, 'quest_start', { ...GAME, quest_id: 'quiz_apprentice' }); });
    console.log(`  every player started the quest quiz_apprentice (--quests)`);
  }
  const matches: PlayedMatch[] = [];
  const played: Promise<void>[] = [];
  const started = now();
  try {
    for (let g = 0; g < MATCHES; g++) {
      const group = players.slice(g * MATCH_PLAYERS, (g + 1) * MATCH_PLAYERS);
      const ids = [...new Set(await matchmake(group))];
      if (ids.length !== 1) throw new Error(`group ${g}: the matchmaker formed ${ids.length} matches instead of one`);
      const m: PlayedMatch = { matchId: ids[0], players: group, joinedAt: 0, endedAt: null, sent: 0, arrivals: [] };
      played.push(play(m));
      await Promise.all(group.map((p) => p.socket.joinMatch(m.matchId)));
      m.joinedAt = now();
      matches.push(m);
    }
    console.log(`  ${matches.length} matches formed and joined in ${((now() - started) / 1000).toFixed(1)} s; playing...`);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`matches not over within ${MATCH_TIMEOUT_MS / 1000} s`)), MATCH_TIMEOUT_MS));
    await Promise.race([Promise.all(played), timeout]);
    console.log(`  all matches over ${((now() - started) / 1000).toFixed(1)} s after the first matchmaking call`);
    const records = await Promise.all(matches.map((m) => recordOf(m.matchId)));

    console.log('  per match (loop_ms from the match record; the adapter times matchLoop with Date.now, 1 ms resolution):');
    const tickMs = 1000 / QUIZ_TICK_RATE;
    const totals = { events: 0, deliver: 0, endEvents: 0, ticks: 0, loopMs: 0, overMax: 0, wallS: 0 };
    const clientEnd: number[] = [];
    const clientNoise: number[] = [];
    const gapTicks = QUIZ_MODE_SETTINGS.party.gapSeconds * QUIZ_TICK_RATE;
    records.forEach((r, i) => {
      const m = matches[i];
      const l = r.loop_ms as { ticks: number; mean: number; max: number; deliver: number; events: number };
      const events = r.events as { tick: number; type: string; data: { round?: number } }[];
      const endEvents = events.filter((e) => e.tick === r.end_tick);
      // Mean of the other ticks, so that the max tick's excess is not diluted by itself.
      const meanOthers = l.ticks > 1 ? (l.mean * l.ticks - l.max) / (l.ticks - 1) : l.mean;
      const wallS = (m.endedAt! - m.joinedAt) / 1000;
      totals.events += l.events;
      totals.deliver += l.deliver;
      totals.endEvents += endEvents.length;
      totals.ticks += l.ticks;
      totals.loopMs += l.mean * l.ticks;
      totals.overMax += l.max - meanOthers;
      totals.wallS += wallS;
      // Client side: Nakama starts a tick every tickMs and the match sends at the end of its tick, so a message
      // arrives (its tick - another message's tick) x tickMs after that one, plus the difference of the two
      // ticks' costs (and socket noise). Reference: the last QUESTION, sent on a light tick (no events) at
      // round (last - 1)'s closing tick + gapTicks, as the match end comes gapTicks after the last round closed.
      // The same between two earlier QUESTIONs (both light) shows the method's noise.
      const roundTicks: { [round: number]: number } = {};
      for (const e of events) if (e.type === 'round_won' && typeof e.data.round === 'number') roundTicks[e.data.round] = e.tick;
      const last = Math.max(...Object.keys(roundTicks).map(Number));
      const questionTick = (round: number) => (roundTicks[round - 1] === undefined ? undefined : roundTicks[round - 1] + gapTicks);
      const median = (values: number[]) => (values.length ? percentile(values, 50) : NaN);
      const late = (a: PlayedMatch['arrivals'][number], from: number | undefined, fromTick: number | undefined, to: number | undefined, toTick: number | undefined) =>
        (from && to && fromTick !== undefined && toTick !== undefined ? to - from - (toTick - fromTick) * tickMs : NaN);
      const scheduleOk = r.end_tick === roundTicks[last] + gapTicks;
      const endDelay = scheduleOk ? median(m.arrivals.map((a) => late(a, a.questions[last], questionTick(last), a.end, r.end_tick)).filter((v) => !Number.isNaN(v))) : NaN;
      const noise: number[] = [];
      for (let k = 3; k <= last; k++) {
        const v = median(m.arrivals.map((a) => late(a, a.questions[k - 1], questionTick(k - 1), a.questions[k], questionTick(k))).filter((x) => !Number.isNaN(x)));
        if (!Number.isNaN(v)) noise.push(v);
      }
      if (!Number.isNaN(endDelay)) clientEnd.push(endDelay);
      clientNoise.push(...noise);
      console.log(`  match ${i + 1}: ${r.players.length} players, ${r.ending} at tick ${r.end_tick}, ${wallS.toFixed(1)} s from join to the last MATCH_RESULT, ${m.sent} answers sent`);
      console.log(`    ${l.events} events (record: ${events.length}), delivery ${l.deliver} ms in all = ${l.deliver > 0 ? (l.events / (l.deliver / 1000)).toFixed(0) : '-'} events/s of delivery time,`
        + ` ${(l.deliver / l.events).toFixed(2)} ms per event; matchLoop: ${l.ticks} ticks, mean ${l.mean.toFixed(3)} ms, max ${l.max} ms (mean of the other ticks ${meanOthers.toFixed(3)} ms)`);
      console.log(`    end tick ${r.end_tick}: ${endEvents.length} events (${counts(endEvents.map((e) => e.type))}); over the match: ${counts(events.map((e) => e.type))}`);
      console.log(`    clients (median of ${m.arrivals.length}): MATCH_RESULT ${scheduleOk ? `${ms(endDelay)} ms` : '- (end tick is not the last round\'s close + gap)'} later than the tick schedule after round ${last}'s QUESTION;`
        + ` QUESTION k vs k-1 (noise of the method, k = 3..${last}): ${noise.map((v) => v.toFixed(0)).join(', ')} ms`);
    });
    const n = records.length;
    const perEvent = totals.deliver / totals.events;
    const endEventsPerMatch = totals.endEvents / n;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(`  summary over ${n} matches:`);
    console.log(`    ${(totals.events / n).toFixed(1)} events per match, delivery ${(totals.deliver / n).toFixed(0)} ms per match (${((totals.deliver / totals.loopMs) * 100).toFixed(0)}% of the matchLoop time: ${totals.loopMs.toFixed(0)} ms in ${totals.ticks} loop ticks);`
      + ` ${(totals.events / totals.wallS).toFixed(1)} events/s per match while playing`);
    console.log(`    events processed per second of delivery time: ${(totals.events / (totals.deliver / 1000)).toFixed(0)} (mean cost ${perEvent.toFixed(2)} ms per event, all plugins, season XP included)`);
    console.log(`    match end = the final tick, ${endEventsPerMatch.toFixed(1)} events (match_won, match_completed per player, match_ended -> ratings of all players, match history, achievements, season XP):`);
    console.log(`      server: slowest matchLoop tick - mean of the other ticks = ${(totals.overMax / n).toFixed(1)} ms per match (loop_ms.max; the final tick is assumed to be the slowest);`
      + ` at the mean cost per event its ${endEventsPerMatch.toFixed(0)} events would take ${(endEventsPerMatch * perEvent).toFixed(1)} ms`);
    const absNoise = clientNoise.map(Math.abs);
    console.log(`      clients: the MATCH_RESULT arrives ${ms(mean(clientEnd))} ms (matches: ${clientEnd.map((v) => v.toFixed(0)).join(', ')}) later than the tick schedule predicts from the last QUESTION (a light tick):`
      + ` the final tick's cost above a tick without events; noise of the method between two QUESTIONs: median |${ms(percentile(absNoise, 50))}| ms, max |${ms(Math.max(...absNoise))}| ms`);
    console.log(`    (the ${n} matches ran at the same time on this ${os.cpus().length}-core machine, with the ${players.length} bot clients and Postgres: ticks of different matches compete for the same cores)`);

    // Season XP of the match players: the season's match_xp (and xp rewards of achievements unlocked in the match) counted.
    const xp = await Promise.all(players.map((p) => rpc<any>(p, 'season_get_player_progress', GAME).then((s) => `${s.season_id === seasonId ? '' : `${s.season_id}:`}${s.xp} xp`).catch((e) => `error ${message(e)}`)));
    console.log(`  season XP of the ${players.length} match players afterwards (xp: players): ${counts(xp)} (match_completed 50; the winner also match_won 100 and quiz_champion bronze's 50 xp)`);
  } finally {
    players.forEach((p) => p.close());
  }
}

/** Warnings and errors in Nakama's log (JSON lines) from byte `from` on, counted by message. */
function printLog(from: number) {
  if (!fs.existsSync(LOG_FILE)) return;
  const byKey = new Map<string, number>();
  for (const line of fs.readFileSync(LOG_FILE).subarray(from).toString('utf8').split('\n')) {
    let entry: { level?: string; msg?: string; error?: unknown };
    try { entry = JSON.parse(line); } catch { continue; }
    if ((entry.level !== 'warn' && entry.level !== 'error') || /insecure default parameter/.test(entry.msg || '')) continue;
    const error = entry.error === undefined ? '' : ` (${(typeof entry.error === 'string' ? entry.error : JSON.stringify(entry.error)).slice(0, 140)})`;
    const key = `${entry.level}: ${entry.msg}${error}`;
    byKey.set(key, (byKey.get(key) || 0) + 1);
  }
  console.log(`\nNakama log (${LOG_FILE}): ${byKey.size ? 'warnings/errors:' : 'no warnings or errors'}`);
  for (const [k, n] of byKey) console.log(`    ${n} x ${k}`);
}

async function main() {
  const runStarted = now();
  console.log(`load average before the run (1/5/15 min, ${os.cpus().length} cores): ${os.loadavg().map((v) => v.toFixed(2)).join(' / ')}`);
  const server = await startPrivateServer();
  nakamaPid = server.pid;
  console.log(`private Nakama ready in ${((now() - runStarted) / 1000).toFixed(1)} s (pid ${server.pid}, log ${LOG_FILE})`);
  try {
    const at = Date.now();
    const season = {
      id: `bench_${at}`, name: 'Bench Season', starts_at: at - 1000, ends_at: at + 7 * 24 * 3600 * 1000, tiers: 10,
      xp_curve: { base: 100, step: 0 }, premium_price: { currency: 'coins', amount: 500 },
      rewards: { free: { 2: { currencies: { coins: 10 } } }, premium: {} },
      match_xp: { match_completed: 50, match_won: 100 },
    };
    await serverRpc('season_create', { ...GAME, season });
    console.log(`season ${season.id} scheduled for QuizVerse (season_create): running now, match_xp ${JSON.stringify(season.match_xp)}; xp rewards count as season XP too`);
    await partUnlocks(season.id);
    await partMatches(season.id);
  } finally {
    await server.stop();
    printLog(0);
  }
  console.log(`load average at the end (1/5/15 min): ${os.loadavg().map((v) => v.toFixed(2)).join(' / ')} (other processes on the machine share the cores)`);
  console.log(`\ntotal run: ${((now() - runStarted) / 1000).toFixed(1)} s`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
