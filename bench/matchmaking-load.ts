/**
 * Matchmaking under load on a private real Nakama (figures, not a test): 100 nakama-js clients
 * search at the same moment, the way a game client does it:
 *   matchmaking_find_match {game_id, mode} -> socket.addMatchmaker(ticket...) -> while not matched,
 *   every resubmit_seconds: removeMatchmaker(old) + addMatchmaker again (the server widens the
 *   rating window in its MatchmakerAdd hook; when removeMatchmaker finds the ticket gone, the pass
 *   matched it, and the client waits for the matched message instead of adding a second ticket)
 *   -> onmatchmakermatched -> socket.joinMatch(match_id) -> socket.leaveMatch (nobody plays).
 * A matched message with a token and no match id (Nakama's relayed-match fallback when the module's
 * matchmakerMatched hook fails) counts as matched but is not joined; it is reported separately.
 * Scenarios:
 *   A. QuizVerse duel (2 players per match), config/nakama.yml's matchmaker (interval_sec 1, max_intervals 2);
 *   B. LastToLive solo (2-100 players per match), the same server and clients;
 *   C. QuizVerse duel again on a fresh server with Nakama's default interval_sec 15 (skip: --no-default-interval).
 * Per client: time from its first addMatchmaker to onmatchmakermatched ("matched") and to its
 * joinMatch resolving ("match start"). Clients not matched within 60 s give up (removeMatchmaker and
 * matchmaking_cancel) and are counted. After each scenario: matchmaking_get_queue_stats of both games,
 * compared with the client-side figures (the server counts a wait from matchmaking_find_match to its
 * matchmakerMatched hook; the client from addMatchmaker to the matched message).
 *
 * Run: npm run bench -- bench/matchmaking-load.ts [--clients N] [--no-default-interval] [--leave-after-all-joined]
 * --leave-after-all-joined: clients leave only when every client has joined (or failed to), instead of
 * right after their own join.
 * Nakama's log: .run/bench-nakama.log (scenarios A and B are kept in .run/bench-nakama-interval1.log
 * when C runs, since C's server writes the same file).
 */
import fs from 'fs';
import path from 'path';
import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../matches/br/game-lasttolive';
import { QUIZVERSE } from '../matches/quiz/game-quizverse';
import { connectPlayer, rpc, type Player } from '../test/integration/support/nakama';
import { argValue, percentile, startPrivateServer, tool } from './private-server';

const CLIENTS = Number(argValue('--clients') || 100);
const DEFAULT_INTERVAL = !process.argv.includes('--no-default-interval');
/** Clients leave their match only once every client of the scenario has joined (or failed to): joins are then not mixed with leaves. */
const LEAVE_AFTER_ALL = process.argv.includes('--leave-after-all-joined');
const TIMEOUT_MS = 60_000;
/** joinMatch and leaveMatch should take milliseconds; this only keeps a stuck call from hanging the run. */
const CALL_TIMEOUT_MS = 15_000;
const RUN_DIR: string = tool('nakama').RUN_DIR;
const LOG_FILE = path.join(RUN_DIR, 'bench-nakama.log');

const now = () => performance.now();
const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]);
};
const message = (err: unknown) => (err instanceof Error ? err.message : typeof err === 'object' && err && 'message' in err ? String((err as { message: unknown }).message) : String(err));

interface FindMatchResponse {
  ticket: { query: string; min_count: number; max_count: number; string_properties: Record<string, string>; numeric_properties: Record<string, number> };
  resubmit_seconds: number;
}
interface QueueStats { window_seconds: number; modes: { [mode: string]: { searching: number; matched: number; wait_median_ms: number | null; wait_p95_ms: number | null } } }

