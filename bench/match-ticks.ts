/**
 * Per-tick cost of matches, on the real Nakama and in the harness (figures, not a test):
 * - LastToLive: 100 players in one solo match, every client sending a move every tick (10/s) and
 *   shots when an enemy is in view.
 * - QuizVerse: an 8-player party match with bots answering.
 * Real server: each tick's wall and on-CPU time on the match goroutine, to the nanosecond, from a Go
 * execution trace of the match's middle (traceLoop), and, where the kernel's scheduler can be
 * traced, how long its thread waited for a CPU meanwhile; the adapter's own timing of every matchLoop
 * call (Date.now, stored in the match record as loop_ms); and Nakama's process CPU time per tick
 * from /proc (it includes socket handling for all clients).
 * Harness: the same kind of match through the same bundle, timed with hrtime per tick.
 *
 * LastToLive bots (test/support/br-client-bot.ts): by default they fight, and half of them are out
 * within 10 s. --wander: nobody fires, all 100 stay alive, each sending a move every tick for the
 * whole run while walking across the safe zone (the full input load at a match's density).
 * --crowd: nobody fires and all walk to the zone's centre, so more and more of them are in everyone's
 * view (the worst case for snapshots).
 *
 * --quests: every player has a quest running first (LastToLive ltl_survivor, QuizVerse quiz_apprentice), so
 * the plugin deliveries show what quest progress adds per match (run with and without).
 *
 * --unbudgeted: the server runs with the per-tick delivery budget out of reach (the runtime env
 * LIVE_GAMES_DELIVERY_BUDGET_MS=100000), so a match end delivers everything in one step, as before the budget.
 *
 * Run: npm run bench -- bench/match-ticks.ts [br|quiz] [seconds] [--harness-only] [--wander | --crowd] [--quests] [--unbudgeted]
 * The harness part also saves its match as a tick script for the goja replay (npm run bench:ticks).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { pack, unpack } from 'msgpackr';
import { LASTTOLIVE } from '../matches/br/game-lasttolive';
import { OP as BR_OP, SNAP, SNAP_PLAYER_SIZE, type SnapshotMessage } from '../matches/br/protocol';
import { BR_RULES } from '../matches/br/rules';
import { createQuizBot, STEADY_BOT } from '../matches/quiz/bots';
import { QUIZVERSE } from '../matches/quiz/game-quizverse';
import { createClientBot, type ClientBotKind } from '../test/support/br-client-bot';
import { STEPPED } from '../test/support/harness-duel';
import { connectPlayer, rpc, type Player } from '../test/integration/support/nakama';
import { cpuMs, machineCpu, machineShares, percentile, pluginDeliveries, startPrivateServer, tool } from './private-server';

const { Harness } = tool('harness');
const { loadRecord, senderId, storedRecord } = tool('replay.js');

const game = process.argv[2] === 'quiz' ? 'quiz' : 'br';
const seconds = Number(process.argv[3] || (game === 'br' ? 60 : 40));
const botKind: ClientBotKind = process.argv.includes('--wander') ? 'wander' : process.argv.includes('--crowd') ? 'crowd' : 'fight';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUESTS = process.argv.includes('--quests');
const UNBUDGETED = process.argv.includes('--unbudgeted');

async function matchmake(players: Player[], gameId: string, mode: string): Promise<string> {
  const matched = Promise.all(players.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
  await Promise.all(players.map((p) => p.socket.addMatchmaker('*', 2, 100, { game_id: gameId, mode })));
  const ids = new Set((await matched).map((m) => m.match_id));
  if (ids.size !== 1) throw new Error(`the matchmaker formed ${ids.size} matches instead of one`);
  return [...ids][0];
}

/** Snapshots received by the clients: how many, their size, and how many players they show. */
const snapshots = { count: 0, bytes: 0, visible: 0 };
function countSnapshot(data: Uint8Array): SnapshotMessage {
  const snapshot = unpack(data) as SnapshotMessage;
  snapshots.count += 1;
  snapshots.bytes += data.byteLength;
  snapshots.visible += (snapshot.length - SNAP.PLAYERS) / SNAP_PLAYER_SIZE;
  return snapshot;
}
function reportSnapshots() {
  const { count, bytes, visible } = snapshots;
  if (count > 0) console.log(`  snapshots received: ${count}, mean ${(bytes / count).toFixed(0)} bytes, ${(visible / count).toFixed(1)} players shown`);
  Object.assign(snapshots, { count: 0, bytes: 0, visible: 0 });
}

