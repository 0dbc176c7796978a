/**
 * Simulation: matchmaking quality of QuizVerse duels with widening search, on a model of Nakama
 * 3.40's default matchmaker. Product goal: 80%+ of matches within 200 rating points. Prints, for
 * 1,000 players (and 100, a thin queue) at matchmaker interval 15 s (Nakama's default) and 1 s
 * (config/nakama.yml): the share of matches within 200 points, waits, the widening step that formed
 * each match, and how fast Elo ratings converge to the players' true skill. Not a test.
 *
 * Run: npm run bench -- bench/matchmaking-sim.ts [seed]
 *
 * Project code used as is: QUIZVERSE's widening schedule and duel counts, stepAt, ticketQuery and
 * RESUBMIT_SECONDS (plugins/matchmaking/widening.ts; the rating window a ticket searches is read back
 * out of the query ticketQuery builds), newRating, eloUpdate and expectedScore (plugins/ratings/elo.ts),
 * and the project's seeded generator (matches/shared/rng.ts, seedrandom's Alea).
 *
 * The matchmaker model (Nakama server/matchmaker.go, matchmaker_process.go processDefault; defaults
 * from server/config.go: interval_sec 15, max_intervals 2, rev_precision false). It keeps:
 * - Passes on a fixed clock, every interval from server start (time.NewTicker(IntervalSec)).
 * - A ticket is "active" (it searches) only in the first pass after it is added: duel tickets have
 *   min_count == max_count == 2, so processDefault sets lastInterval on their first pass and drops
 *   them from the active set ("or if its min/max counts are equal"). Afterwards a ticket stays in the
 *   pool and can only be FOUND by other tickets' searches. Re-submitting adds a new ticket, which is
 *   active again for one pass.
 * - Each pass walks the active tickets in random order (Go map iteration over activeIndexesCopy; a
 *   seeded shuffle here). A ticket already matched earlier in the pass is skipped.
 * - A searcher's hits are the other pooled tickets whose skill lies inside the searcher's OWN window
 *   (the query is all required clauses; with rev_precision false the hit's query is never checked, so
 *   a wide searcher can take a narrow ticket). Nakama's index uses a constant similarity, so every
 *   hit scores the same and "-_score, created_at" sorting makes the OLDEST ticket (by its latest
 *   submission) the partner, not the closest rating. For 1v1 the first hit completes the match and
 *   both tickets leave the pool at once.
 * - Widening as widening.ts describes: the server stores the search start; the client re-submits
 *   every RESUBMIT_SECONDS while searching, until matched; the hook builds each ticket's query from
 *   stepAt(game.widening, now - start). So every re-submission searches once more, in the next pass,
 *   with the window of the waiting time at that re-submission (QuizVerse's step times are multiples of
 *   RESUBMIT_SECONDS, so each step starts exactly at a re-submission), and resets the ticket's
 *   created_at. A ticket waiting past the last step keeps searching ("anyone") every re-submission.
 * - The ticket's skill is the server rating (the MatchmakerAdd hook overwrites it); ratings only
 *   change when a match ends, and a player is never queued while playing, so the rating on the
 *   ticket is the rating at match time.
 * It simplifies:
 * - Re-submission is an atomic remove-and-add at exactly every RESUBMIT_SECONDS from the search start
 *   (no latency, no client arriving a few ms early and getting the previous step, no window with two
 *   tickets or none for one session).
 * - One game mode, solo tickets, no parties, no cancellations, no disconnects: every player stays
 *   for the whole run and always re-queues. Matches always finish (no forfeits), no draws (a win
 *   with probability expectedScore(trueA, trueB), from the hidden true skills), and the result is
 *   rated the moment the match ends. Match length uniform 50-70 s, break 30-120 s.
 * - A pass is instantaneous (no tickets arrive while it runs); tickets added in the same millisecond
 *   keep their insertion order.
 */
