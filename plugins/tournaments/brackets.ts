/**
 * Single- and double-elimination brackets as pure functions of (entrants in seed order, results):
 * the same inputs always draw the same tree, so a bracket is never stored, only its entrants and
 * results.
 *
 * Seeding: the winners' bracket has the next power of two of slots; seed 1 meets the last seed, and
 * seeds 1 and 2 can only meet in the final (1-8, 4-5, 2-7, 3-6 for eight). Slots beyond the entrants
 * are empty, so the top seeds get the byes; a player whose opponent is empty advances at once.
 *
 * Double elimination: a loser of the winners' bracket drops into the losers' bracket (round 1 pairs
 * the first round's losers; then rounds alternate: the survivors meet the next winners' round's
 * losers, in reverse order so early opponents do not meet again at once, then meet each other). The
 * grand final is the winners' champion against the losers' champion; when the losers' champion wins
 * it, both have lost once and a reset (gf2) decides. Every player but the champion is out after two
 * losses, the champion has at most one.
 */

/** A player id; '' nobody (an empty slot, or the loser of a bye); null not decided yet. */
type Slot = string | null;

export interface Pairing {
  /** `w<round>m<n>` (winners' bracket), `l<round>m<n>` (losers'), `gf1`, `gf2`: the key of its result. */
  id: string;
  bracket: 'winners' | 'losers' | 'grand_final';
  round: number;
  a: Slot;
  b: Slot;
  /** Set once decided: by its result, or at once for a bye ('' when both sides are empty). */
  winner: Slot;
  /** One side is empty: the other advances without playing. */
  bye: boolean;
}

export interface Bracket {
  format: 'single_elimination' | 'double_elimination';
  /** Rounds of the winners' bracket, then of the losers' bracket, then the grand final and its reset, one round each. */
  rounds: Pairing[][];
  champion: string | null;
}

/**
 * Pairing id -> the winner's user id, or '' when neither player came (both are out; the next
 * opponent advances without playing). A result naming neither player of its pairing is ignored.
 */
export interface Results { [pairingId: string]: string }

/** Seed indexes (0 = top seed) slot by slot for a bracket of `size` slots (a power of two). */
export function seedPositions(size: number): number[] {
  let order = [0];
  while (order.length < size) {
    const next: number[] = [];
    const n = order.length * 2;
    for (let i = 0; i < order.length; i++) next.push(order[i], n - 1 - order[i]);
    order = next;
  }
  return order;
}

function pairing(id: string, bracket: Pairing['bracket'], round: number, a: Slot, b: Slot, results: Results): Pairing {
  const bye = (a === '') !== (b === '');
  let winner: Slot = null;
  if (a === '' && b === '') winner = '';
  else if (bye) winner = a === '' ? b : a;
  else if (a !== null && b !== null && (results[id] === a || results[id] === b || results[id] === '')) winner = results[id];
  return { id, bracket, round, a, b, winner, bye };
}

/** Who lost a pairing: '' when nobody did (a bye, or nobody played), null while undecided. */
function loserOf(p: Pairing): Slot {
  if (p.winner === null) return null;
  if (p.bye || p.winner === '') return '';
  return p.winner === p.a ? p.b : p.a;
}

function winnersBracket(entrants: string[], results: Results): Pairing[][] {
  if (entrants.length < 2 || new Set(entrants).size !== entrants.length) throw new Error('a bracket needs at least 2 distinct entrants');
  let size = 2;
  while (size < entrants.length) size *= 2;
  let slots: Slot[] = seedPositions(size).map((seed) => (seed < entrants.length ? entrants[seed] : ''));
  const rounds: Pairing[][] = [];
  for (let round = 1; slots.length > 1; round++) {
    const these: Pairing[] = [];
    for (let i = 0; i < slots.length / 2; i++) these.push(pairing(`w${round}m${i + 1}`, 'winners', round, slots[2 * i], slots[2 * i + 1], results));
    rounds.push(these);
    slots = these.map((p) => p.winner);
  }
  return rounds;
}

export function singleElimination(entrants: string[], results: Results): Bracket {
  const rounds = winnersBracket(entrants, results);
  return { format: 'single_elimination', rounds, champion: rounds[rounds.length - 1][0].winner };
}

export function doubleElimination(entrants: string[], results: Results): Bracket {
  const winners = winnersBracket(entrants, results);
  const losers: Pairing[][] = [];
  const add = (a: Slot[], b: Slot[]) => {
    const round = losers.length + 1;
    losers.push(a.map((x, i) => pairing(`l${round}m${i + 1}`, 'losers', round, x, b[i], results)));
    return losers[round - 1].map((p) => p.winner);
  };
  let survivors: Slot[] = winners[0].map(loserOf);
  if (winners.length > 1) {
    survivors = add(survivors.filter((_, i) => i % 2 === 0), survivors.filter((_, i) => i % 2 === 1));
    for (let w = 1; w < winners.length; w++) {
      survivors = add(survivors, winners[w].map(loserOf).reverse());
      if (w < winners.length - 1) survivors = add(survivors.filter((_, i) => i % 2 === 0), survivors.filter((_, i) => i % 2 === 1));
    }
  }
  const top = winners[winners.length - 1][0].winner;
  const gf1 = pairing('gf1', 'grand_final', 1, top, survivors[0], results);
  const rounds = winners.concat(losers, [[gf1]]);
  if (gf1.winner === null || gf1.winner === '' || gf1.winner === gf1.a || gf1.bye) return { format: 'double_elimination', rounds, champion: gf1.winner };
  const gf2 = pairing('gf2', 'grand_final', 2, gf1.a, gf1.b, results);
  return { format: 'double_elimination', rounds: rounds.concat([[gf2]]), champion: gf2.winner };
}

/** The pairings whose two players are known and whose result is awaited: the matches to play now. */
export function playable(bracket: Bracket): Pairing[] {
  const open: Pairing[] = [];
  for (const round of bracket.rounds) for (const p of round) if (p.a && p.b && p.winner === null) open.push(p);
  return open;
}
