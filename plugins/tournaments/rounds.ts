import { doubleElimination, playable, singleElimination, type Bracket, type Results } from './brackets';
import { swissPairings, swissStandings, type SwissGame } from './swiss';

/**
 * Where a bracket or Swiss tournament stands, as a pure function of (format, seeds, results): the
 * matches to play now, whether it is over, and its final ranks. Nothing derived is stored.
 */
export type PlayFormat = 'single_elimination' | 'double_elimination' | 'swiss';

/** A pairing to play: `a` and `b` meet in one match; its result is stored under `id`. */
export interface Play { id: string; round: number; a: string; b: string }

/** A final rank; players eliminated in the same round share one (ties: docs/tournaments.md). */
export interface Ranked { userId: string; rank: number }

export interface Progress {
  /** Pairings whose players are known and whose result is awaited. */
  open: Play[];
  done: boolean;
  /** Every seed's rank once done (champion 1), else null. */
  ranks: Ranked[] | null;
  /** Players out so far (they play no more). */
  out: string[];
  /** For tournament_get_bracket: the whole tree (elimination) or the rounds so far (Swiss). */
  view: { rounds: { id: string; round: number; bracket?: string; a: string | null; b: string | null; winner: string | null; bye: boolean }[][]; champion: string | null };
}

/** Swiss pairing ids are `s<round>m<n>` (the bye: `s<round>bye`). */
export function progress(format: PlayFormat, seeds: string[], results: Results, swissRounds: number): Progress {
  return format === 'swiss' ? swissProgress(seeds, results, swissRounds) : eliminationProgress(format, seeds, results);
}

function eliminationProgress(format: 'single_elimination' | 'double_elimination', seeds: string[], results: Results): Progress {
  const bracket = format === 'single_elimination' ? singleElimination(seeds, results) : doubleElimination(seeds, results);
  const open = playable(bracket).map((p) => ({ id: p.id, round: p.round, a: p.a as string, b: p.b as string }));
  const stages = eliminations(bracket);
  const done = bracket.champion !== null;
  const view = { rounds: bracket.rounds.map((r) => r.map((p) => ({ id: p.id, round: p.round, bracket: p.bracket, a: p.a, b: p.b, winner: p.winner, bye: p.bye }))), champion: bracket.champion };
  return { open, done, ranks: done ? ranksByStage(seeds, stages, bracket.champion as string) : null, out: Object.keys(stages), view };
}

/**
 * When each eliminated player went out, as the index of the round (in the bracket's order) of the
 * pairing that put them out: single elimination, any loss; double elimination, a loss in the losers'
 * bracket or the grand final (a winners' loss drops a player into the losers' bracket); either
 * format, a pairing neither player came to puts both out.
 */
function eliminations(bracket: Bracket): { [userId: string]: number } {
  const out: { [userId: string]: number } = {};
  bracket.rounds.forEach((round, index) => {
    for (const p of round) {
      if (p.winner === null || p.bye) continue;
      if (p.winner === '') {
        for (const x of [p.a, p.b]) if (x) out[x] = index;
        continue;
      }
      const loser = (p.winner === p.a ? p.b : p.a) as string;
      const eliminates = bracket.format === 'single_elimination' || p.bracket === 'losers' || (p.bracket === 'grand_final' && (p.id === 'gf2' || p.winner === p.a));
      if (eliminates) out[loser] = index;
    }
  });
  return out;
}

/** Champion first, then by how late a player went out; players out in the same round share a rank. */
function ranksByStage(seeds: string[], stages: { [userId: string]: number }, champion: string): Ranked[] {
  const ranked: Ranked[] = champion ? [{ userId: champion, rank: 1 }] : [];
  const others = seeds.filter((s) => s !== champion).sort((x, y) => (stages[y] ?? -1) - (stages[x] ?? -1) || seeds.indexOf(x) - seeds.indexOf(y));
  others.forEach((userId, i) => {
    const previous = others[i - 1];
    const shares = i > 0 && (stages[previous] ?? -1) === (stages[userId] ?? -1);
    ranked.push({ userId, rank: shares ? ranked[ranked.length - 1].rank : ranked.length + 1 });
  });
  return ranked;
}

function swissProgress(seeds: string[], results: Results, rounds: number): Progress {
  const games: SwissGame[] = [];
  const view: Progress['view'] = { rounds: [], champion: null };
  for (let round = 1; round <= rounds; round++) {
    const pairs = swissPairings(seeds, games);
    if (!pairs) break; // no rematch-free pairing is left: the event ends early (tournament_create prevents it)
    const open: Play[] = [];
    const shown: Progress['view']['rounds'][number] = [];
    let n = 0;
    for (const pair of pairs) {
      if (pair.b === null) {
        games.push({ round, a: pair.a, b: null, winner: null });
        shown.push({ id: `s${round}bye`, round, a: pair.a, b: null, winner: pair.a, bye: true });
        continue;
      }
      const id = `s${round}m${++n}`;
      const result = results[id];
      const decided = result === pair.a || result === pair.b || result === '';
      if (decided) games.push({ round, a: pair.a, b: pair.b, winner: result });
      else open.push({ id, round, a: pair.a, b: pair.b });
      shown.push({ id, round, a: pair.a, b: pair.b, winner: decided ? result : null, bye: false });
    }
    view.rounds.push(shown);
    if (open.length > 0) return { open, done: false, ranks: null, out: [], view };
  }
  const table = swissStandings(seeds, games);
  view.champion = table[0].userId;
  return { open: [], done: true, ranks: table.map((row, i) => ({ userId: row.userId, rank: i + 1 })), out: [], view };
}