import { QUIZVERSE } from '../matches/quiz/game-quizverse';
import { createRng, seedRng, type Rng } from '../matches/shared/rng';
import { RESUBMIT_SECONDS, stepAt, ticketQuery } from '../plugins/matchmaking/widening';
import { eloUpdate, expectedScore, newRating, type Rating } from '../plugins/ratings/elo';
import { spearman } from '../test/support/stats';

const MODE = 'duel';
const SCHEDULE = QUIZVERSE.widening;
const SECOND = 1000;
const RESUBMIT_MS = RESUBMIT_SECONDS * SECOND;
const MINUTE = 60 * SECOND;
const RUN_MS = 120 * MINUTE;
const SNAPSHOT_MS = 10 * MINUTE;
/** Matches formed from here on count as "last hour". */
const SETTLED_MS = 60 * MINUTE;
const GOOD_GAP = 200;
/** The longer run that shows where the ratings settle. */
const LONG_RUN_MS = 12 * 60 * MINUTE;

interface Player {
  trueSkill: number;
  rating: Rating;
  /** Server-side search start (ms), -1 when not searching. */
  searchStart: number;
  /** Bumped when a search ends (a match), so that search's pending re-submission is ignored. */
  searchId: number;
  ticket: Ticket | null;
  /** |rating - true skill| after each rated game. */
  errors: number[];
}

interface Ticket {
  player: Player;
  skill: number;
  /** The searcher's window: the skill clause of its query (-Inf..Inf when the step admits anyone). */
  lo: number;
  hi: number;
  step: number;
  alive: boolean;
}

interface MatchRecord {
  at: number;
  ratingGap: number;
  trueGap: number;
  step: number;
  waits: [number, number];
}

type SimEvent =
  | { kind: 'queue'; at: number; player: Player }
  | { kind: 'resubmit'; at: number; player: Player; searchId: number }
  | { kind: 'end'; at: number; a: Player; b: Player };

/** A binary min-heap of events by (time, insertion order). */
class EventQueue {
  private heap: { ev: SimEvent; seq: number }[] = [];
  private seq = 0;
  push(e: SimEvent): void {
    const ev = { ev: e, seq: this.seq++ };
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  peekAt(): number {
    return this.heap.length ? this.heap[0].ev.at : Infinity;
  }
  pop(): SimEvent {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top.ev;
  }
  private less(a: { ev: SimEvent; seq: number }, b: { ev: SimEvent; seq: number }): boolean {
    return a.ev.at < b.ev.at || (a.ev.at === b.ev.at && a.seq < b.seq);
  }
}

/** The skill window of the query the server builds (ticketQuery), read back out of the query text. */
function windowOf(skill: number, range: number | null): [number, number] {
  const query = ticketQuery(QUIZVERSE.slug, MODE, skill, range);
  const lo = /\+properties\.skill:>=(-?\d+(?:\.\d+)?)/.exec(query);
  const hi = /\+properties\.skill:<=(-?\d+(?:\.\d+)?)/.exec(query);
  if (range === null) {
    if (lo || hi) throw new Error(`an "anyone" query has a skill clause: ${query}`);
    return [-Infinity, Infinity];
  }
  if (!lo || !hi) throw new Error(`cannot read the skill window of ${query}`);
  return [Number(lo[1]), Number(hi[1])];
}

function normal(rng: Rng, mean: number, sd: number): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const uniformMs = (rng: Rng, lowS: number, highS: number) => Math.round((lowS + (highS - lowS) * rng.next()) * SECOND);

/** Nearest-rank percentile of an ascending array. */
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);
const median = (values: number[]) => pct(values.slice().sort((a, b) => a - b), 0.5);

interface Snapshot {
  minute: number;
  meanAbsError: number;
  rho: number;
  meanGames: number;
  /** Standard deviation of the ratings (true skill: 300). */
  ratingSd: number;
}

interface Result {
  label: string;
  players: number;
  intervalSec: number;
  matches: MatchRecord[];
  snapshots: Snapshot[];
  /** Median |error| over players with at least g games, right after their g-th game (index g). */
  medianErrorAfter: number[];
  playersWithGames: number[];
  stillWaiting: number;
  longestOpenWaitMs: number;
  passes: number;
}

