import { QUIZ_MODE_SETTINGS, type QuizModeSettings } from './game-quizverse';
import arts from './questions/arts.json';
import geography from './questions/geography.json';
import history from './questions/history.json';
import science from './questions/science.json';
import sports from './questions/sports.json';
import technology from './questions/technology.json';

/**
 * QuizVerse's question bank: data files in matches/quiz/questions/*.json, one per category:
 * `{ "category": "science", "questions": [{ "id", "difficulty": 1|2|3, "text", "choices" }] }`
 * with the correct answer first in `choices` (matches shuffle them). Checked at build and start
 * by validateQuestionFiles: every problem names the file and the question id.
 */

/** A question of the bank. The correct answer is always choices[0]; matches shuffle the choices. */
export interface Question {
  /** Unique in the whole bank, e.g. "sci-001". */
  id: string;
  /** From the file's `category`, e.g. "science". */
  category: string;
  /** 1 easy, 2 medium, 3 hard. */
  difficulty: number;
  text: string;
  /** The correct answer first, then three wrong ones. */
  choices: string[];
}

/** A data file as imported, before any check. */
export interface QuestionFile {
  /** Path from the repository root, for problem messages. */
  file: string;
  data: unknown;
}

/** The bank's files. Add a category: add its JSON file and one line here. */
export const QUESTION_FILES: QuestionFile[] = [
  { file: 'matches/quiz/questions/arts.json', data: arts },
  { file: 'matches/quiz/questions/geography.json', data: geography },
  { file: 'matches/quiz/questions/history.json', data: history },
  { file: 'matches/quiz/questions/science.json', data: science },
  { file: 'matches/quiz/questions/sports.json', data: sports },
  { file: 'matches/quiz/questions/technology.json', data: technology },
];

/** Bank-wide requirements (see validateQuestionFiles). */
export const MIN_CATEGORIES = 5;
export const DIFFICULTIES = [1, 2, 3];

type Raw = { [key: string]: unknown };
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The questions of one file (category copied onto each); malformed entries are skipped here and reported by validation. */
export function loadQuestionFile(data: unknown): Question[] {
  if (!isObject(data) || !Array.isArray(data.questions)) return [];
  return data.questions.filter(isObject).map((q) => ({ ...q, category: data.category } as unknown as Question));
}

/** Every question of the bank, file by file. */
export const QUESTIONS: Question[] = ([] as Question[]).concat(...QUESTION_FILES.map((f) => loadQuestionFile(f.data)));

/** Problems with one question, each starting `question <id>:`. `seen` collects ids to find duplicates. */
function checkQuestion(q: unknown, index: number, seen: { [id: string]: true }): string[] {
  const problems: string[] = [];
  if (!isObject(q)) return [`question #${index + 1}: must be an object`];
  const name = typeof q.id === 'string' && q.id ? q.id : `#${index + 1}`;
  const say = (what: string) => problems.push(`question ${name}: ${what}`);
  if (typeof q.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(q.id)) say('id must be lowercase letters, digits and dashes');
  else if (seen[q.id]) say('id is used twice');
  else seen[q.id] = true;
  if (typeof q.text !== 'string' || q.text.trim() === '') say('text is empty');
  if (typeof q.category !== 'string' || !/^[a-z][a-z0-9_]*$/.test(q.category)) say('category must be a lowercase word');
  if (DIFFICULTIES.indexOf(q.difficulty as number) < 0) say(`difficulty must be ${DIFFICULTIES.join(', ')}`);
  const choices = Array.isArray(q.choices) ? q.choices : [];
  const distinct = choices.filter((c, i) => typeof c === 'string' && c.trim() !== '' && choices.indexOf(c) === i);
  if (choices.length !== 4 || distinct.length !== 4) say('choices must be 4 distinct non-empty strings');
  return problems;
}

/**
 * Problems with a list of questions (ids unique, text, category, difficulty 1..3, four distinct
 * non-empty choices), each naming the question, prefixed with `<file>: ` when a file is given.
 */
export function validateQuestions(questions: readonly unknown[], file?: string): string[] {
  const seen: { [id: string]: true } = {};
  const problems = ([] as string[]).concat(...questions.map((q, i) => checkQuestion(q, i, seen)));
  return file ? problems.map((p) => `${file}: ${p}`) : problems;
}

/**
 * Problems with the bank's files, each naming the file and the question id: the file's shape,
 * every question (ids unique across files), each category once with every difficulty, at least
 * MIN_CATEGORIES categories, and enough questions for every mode's rounds.
 */
export function validateQuestionFiles(files: QuestionFile[] = QUESTION_FILES, modes: { [mode: string]: QuizModeSettings } = QUIZ_MODE_SETTINGS): string[] {
  const problems: string[] = [];
  const seen: { [id: string]: true } = {};
  const categories: { [category: string]: string } = {};
  let total = 0;
  for (const { file, data } of files) {
    if (!isObject(data) || typeof data.category !== 'string' || !Array.isArray(data.questions)) {
      problems.push(`${file}: must be {"category": "...", "questions": [...]}`);
      continue;
    }
    if (categories[data.category]) problems.push(`${file}: category ${data.category} is also in ${categories[data.category]}`);
    categories[data.category] = file;
    const questions = data.questions.map((q) => (isObject(q) ? { ...q, category: data.category } : q));
    questions.forEach((q, i) => problems.push(...checkQuestion(q, i, seen).map((p) => `${file}: ${p}`)));
    for (const d of DIFFICULTIES) {
      if (!questions.some((q) => isObject(q) && q.difficulty === d)) problems.push(`${file}: category ${data.category} has no question of difficulty ${d}`);
    }
    total += questions.length;
  }
  const where = 'matches/quiz/questions';
  const count = Object.keys(categories).length;
  if (count < MIN_CATEGORIES) problems.push(`${where}: the bank needs at least ${MIN_CATEGORIES} categories, has ${count}`);
  for (const mode of Object.keys(modes)) {
    if (total < modes[mode].rounds) problems.push(`${where}: mode ${mode} plays ${modes[mode].rounds} rounds but the bank has ${total} questions`);
  }
  return problems;
}