/** What happened to one client in one scenario (times in ms, from its first addMatchmaker). */
interface ClientResult {
  rpcMs: number;
  /** From the start of the matchmaking_find_match call to the first addMatchmaker. */
  beforeAddMs: number;
  /** The first addMatchmaker, in ms since the server became ready (Nakama's matchmaker passes tick from its start). */
  addedSinceReadyMs: number | null;
  matchedMs: number | null;
  joinedMs: number | null;
  matchId: string | null;
  /**
   * Matched with a token instead of a match id: Nakama's fallback (a relayed match) when the module's
   * matchmakerMatched hook failed. Not joined (the authoritative match is what the game needs).
   */
  token: string | null;
  /** removeMatchmaker at a re-submission found the ticket gone: matched in that pass. */
  removeRaces: number;
  /** users in the matched message. */
  users: number;
  resubmits: number;
  errors: string[];
}

interface ScenarioResult {
  name: string;
  gameId: string;
  mode: string;
  results: ClientResult[];
  wallMs: number;
  stats: { [game: string]: QueueStats };
}

const emptyResult = (): ClientResult => ({ rpcMs: 0, beforeAddMs: 0, addedSinceReadyMs: null, matchedMs: null, joinedMs: null, matchId: null, token: null, removeRaces: 0, users: 0, resubmits: 0, errors: [] });

/** Resolve after `ms`, or earlier when the returned wake() is called. */
function pause(ms: number): { done: Promise<void>; wake: () => void } {
  let wake: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });
  return { done, wake };
}

/** Every client arrives once (joined, or done without joining); `open` resolves when all have. */
function barrier(count: number): { arrival: () => () => void; open: Promise<void> } {
  let arrived = 0;
  let release: () => void = () => undefined;
  const open = new Promise<void>((resolve) => { release = resolve; });
  if (count === 0) release();
  return {
    open,
    arrival: () => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        arrived += 1;
        if (arrived >= count) release();
      };
    },
  };
}

/**
 * One client's search, from matchmaking_find_match to leaving the match (or giving up after TIMEOUT_MS).
 * `joined` is called once the client has joined (or failed to); the client leaves when `leaveWhen` resolves.
 */
async function search(p: Player, gameId: string, mode: string, joined: () => void, leaveWhen: Promise<void> | null): Promise<ClientResult> {
  const result: ClientResult = emptyResult();
  let matched: MatchmakerMatched | null = null;
  let wake: () => void = () => undefined;
  let current: string | null = null;
  let start = 0;
  p.socket.onmatchmakermatched = (m) => {
    if (matched) {
      result.errors.push(`matched twice (${m.match_id} after ${matched.match_id})`);
      return;
    }
    matched = m;
    result.matchedMs = now() - start;
    wake();
  };
  const asked = now();
  const found = await rpc<FindMatchResponse>(p, 'matchmaking_find_match', { game_id: gameId, mode });
  result.rpcMs = now() - asked;
  const t = found.ticket;
  const add = async () => (await p.socket.addMatchmaker(t.query, t.min_count, t.max_count, t.string_properties, t.numeric_properties)).ticket;
  start = now();
  result.beforeAddMs = start - asked;
  result.addedSinceReadyMs = start - serverReadyAt;
  const deadline = start + TIMEOUT_MS;
  current = await add();
  while (!matched) {
    const left = deadline - now();
    if (left <= 0) break;
    const wait = pause(Math.min(left, found.resubmit_seconds * 1000));
    wake = wait.wake;
    await wait.done;
    if (matched || now() >= deadline) break;
    // Re-submit: the server rewrites the query with the rating window of the time searched so far.
    const old: string = current!;
    current = null;
    try {
      await p.socket.removeMatchmaker(old);
    } catch (err) {
      // The ticket is gone: this pass matched it and the matched message is on its way. Re-adding now
      // would put a second ticket in the queue; wait for the message (a few seconds at most).
      result.removeRaces += 1;
      const grace = pause(5000);
      wake = grace.wake;
      await grace.done;
      if (matched) break;
      result.errors.push(`removeMatchmaker failed and no matched message within 5 s: ${message(err)}`);
    }
    if (matched) break;
    current = await add();
    result.resubmits += 1;
  }
  const m = matched as MatchmakerMatched | null;
  if (current && (!m || m.ticket !== current)) {
    // Either given up, or matched on the previous ticket while the new one was being added.
    await p.socket.removeMatchmaker(current).catch((err) => result.errors.push(`removeMatchmaker (cleanup): ${message(err)}`));
  }
  if (!m) {
    await rpc(p, 'matchmaking_cancel', { game_id: gameId }).catch((err) => result.errors.push(`matchmaking_cancel: ${message(err)}`));
    return result;
  }
  result.users = m.users.length;
  if (!m.match_id) {
    result.token = m.token || '(none)';
    return result;
  }
  result.matchId = m.match_id;
  try {
    await withTimeout(p.socket.joinMatch(m.match_id), CALL_TIMEOUT_MS, 'joinMatch');
    result.joinedMs = now() - start;
  } catch (err) {
    result.errors.push(`joinMatch: ${message(err)}`);
    return result;
  }
  joined();
  if (leaveWhen) await leaveWhen;
  await withTimeout(p.socket.leaveMatch(m.match_id), CALL_TIMEOUT_MS, 'leaveMatch').catch((err) => result.errors.push(`leaveMatch: ${message(err)}`));
  return result;
}