function simulate(label: string, playerCount: number, intervalSec: number, seed: string, runMs = RUN_MS): Result {
  const duel = QUIZVERSE.modes[MODE];
  if (duel.minPlayers !== 2 || duel.maxPlayers !== 2) throw new Error('the model assumes 1v1 tickets (min_count == max_count == 2)');
  const rng = createRng(seedRng(`${seed}:${playerCount}:${intervalSec}`));
  // The same population and arrivals for both intervals (seeded by population only).
  const popRng = createRng(seedRng(`${seed}:population:${playerCount}`));
  const events = new EventQueue();
  const players: Player[] = [];
  // Poisson arrivals at a rate that brings about everyone in the first 10 minutes.
  const ratePerMs = playerCount / (10 * MINUTE);
  let arrival = 0;
  for (let i = 0; i < playerCount; i++) {
    const p: Player = { trueSkill: normal(popRng, 1500, 300), rating: newRating(), searchStart: -1, searchId: 0, ticket: null, errors: [] };
    players.push(p);
    arrival += -Math.log(1 - popRng.next()) / ratePerMs;
    events.push({ kind: 'queue', at: Math.round(arrival), player: p });
  }

  // The matchmaker's pool in created_at order (dead entries skipped, compacted now and then).
  let pool: Ticket[] = [];
  let dead = 0;
  let active: Ticket[] = [];
  const matches: MatchRecord[] = [];
  const snapshots: Snapshot[] = [];

  const submit = (p: Player, now: number) => {
    if (p.ticket) {
      p.ticket.alive = false;
      dead++;
    }
    const { step, index } = stepAt(SCHEDULE, now - p.searchStart);
    const [lo, hi] = windowOf(p.rating.rating, step.range);
    const t: Ticket = { player: p, skill: p.rating.rating, lo, hi, step: index, alive: true };
    p.ticket = t;
    pool.push(t);
    active.push(t);
    events.push({ kind: 'resubmit', at: now + RESUBMIT_MS, player: p, searchId: p.searchId });
  };

  const handle = (e: SimEvent) => {
    if (e.kind === 'queue') {
      const p = e.player;
      p.searchStart = e.at;
      submit(p, e.at);
    } else if (e.kind === 'resubmit') {
      if (e.searchId === e.player.searchId) submit(e.player, e.at);
    } else {
      const { a, b } = e;
      const aWins = rng.next() < expectedScore(a.trueSkill, b.trueSkill);
      [a.rating, b.rating] = eloUpdate(a.rating, b.rating, aWins ? 1 : 0);
      for (const p of [a, b]) {
        p.errors.push(Math.abs(p.rating.rating - p.trueSkill));
        events.push({ kind: 'queue', at: e.at + uniformMs(rng, 30, 120), player: p });
      }
    }
  };

  const leave = (t: Ticket) => {
    t.alive = false;
    dead++;
    const p = t.player;
    p.ticket = null;
    p.searchStart = -1;
    p.searchId++;
  };

  /** One processDefault pass at `now`. */
  const pass = (now: number) => {
    const searchers = rng.shuffle(active);
    active = [];
    for (const s of searchers) {
      if (!s.alive) continue; // already matched in this pass, or replaced by a re-submission
      let hit: Ticket | null = null;
      for (const c of pool) {
        if (c.alive && c !== s && c.skill >= s.lo && c.skill <= s.hi) {
          hit = c;
          break;
        }
      }
      if (!hit) continue; // lastInterval: the ticket stays in the pool, no longer active
      const a = s.player;
      const b = hit.player;
      matches.push({
        at: now,
        ratingGap: Math.abs(s.skill - hit.skill),
        trueGap: Math.abs(a.trueSkill - b.trueSkill),
        step: s.step,
        waits: [now - a.searchStart, now - b.searchStart],
      });
      leave(s);
      leave(hit);
      events.push({ kind: 'end', at: now + uniformMs(rng, 50, 70), a, b });
    }
    if (dead > 64 && dead * 2 > pool.length) {
      pool = pool.filter((t) => t.alive);
      dead = 0;
    }
  };

  const intervalMs = intervalSec * SECOND;
  let passes = 0;
  for (let now = intervalMs; now <= runMs; now += intervalMs) {
    while (events.peekAt() <= now) handle(events.pop());
    if (now % SNAPSHOT_MS === 0) {
      let err = 0;
      let games = 0;
      let sum = 0;
      let sq = 0;
      for (const p of players) {
        err += Math.abs(p.rating.rating - p.trueSkill);
        games += p.rating.games;
        sum += p.rating.rating;
        sq += p.rating.rating ** 2;
      }
      snapshots.push({
        minute: now / MINUTE,
        meanAbsError: err / players.length,
        rho: spearman(players.map((p) => p.rating.rating), players.map((p) => p.trueSkill)),
        meanGames: games / players.length,
        ratingSd: Math.sqrt(Math.max(0, sq / players.length - (sum / players.length) ** 2)),
      });
    }
    pass(now);
    passes++;
  }

  const maxGames = Math.max(...players.map((p) => p.errors.length));
  const medianErrorAfter: number[] = [median(players.map((p) => Math.abs(1500 - p.trueSkill)))];
  const playersWithGames: number[] = [players.length];
  for (let g = 1; g <= maxGames; g++) {
    const errs = players.filter((p) => p.errors.length >= g).map((p) => p.errors[g - 1]);
    medianErrorAfter.push(median(errs));
    playersWithGames.push(errs.length);
  }
  const waiting = players.filter((p) => p.ticket);
  return {
    label,
    players: playerCount,
    intervalSec,
    matches,
    snapshots,
    medianErrorAfter,
    playersWithGames,
    stillWaiting: waiting.length,
    longestOpenWaitMs: waiting.length ? Math.max(...waiting.map((p) => runMs - p.searchStart)) : 0,
    passes,
  };
}