/** Real server: 100 LastToLive clients; returns when the match has ended. */
async function realBr(players: Player[], matchId: string) {
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  for (const p of players) {
    const bot = createClientBot(p.userId, botKind);
    let plan: { opCode: number; payload: unknown }[] = [];
    p.socket.onmatchdata = (m) => {
      plan = bot.receive(m.op_code, m.op_code === BR_OP.SNAPSHOT ? countSnapshot(m.data) : unpack(m.data)) || plan;
    };
    // One input per tick (10/s): the bot's latest plan, a shot at most once.
    timers.push(setInterval(() => {
      const next = plan.shift() || null;
      if (!next) return;
      sent += 1;
      void p.socket.sendMatchState(matchId, next.opCode, new Uint8Array(pack(next.payload))).catch(() => undefined);
      if (next.opCode === BR_OP.MOVE) plan.unshift(next);
    }, 100));
  }
  await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));
  await sleep(seconds * 1000);
  timers.forEach(clearInterval);
  return sent;
}

/** Real server: 8 QuizVerse bots answering. */
async function realQuiz(players: Player[], matchId: string) {
  let sent = 0;
  for (const p of players) {
    const bot = createQuizBot(p.userId, 'bench', STEADY_BOT);
    let tick = 0;
    p.socket.onmatchdata = (m) => {
      tick += 1;
      bot.receive(m.op_code, unpack(m.data), tick);
      for (const action of bot.act(tick + 5)) {
        if (action.kind !== 'message') continue;
        sent += 1;
        void p.socket.sendMatchState(matchId, action.opCode, new Uint8Array(pack(action.payload))).catch(() => undefined);
      }
    };
  }
  await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));
  await sleep(seconds * 1000);
  return sent;
}