async function queueStats(p: Player): Promise<{ [game: string]: QueueStats }> {
  const stats: { [game: string]: QueueStats } = {};
  for (const game of [QUIZVERSE, LASTTOLIVE]) stats[game.name] = await rpc<QueueStats>(p, 'matchmaking_get_queue_stats', { game_id: game.id });
  return stats;
}

/** When the current server became ready (performance.now()). */
let serverReadyAt = 0;

/** Sockets the server closed (ondisconnect before we closed them ourselves). */
const dropped = new Set<Player>();

async function scenario(name: string, players: Player[], gameId: string, mode: string): Promise<ScenarioResult> {
  const logFrom = logSize();
  const droppedBefore = dropped.size;
  const started = now();
  const gate = barrier(players.length);
  const results = await Promise.all(players.map((p) => {
    const joined = gate.arrival();
    return search(p, gameId, mode, joined, LEAVE_AFTER_ALL ? gate.open : null)
      .catch((err): ClientResult => ({ ...emptyResult(), errors: [`search failed: ${message(err)}`] }))
      .finally(joined);
  }));
  const wallMs = now() - started;
  const stats = await queueStats(players.find((p) => !dropped.has(p)) || players[0]);
  const out: ScenarioResult = { name, gameId, mode, results, wallMs, stats };
  printScenario(out, dropped.size - droppedBefore, logFrom);
  return out;
}

const secs = (ms: number | null) => (ms === null || ms === undefined ? '-' : (ms / 1000).toFixed(2));
const triple = (values: number[]) => (values.length ? `${secs(percentile(values, 50))} / ${secs(percentile(values, 95))} / ${secs(Math.max(...values))}` : '- / - / -');

/** Groups of clients sharing a match id (or, failing that, a token): how many, and sizes as "50 x 2" or "1 x 64 + 1 x 36". */
function groups(results: ClientResult[], key: (r: ClientResult) => string | null): { count: number; sizes: string; mismatched: number } {
  const byKey = new Map<string, number>();
  for (const r of results) {
    const k = key(r);
    if (k) byKey.set(k, (byKey.get(k) || 0) + 1);
  }
  const histogram = new Map<number, number>();
  for (const size of byKey.values()) histogram.set(size, (histogram.get(size) || 0) + 1);
  const sizes = [...histogram.entries()].sort((x, y) => y[0] - x[0]).map(([size, n]) => `${n} x ${size}`).join(' + ');
  // Clients whose matched message lists another number of users than the clients that got this match.
  const mismatched = results.filter((r) => key(r) && r.users !== byKey.get(key(r)!)).length;
  return { count: byKey.size, sizes: sizes || '-', mismatched };
}
const matchesOf = (results: ClientResult[]) => groups(results, (r) => r.matchId);
const tokenGroupsOf = (results: ClientResult[]) => groups(results, (r) => r.token);