const pctText = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
const secText = (ms: number) => (Number.isFinite(ms) ? `${(ms / SECOND).toFixed(1)} s` : '-');

interface Summary {
  within: string;
  withinLastHour: string;
  withinTrueLastHour: string;
  medianWait: string;
  p95Wait: string;
  maxWait: string;
}

function summarise(r: Result): Summary {
  const last = r.matches.filter((m) => m.at >= SETTLED_MS);
  const waits = r.matches.flatMap((m) => m.waits).sort((a, b) => a - b);
  return {
    within: pctText(r.matches.filter((m) => m.ratingGap <= GOOD_GAP).length, r.matches.length),
    withinLastHour: pctText(last.filter((m) => m.ratingGap <= GOOD_GAP).length, last.length),
    withinTrueLastHour: pctText(last.filter((m) => m.trueGap <= GOOD_GAP).length, last.length),
    medianWait: secText(pct(waits, 0.5)),
    p95Wait: secText(pct(waits, 0.95)),
    maxWait: secText(waits.length ? waits[waits.length - 1] : NaN),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The first game count g after which the median player's |error| is below 100, counting only g that
 * every player reached (later g would see only the players matched fastest, a biased sample).
 */
function gamesToConverge(r: Result): string {
  const everyone = r.playersWithGames.filter((n) => n === r.players).length - 1;
  const g = r.medianErrorAfter.findIndex((e, i) => e < 100 && i <= everyone);
  return g < 0 ? `> ${everyone} (not reached)` : String(g);
}

function report(results: Result[]): void {
  const sums = results.map(summarise);
  const stepName = (i: number) => {
    const s = SCHEDULE[i];
    return `  step ${i} (${s.range === null ? 'anyone' : `+/-${s.range}`}, from ${s.afterSeconds} s)`;
  };
  const rows: string[][] = [
    ['matchmaker passes', ...results.map((r) => String(r.passes))],
    ['matches formed', ...results.map((r) => String(r.matches.length))],
    ['games per player (mean)', ...results.map((r) => ((2 * r.matches.length) / r.players).toFixed(1))],
    [`rating gap <= ${GOOD_GAP}: all matches`, ...sums.map((s) => s.within)],
    [`rating gap <= ${GOOD_GAP}: last hour`, ...sums.map((s) => s.withinLastHour)],
    [`TRUE skill gap <= ${GOOD_GAP}: last hour`, ...sums.map((s) => s.withinTrueLastHour)],
    ['mean rating gap: last hour', ...results.map((r) => {
      const last = r.matches.filter((m) => m.at >= SETTLED_MS);
      return last.length ? (last.reduce((a, m) => a + m.ratingGap, 0) / last.length).toFixed(0) : '-';
    })],
    ['wait to match: median', ...sums.map((s) => s.medianWait)],
    ['wait to match: p95', ...sums.map((s) => s.p95Wait)],
    ['wait to match: max', ...sums.map((s) => s.maxWait)],
    ['still searching at the end', ...results.map((r) => `${r.stillWaiting} (longest ${secText(r.longestOpenWaitMs)})`)],
    ['matches by searcher\'s step:', ...results.map(() => '')],
    ...SCHEDULE.map((_, i) => [stepName(i), ...results.map((r) => pctText(r.matches.filter((m) => m.step === i).length, r.matches.length))]),
    ['  last hour: step 2 + step 3', ...results.map((r) => {
      const last = r.matches.filter((m) => m.at >= SETTLED_MS);
      return pctText(last.filter((m) => m.step >= 2).length, last.length);
    })],
  ];
  console.log(table(['', ...results.map((r) => r.label)], rows));

  console.log('\nConvergence: mean |rating - true skill| / Spearman rho(rating, true skill) / sd of ratings (true: 300) / mean games per player');
  const minutes = results[0].snapshots.map((s) => s.minute);
  console.log(table(['minute', ...results.map((r) => r.label)], minutes.map((m, i) => [String(m), ...results.map((r) => {
    const s = r.snapshots[i];
    return `${s.meanAbsError.toFixed(0).padStart(3)} / ${s.rho.toFixed(3)} / ${s.ratingSd.toFixed(0).padStart(3)} / ${s.meanGames.toFixed(1).padStart(4)}`;
  })])));

  console.log('\nMedian |rating - true skill| right after the g-th game (players who played at least g games; n in brackets)');
  const gs = [0, 1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40];
  console.log(table(['games', ...results.map((r) => r.label)], gs.map((g) => [String(g), ...results.map((r) =>
    g < r.medianErrorAfter.length ? `${r.medianErrorAfter[g].toFixed(0)} (${r.playersWithGames[g]})` : '-')])));
  console.log(table(['', ...results.map((r) => r.label)], [['games until median |error| < 100', ...results.map(gamesToConverge)]]));
}

function main(): void {
  const seed = process.argv[2] || 'matchmaking-sim';
  const t0 = Date.now();
  console.log(`QuizVerse duel matchmaking simulation (seed "${seed}"): 2 simulated hours, true skill ~ N(1500, 300),`);
  console.log(`Poisson arrivals over ~10 min, match 50-70 s, break 30-120 s, widening ${SCHEDULE.map((s) => `${s.afterSeconds}s:${s.range === null ? 'any' : `+/-${s.range}`}`).join(' ')}.`);
  console.log(`Nakama default matchmaker model: clients re-submit every ${RESUBMIT_SECONDS} s, duel tickets search once per (re)submission,`
    + ' partner = oldest ticket in the searcher\'s window.\n');
  const results = [
    simulate('1000p @15s', 1000, 15, seed),
    simulate('1000p @1s', 1000, 1, seed),
    simulate('100p @15s', 100, 15, seed),
    simulate('100p @1s', 100, 1, seed),
  ];
  report(results);

  const [big15, big1, thin15, thin1] = results.map((r) => ({ r, s: summarise(r) }));
  const beyond0 = (r: Result) => pctText(r.matches.filter((m) => m.step > 0).length, r.matches.length);
  console.log(`\nThin queue, 1,000 -> 100 players: p95 wait ${big15.s.p95Wait} -> ${thin15.s.p95Wait} (@15s), ${big1.s.p95Wait} -> ${thin1.s.p95Wait} (@1s);`
    + ` matches past step 0 ${beyond0(big15.r)} -> ${beyond0(thin15.r)} / ${beyond0(big1.r)} -> ${beyond0(thin1.r)};`
    + ` rating gap <= ${GOOD_GAP} (last hour) ${big15.s.withinLastHour} -> ${thin15.s.withinLastHour} / ${big1.s.withinLastHour} -> ${thin1.s.withinLastHour}.`);
  console.log('The rating gap barely suffers yet because after 2 hours the ratings are still bunched (sd above, true sd 300); see the longer run.');

  // Ratings are still far from converged after 2 hours, so the gap figures above flatter the
  // matchmaker. A longer run shows what happens as the ratings spread out.
  const hours = LONG_RUN_MS / (60 * MINUTE);
  console.log(`\nLonger run: ${hours} simulated hours. Matches and waits in the hour ending at \`hour\`; ratings at the end of it`);
  const long = [
    simulate('1000p @15s', 1000, 15, seed, LONG_RUN_MS),
    simulate('1000p @1s', 1000, 1, seed, LONG_RUN_MS),
    simulate('100p @15s', 100, 15, seed, LONG_RUN_MS),
    simulate('100p @1s', 100, 1, seed, LONG_RUN_MS),
  ];
  const rows: string[][] = [];
  for (const r of long) {
    for (let h = 2; h <= hours; h += 2) {
      const inHour = r.matches.filter((m) => m.at >= (h - 1) * 60 * MINUTE && m.at < h * 60 * MINUTE);
      const waits = inHour.flatMap((m) => m.waits).sort((x, y) => x - y);
      const snap = r.snapshots.find((x) => x.minute === h * 60)!;
      rows.push([
        h === 2 ? r.label : '', String(h),
        pctText(inHour.filter((m) => m.ratingGap <= GOOD_GAP).length, inHour.length),
        pctText(inHour.filter((m) => m.trueGap <= GOOD_GAP).length, inHour.length),
        pctText(inHour.filter((m) => m.step >= 2).length, inHour.length),
        secText(pct(waits, 0.5)), secText(pct(waits, 0.95)), secText(waits.length ? waits[waits.length - 1] : NaN),
        snap.meanAbsError.toFixed(0), snap.rho.toFixed(3), snap.ratingSd.toFixed(0), snap.meanGames.toFixed(0),
      ]);
    }
  }
  console.log(table(['run', 'hour', `rating <=${GOOD_GAP}`, `TRUE <=${GOOD_GAP}`, 'step 2+', 'wait med', 'wait p95', 'wait max',
    'mean|err|', 'rho', 'rating sd', 'games'], rows));
  console.log(table(['', ...long.map((r) => r.label)], [['games until median |error| < 100', ...long.map(gamesToConverge)]]));

  // How much the headline figures move with the seed (1,000 players, 2 hours).
  const seeds = ['a', 'b', 'c', 'd', 'e'].map((x) => `${seed}-${x}`);
  console.log(`\nSeed spread, 2-hour run, 1,000 players, ${seeds.length} other seeds: min..max`);
  const spread = (intervalSec: number) => {
    const sums = seeds.map((x) => summarise(simulate('', 1000, intervalSec, x)));
    const range = (f: (v: Summary) => string) => {
      const v = sums.map((x) => parseFloat(f(x)));
      return `${Math.min(...v).toFixed(1)}..${Math.max(...v).toFixed(1)}`;
    };
    return [`@${intervalSec}s`, range((x) => x.withinLastHour) + '%', range((x) => x.withinTrueLastHour) + '%', range((x) => x.medianWait) + ' s', range((x) => x.p95Wait) + ' s'];
  };
  console.log(table(['interval', `rating <=${GOOD_GAP}, last hour`, `true <=${GOOD_GAP}, last hour`, 'median wait', 'p95 wait'], [spread(15), spread(1)]));
  console.log(`\n(${((Date.now() - t0) / 1000).toFixed(1)} s elapsed)`);
}

main();
