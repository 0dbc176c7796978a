import { QUIZVERSE, QUIZ_MODE_SETTINGS, validateQuizSettings } from '../../matches/quiz/game-quizverse';
import { QUESTION_FILES, QUESTIONS, validateQuestionFiles, validateQuestions } from '../../matches/quiz/question-bank';

const q = (id: string, difficulty: number, choices = ['right', 'w1', 'w2', 'w3']) => ({ id, difficulty, text: `${id}?`, choices });
/** A file of one category with one question of each difficulty. */
const file = (name: string, category: string, prefix: string) => ({
  file: `questions/${name}.json`,
  data: { category, questions: [q(`${prefix}-1`, 1), q(`${prefix}-2`, 2), q(`${prefix}-3`, 3)] },
});
const fiveFiles = () => ['a', 'b', 'c', 'd', 'e'].map((c) => file(c, `cat_${c}`, c));

describe('QuizVerse question bank', () => {
  test('the shipped bank is valid: 60+ questions, 5+ categories, each with every difficulty', () => {
    expect(validateQuestionFiles()).toEqual([]);
    expect(validateQuestions(QUESTIONS)).toEqual([]);
    expect(validateQuizSettings()).toEqual([]);
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(QUESTIONS.map((x) => x.category));
    expect(categories.size).toBeGreaterThanOrEqual(5);
    for (const category of categories) {
      for (const d of [1, 2, 3]) expect(QUESTIONS.filter((x) => x.category === category && x.difficulty === d).length).toBeGreaterThanOrEqual(3);
    }
    expect(QUESTION_FILES.map((f) => f.file)).toContain('matches/quiz/questions/science.json');
  });

  test('problems name the file and the question id', () => {
    const files = fiveFiles();
    files[0].data.questions.push(
      { id: 'a-1', difficulty: 1, text: 'again?', choices: ['x', 'y', 'z', 'w'] },
      { id: 'a-5', difficulty: 4, text: '', choices: ['x', 'x', 'z'] },
      { id: 'Bad Id', difficulty: 2, text: 'ok?', choices: ['x', 'y', 'z', ''] },
    );
    files[1].data.questions.push(q('a-2', 2)); // an id from another file
    expect(validateQuestionFiles(files)).toEqual([
      'questions/a.json: question a-1: id is used twice',
      'questions/a.json: question a-5: text is empty',
      'questions/a.json: question a-5: difficulty must be 1, 2, 3',
      'questions/a.json: question a-5: choices must be 4 distinct non-empty strings',
      'questions/a.json: question Bad Id: id must be lowercase letters, digits and dashes',
      'questions/a.json: question Bad Id: choices must be 4 distinct non-empty strings',
      'questions/b.json: question a-2: id is used twice',
    ]);
  });

  test('the bank needs well-formed files, each category once with every difficulty, 5 categories and enough questions per mode', () => {
    const files: { file: string; data: unknown }[] = fiveFiles().slice(0, 3);
    files.push({ file: 'questions/broken.json', data: [1, 2] });
    files.push({ file: 'questions/again.json', data: { category: 'cat_a', questions: [q('z-1', 1)] } });
    expect(validateQuestionFiles(files, { duel: { ...QUIZ_MODE_SETTINGS.duel, rounds: 5 }, marathon: { ...QUIZ_MODE_SETTINGS.duel, rounds: 40 } })).toEqual([
      'questions/broken.json: must be {"category": "...", "questions": [...]}',
      'questions/again.json: category cat_a is also in questions/a.json',
      'questions/again.json: category cat_a has no question of difficulty 2',
      'questions/again.json: category cat_a has no question of difficulty 3',
      'matches/quiz/questions: the bank needs at least 5 categories, has 3',
      'matches/quiz/questions: mode marathon plays 40 rounds but the bank has 10 questions',
    ]);
  });

  test('a list without a file keeps the short form', () => {
    const science = (x: object) => ({ ...x, category: 'science' });
    expect(validateQuestions([science(q('q1', 1)), science({ ...q('q1', 1), choices: ['x', 'x', 'z', 'w'] }), q('q3', 1)])).toEqual([
      'question q1: id is used twice',
      'question q1: choices must be 4 distinct non-empty strings',
      'question q3: category must be a lowercase word',
    ]);
    expect(validateQuestions([{ ...q('q2', 1), category: 'science' }], 'x.json')).toEqual([]);
    expect(validateQuestions(['nope'], 'x.json')).toEqual(['x.json: question #1: must be an object']);
  });

  test('every mode of QuizVerse has settings', () => {
    expect(Object.keys(QUIZVERSE.modes).sort()).toEqual(['duel', 'party']);
    expect(QUIZVERSE.modes.party).toEqual({ minPlayers: 3, maxPlayers: 8, maxPartySize: 4, rating: 'weng-lin' });
    expect(validateQuizSettings({ ...QUIZVERSE, modes: { ...QUIZVERSE.modes, solo: { minPlayers: 1, maxPlayers: 1, maxPartySize: 1, rating: 'weng-lin' } } }, { ...QUIZ_MODE_SETTINGS, duel: { ...QUIZ_MODE_SETTINGS.duel, rounds: 0 } })).toEqual([
      'matches/quiz/game-quizverse.ts: QUIZ_MODE_SETTINGS.duel.rounds: must be an integer >= 1',
      'matches/quiz/game-quizverse.ts: QUIZ_MODE_SETTINGS.solo: missing',
    ]);
  });
});