/** Fetch one of the Go debug endpoints of Nakama's console (pprof) into a file under .run/, after a 3 s warm-up. */
async function debugCapture(endpoint: string, captureSeconds: number, file: string): Promise<string> {
  await sleep(3000);
  const auth = Buffer.from('admin:password').toString('base64');
  const res = await fetch(`http://127.0.0.1:${process.env.NAKAMA_CONSOLE_PORT}/debug/pprof/${endpoint}?seconds=${captureSeconds}`, { headers: { authorization: `Basic ${auth}` } });
  if (!res.ok) throw new Error(`${endpoint}: HTTP ${res.status}`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/**
 * A CPU profile from Nakama's console, saved to .run/: PROFILE=js profiles the JavaScript VMs
 * (/debug/pprof/profile_js), PROFILE=go the whole process (/debug/pprof/profile: Go, goja and sockets).
 */
function profile(kind: string, profileSeconds: number): Promise<string> {
  return debugCapture(kind === 'go' ? 'profile' : 'profile_js', profileSeconds, `.run/profile-${kind}.pprof`);
}

/**
 * The match loop's cost to the nanosecond, from a Go execution trace of the middle of the match
 * (bench/looptrace): each tick's wall time on the match goroutine and the part of it on a CPU.
 * The adapter's own timing has Date.now's millisecond, and ticks start at nearly the same point
 * within a millisecond, so its mean is off by up to 0.5 ms either way, differently in every match.
 * Where the kernel's scheduler events can be traced (root, tracefs), also the part of each tick in
 * which the goroutine's thread waited for a CPU (offCpu): Go counts that time as running.
 */
async function traceLoop(traceSeconds: number): Promise<{ calls: number; wall: Summary; cpu: Summary; offCpu?: Summary }> {
  const stopSched = startSchedTrace();
  const file = await debugCapture('trace', traceSeconds, '.run/nakama.trace').finally(() => stopSched?.());
  const files = [file, ...(stopSched ? [SCHED_FILE] : [])].map((f) => path.resolve(f));
  return JSON.parse(execFileSync('go', ['run', '.', ...files], { cwd: 'bench/looptrace', encoding: 'utf8' }));
}

const TRACEFS = '/sys/kernel/tracing';
const SCHED_FILE = '.run/sched.trace';

/**
 * Record the kernel's sched_switch events (clock mono, as Go's trace) until the returned function
 * is called, which saves them to SCHED_FILE. Null where tracefs cannot be used (not root, no
 * tracefs) or with NO_SCHED_TRACE set (bench/real-ab.sh: two benches at once would share the
 * kernel's one trace): the bench then reports no offCpu.
 */
function startSchedTrace(): (() => void) | null {
  const write = (file: string, value: string) => fs.writeFileSync(path.join(TRACEFS, file), value);
  if (process.env.NO_SCHED_TRACE) return null;
  try {
    if (!fs.existsSync(path.join(TRACEFS, 'trace'))) execFileSync('mount', ['-t', 'tracefs', 'nodev', TRACEFS], { stdio: 'ignore' });
    write('tracing_on', '0');
    write('trace_clock', 'mono');
    write('buffer_size_kb', '32768');
    write('events/sched/sched_switch/enable', '1');
    write('trace', '');
    write('tracing_on', '1');
  } catch {
    return null;
  }
  return () => {
    write('tracing_on', '0');
    write('events/sched/sched_switch/enable', '0');
    // cat, not a copy: tracefs files report a size of 0.
    execFileSync('sh', ['-c', `cat ${TRACEFS}/trace > ${SCHED_FILE}`]);
    write('trace', '');
  };
}
type Summary = { mean: number; median: number; p95: number; max: number };

async function onRealServer() {
  const server = await startPrivateServer(UNBUDGETED ? { extraArgs: ['--runtime.env', 'LIVE_GAMES_DELIVERY_BUDGET_MS=100000'] } : {});
  if (UNBUDGETED) console.log('delivery budget out of reach (--unbudgeted)');
  try {
    const count = game === 'br' ? 100 : 8;
    const players: Player[] = [];
    for (let i = 0; i < count; i += 20) players.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, j) => connectPlayer(`bench${i + j}`)))));
    const gameId = game === 'br' ? LASTTOLIVE.id : QUIZVERSE.id;
    if (QUESTS) {
      const quest = game === 'br' ? 'ltl_survivor' : 'quiz_apprentice';
      for (let i = 0; i < count; i += 10) await Promise.all(players.slice(i, i + 10).map((p) => rpc(p, 'quest_start', { game_id: gameId, quest_id: quest })));
      console.log(`every player started the quest ${quest} (--quests)`);
    }
    const matchId = await matchmake(players, gameId, game === 'br' ? 'solo' : 'party');
    const machineBefore = machineCpu();
    const cpuBefore = cpuMs(server.pid);
    const clientsBefore = cpuMs(process.pid);
    const profiled = process.env.PROFILE ? profile(process.env.PROFILE, Math.floor(seconds / 2)) : null;
    const traced = traceLoop(Math.max(1, seconds - 6));
    const sent = game === 'br' ? await realBr(players, matchId) : await realQuiz(players, matchId);
    if (profiled) console.log(`  CPU profile: ${await profiled} (go tool pprof -top <file>)`);
    players.forEach((p) => p.close());
    let record: any = null;
    // The clients have left: the match ends (nobody connected) and delivers every player's end; wait for it.
    for (let i = 0; i < 100 && !(record && record.ending !== 'running'); i++) {
      await sleep(200);
      record = await loadRecord(matchId).catch(() => null);
    }
    if (!record) throw new Error('the match stored no record');
    const cpu = cpuMs(server.pid) - cpuBefore;
    const machine = machineCpu();
    const { steal } = machineShares(machineBefore, machine);
    const clientsCpu = cpuMs(process.pid) - clientsBefore;
    console.log(`real Nakama, ${game} ${count} players, ${seconds} s: ${record.loop_ms.ticks} loop ticks, ${sent} client messages sent (${(sent / record.loop_ms.ticks).toFixed(1)} per tick)`);
    const { calls, wall, cpu: onCpu, offCpu } = await traced;
    const f = (v: number) => v.toFixed(3);
    console.log(`  match loop (Go execution trace, ${calls} ticks from 3 s on): wall mean ${f(wall.mean)} ms, median ${f(wall.median)}, p95 ${f(wall.p95)}, max ${f(wall.max)}; on a CPU mean ${f(onCpu.mean)} ms`);
    if (offCpu && offCpu.mean !== undefined) console.log(`    of that on-CPU time, its thread waited for a CPU (kernel sched_switch trace): mean ${f(offCpu.mean)} ms, p95 ${f(offCpu.p95)} ms`);
    console.log(`  ticks (adapter timing, Date.now's millisecond; every tick, joins and leaves included): mean ${record.loop_ms.mean.toFixed(3)} ms, p50 ${record.loop_ms.p50} ms, p99 ${record.loop_ms.p99} ms, max ${record.loop_ms.max} ms (tick ${record.loop_ms.max_tick}); the match ${record.ending === 'over' ? `was over at tick ${record.end_tick}, settled (every delivery applied) at tick ${record.settled_tick}` : 'was still running'}`);
    const { deliver, events, end_deliver } = record.loop_ms;
    console.log(`  of which plugin deliveries: ${deliver} ms in all (the end's: ${end_deliver} ms), ${(deliver / record.loop_ms.ticks).toFixed(3)} ms per tick (${events} events, ${events > 0 ? (deliver / events).toFixed(2) : 0} ms each)`);
    console.log(`  Nakama process CPU: ${(cpu / record.loop_ms.ticks).toFixed(3)} ms per tick (includes sockets for all clients); the ${count} clients' process (on the same ${os.cpus().length} cores): ${(clientsCpu / record.loop_ms.ticks).toFixed(3)} ms per tick`);
    const plugins = await pluginDeliveries(server.metricsPort);
    const line = Object.keys(plugins).sort((a, b) => plugins[b].seconds - plugins[a].seconds)
      .map((p) => `${p} ${(plugins[p].seconds * 1000).toFixed(0)} ms / ${plugins[p].calls} calls`).join(', ');
    console.log(`  plugin calls of the run (Prometheus plugin_delivery): ${line}`);
    console.log(`  CPU time the hypervisor gave to other guests during the run (steal): ${steal.toFixed(1)}% (this VM's speed varies with it)`);
    reportSnapshots();
  } finally {
    await server.stop();
  }
}