function printScenario(s: ScenarioResult, droppedSockets: number, logFrom: number) {
  const { results } = s;
  const matched = results.filter((r) => r.matchedMs !== null);
  const joined = results.filter((r) => r.joinedMs !== null);
  const matches = matchesOf(results);
  const tokens = tokenGroupsOf(results);
  const errors = results.flatMap((r) => r.errors);
  console.log(`\n== ${s.name}: ${results.length} clients, all done in ${secs(s.wallMs)} s`);
  console.log(`  authoritative matches: ${matches.count} (${matches.sizes})${matches.mismatched ? `; ${matches.mismatched} matched messages list another player count` : ''}`);
  if (tokens.count) console.log(`  matched WITHOUT a match id (token only: the matchmakerMatched hook failed, Nakama fell back to a relayed match; not joined): ${tokens.count} groups (${tokens.sizes})`);
  console.log(`  clients matched: ${matched.length}, joined: ${joined.length}, never matched within ${TIMEOUT_MS / 1000} s: ${results.length - matched.length};`
    + ` re-submissions: ${results.reduce((a, r) => a + r.resubmits, 0)}, re-submissions that found the ticket already matched: ${results.reduce((a, r) => a + r.removeRaces, 0)};`
    + ` sockets closed by the server: ${droppedSockets}`);
  const added = results.filter((r) => r.addedSinceReadyMs !== null).map((r) => r.addedSinceReadyMs!);
  console.log(`  matchmaking_find_match latency s (med / p95 / max): ${triple(results.filter((r) => r.rpcMs > 0).map((r) => r.rpcMs))};`
    + ` first addMatchmaker ${secs(added.length ? Math.min(...added) : null)}-${secs(added.length ? Math.max(...added) : null)} s after Nakama became ready (its matchmaker passes tick from its start)`);
  if (errors.length) {
    const counts = new Map<string, number>();
    for (const e of errors) counts.set(e, (counts.get(e) || 0) + 1);
    console.log(`  client errors: ${errors.length}`);
    for (const [e, n] of counts) console.log(`    ${n} x ${e}`);
  }
  for (const [game, stats] of Object.entries(s.stats)) {
    const modes = Object.entries(stats.modes).map(([mode, m]) => `${mode}: searching ${m.searching}, matched ${m.matched}, wait med ${secs(m.wait_median_ms)} s / p95 ${secs(m.wait_p95_ms)} s`);
    console.log(`  queue stats ${game} (last ${stats.window_seconds / 60} min): ${modes.join('; ')}`);
  }
  const game = s.gameId === QUIZVERSE.id ? QUIZVERSE.name : LASTTOLIVE.name;
  const server = s.stats[game].modes[s.mode];
  const fromAdd = matched.map((r) => r.matchedMs!);
  const fromFind = matched.map((r) => r.beforeAddMs + r.matchedMs!);
  console.log(`  server vs clients, ${game} ${s.mode} wait med / p95: server ${secs(server.wait_median_ms)} / ${secs(server.wait_p95_ms)} s (${server.matched} players, find_match -> matchmakerMatched hook);`
    + ` clients ${secs(percentile(fromAdd, 50))} / ${secs(percentile(fromAdd, 95))} s from addMatchmaker, ${secs(percentile(fromFind, 50))} / ${secs(percentile(fromFind, 95))} s from calling find_match (${matched.length} players, to the matched message)`);
  printLog(logFrom, '  Nakama log during the scenario');
}

