import type { Rng } from '../shared/rng';
import type { Question } from './question-bank';
import type { PlannedQuestion } from './state';

/**
 * Which questions a match asks, drawn once at creation from the match's seeded generator:
 * - difficulty ramps up over the match: round i of n (0-based) asks difficulty 1 + floor(3i / n)
 *   (5 rounds: 1 1 2 2 3; 8 rounds: 1 1 1 2 2 2 3 3);
 * - categories come in shuffled cycles: no category repeats before every category was asked;
 * - the question is drawn among the unused ones of that category and difficulty, falling back to
 *   the category, then the difficulty, then any unused question when the bank runs short;
 * - each question's choices are shuffled; correctChoice is where choices[0] of the bank went.
 */
export function planQuestions(bank: readonly Question[], rounds: number, rng: Rng): PlannedQuestion[] {
  const categories = bank.map((q) => q.category).filter((c, i, all) => all.indexOf(c) === i).sort();
  const used: { [id: string]: true } = {};
  const plan: PlannedQuestion[] = [];
  let cycle: string[] = [];
  for (let i = 0; i < rounds && i < bank.length; i++) {
    if (cycle.length === 0) cycle = rng.shuffle(categories);
    const category = cycle.shift()!;
    const difficulty = difficultyOfRound(i, rounds);
    const question =
      draw(bank, used, rng, (q) => q.category === category && q.difficulty === difficulty) ||
      draw(bank, used, rng, (q) => q.category === category) ||
      draw(bank, used, rng, (q) => q.difficulty === difficulty) ||
      draw(bank, used, rng, () => true)!;
    used[question.id] = true;
    const order = rng.shuffle(question.choices.map((_, j) => j));
    plan.push({
      questionId: question.id, category: question.category, difficulty: question.difficulty, text: question.text,
      choices: order.map((j) => question.choices[j]), correctChoice: order.indexOf(0),
    });
  }
  return plan;
}

/** The difficulty (1..3) asked in round `index` (0-based) of `rounds`. */
export function difficultyOfRound(index: number, rounds: number): number {
  return 1 + Math.floor((3 * index) / rounds);
}

/** A random unused question passing `fits`, or null. */
function draw(bank: readonly Question[], used: { [id: string]: true }, rng: Rng, fits: (q: Question) => boolean): Question | null {
  const candidates = bank.filter((q) => !used[q.id] && fits(q));
  return candidates.length > 0 ? candidates[rng.int(candidates.length)] : null;
}