/** The harness match as a tick script for the goja replay (npm run bench:ticks): payloads as msgpack, base64. */
function saveTickScript(record: any) {
  const log = record.log.map((e: any) => (e.messages ? { tick: e.tick, messages: e.messages.map(([u, op, p]: [number | string, number, unknown]) => [senderId(record, u), op, Buffer.from(pack(p)).toString('base64')]) } : e));
  const file = `.run/goja-ticks-${game}.json`;
  fs.writeFileSync(file, JSON.stringify({ module: record.module, match_id: record.match_id, params: record.params, end_tick: record.end_tick, log }));
  console.log(`  tick script for the goja replay: ${file}`);
}

async function inHarness() {
  const h = await Harness.load('bundle/index.js', { seed: 'bench', env: STEPPED });
  const count = game === 'br' ? 100 : 8;
  const users = Array.from({ length: count }, () => h.createUser());
  const gameId = game === 'br' ? LASTTOLIVE.id : QUIZVERSE.id;
  const matchId = h.matchmake(users.map((u: string) => ({ presence: u, properties: { game_id: gameId, mode: game === 'br' ? 'solo' : 'party' }, minCount: 2, maxCount: 100 })));
  const match = h.match(matchId);
  for (const u of users) match.join(u);
  match.flush();
  const ticks = seconds * (game === 'br' ? BR_RULES.tickRate : 5);
  const times: number[] = [];
  const brBots = users.map((u: string) => createClientBot(u, botKind));
  const plans: { [u: string]: { opCode: number; payload: unknown }[] } = {};
  const quizBots = game === 'quiz' ? users.map((u: string) => createQuizBot(u, 'bench', STEADY_BOT)) : [];
  const seen: { [u: string]: number } = {};
  let sent = 0;
  for (let t = 0; t < ticks && !match.ended; t++) {
    if (game === 'br') {
      // Like the real clients: one input per tick per player, the latest plan from its snapshots.
      for (const u of users) {
        const next = (plans[u] || [])[0];
        if (next) {
          match.send(u, next.opCode, new Uint8Array(pack(next.payload)));
          sent += 1;
        }
        if (next && next.opCode !== BR_OP.MOVE) plans[u].shift();
      }
    } else {
      for (const bot of quizBots) for (const a of bot.act(match.currentTick)) if (a.kind === 'message') match.send(bot.userId, a.opCode, new Uint8Array(pack(a.payload)));
    }
    const start = process.hrtime.bigint();
    match.tick();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    for (const u of users) {
      const got = match.received(u).slice(seen[u] || 0);
      seen[u] = (seen[u] || 0) + got.length;
      for (const m of got) {
        if (game === 'quiz') quizBots[users.indexOf(u)].receive(m.opCode, unpack(m.data), m.tick);
        else plans[u] = brBots[users.indexOf(u)].receive(m.opCode, m.opCode === BR_OP.SNAPSHOT ? countSnapshot(m.data) : unpack(m.data)) || plans[u];
      }
    }
  }
  if (!match.ended) match.terminate();
  saveTickScript(storedRecord(h, matchId));
  console.log(`harness (isolated-vm), ${game} ${count} players: ${times.length} ticks${game === 'br' ? `, ${(sent / times.length).toFixed(1)} client messages per tick` : ''}`);
  console.log(`  tick: median ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms`);
  reportSnapshots();
  h.dispose();
}

inHarness()
  .then(() => (process.argv.includes('--harness-only') ? undefined : onRealServer()))
  .then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