function printTable(all: ScenarioResult[]) {
  const rows = [['scenario', 'clients', 'matches (sizes)', 'matched', 'matched s: med / p95 / max', 'joined', 'match start s: med / p95 / max', 'never matched']];
  for (const s of all) {
    const matches = matchesOf(s.results);
    const tokens = tokenGroupsOf(s.results);
    const matched = s.results.filter((r) => r.matchedMs !== null);
    const joined = s.results.filter((r) => r.joinedMs !== null);
    rows.push([
      s.name, String(s.results.length), `${matches.count} (${matches.sizes})${tokens.count ? ` + ${tokens.count} without match id` : ''}`,
      String(matched.length), triple(matched.map((r) => r.matchedMs!)),
      String(joined.length), triple(joined.map((r) => r.joinedMs!)),
      String(s.results.length - matched.length),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join(' | ');
  console.log('\n' + line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('Times from each client\'s first addMatchmaker: "matched" = its onmatchmakermatched, "match start" = its joinMatch(match_id) resolved.');
}

const logSize = () => (fs.existsSync(LOG_FILE) ? fs.statSync(LOG_FILE).size : 0);

/** Warnings and errors in Nakama's log (JSON lines) from byte `from` on, counted by message; and matches created vs formed. */
function printLog(from: number, title: string) {
  if (!fs.existsSync(LOG_FILE)) return console.log(`${title}: ${LOG_FILE} not found`);
  const counts = new Map<string, number>();
  let created = 0;
  let formed = 0;
  for (const line of fs.readFileSync(LOG_FILE).subarray(from).toString('utf8').split('\n')) {
    let entry: { level?: string; msg?: string; error?: unknown };
    try { entry = JSON.parse(line); } catch { continue; }
    if (/ match \S+ created: game /.test(entry.msg || '')) created += 1;
    if (/^matchmaker formed /.test(entry.msg || '')) formed += 1;
    if ((entry.level !== 'warn' && entry.level !== 'error') || /insecure default parameter/.test(entry.msg || '')) continue;
    const error = entry.error === undefined ? '' : ` (${(typeof entry.error === 'string' ? entry.error : JSON.stringify(entry.error)).replace(/ at github\.com.*$/, '').slice(0, 140)})`;
    const key = `${entry.level}: ${entry.msg}${error}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  console.log(`${title}: authoritative matches created ${created}, matchmaker hook completed ("matchmaker formed") ${formed}; ${counts.size ? 'warnings/errors:' : 'no warnings or errors'}`);
  for (const [k, n] of counts) console.log(`    ${n} x ${k}`);
}

async function connectAll(count: number): Promise<Player[]> {
  const players: Player[] = [];
  for (let i = 0; i < count; i += 20) players.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, j) => connectPlayer(`mm${i + j}`)))));
  return players;
}

/** Start a server, connect the clients, run the scenarios; always closes the sockets and stops the server. */
async function onServer(label: string, extraArgs: string[] | undefined, run: (players: Player[]) => Promise<void>): Promise<void> {
  let t = now();
  const server = await startPrivateServer({ extraArgs });
  serverReadyAt = now();
  console.log(`[${label}] Nakama ready in ${secs(now() - t)} s (log: ${LOG_FILE})`);
  const players: Player[] = [];
  let closing = false;
  try {
    t = now();
    players.push(...(await connectAll(CLIENTS)));
    for (const p of players) p.socket.ondisconnect = () => { if (!closing) dropped.add(p); };
    console.log(`[${label}] ${players.length} clients connected in ${secs(now() - t)} s`);
    await run(players);
  } finally {
    closing = true;
    const logFrom = logSize();
    players.forEach((p) => p.close());
    await server.stop();
    printLog(logFrom, `[${label}] Nakama log after the last scenario, until the server stopped`);
  }
}

async function main() {
  const runStarted = now();
  const all: ScenarioResult[] = [];
  await onServer('interval 1 s', undefined, async (players) => {
    all.push(await scenario('A QuizVerse duel (interval 1 s)', players, QUIZVERSE.id, 'duel'));
    all.push(await scenario('B LastToLive solo (interval 1 s)', players, LASTTOLIVE.id, 'solo'));
  });
  if (DEFAULT_INTERVAL) {
    fs.copyFileSync(LOG_FILE, path.join(RUN_DIR, 'bench-nakama-interval1.log'));
    await onServer('interval 15 s', ['--matchmaker.interval_sec', '15'], async (players) => {
      all.push(await scenario('C QuizVerse duel (interval 15 s)', players, QUIZVERSE.id, 'duel'));
    });
  }
  printTable(all);
  console.log(`\ntotal run: ${secs(now() - runStarted)} s`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
