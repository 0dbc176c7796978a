import { cohortOf, isTargeted } from '../../plugins/experiments/assignment';
import { isActive, normaliseExperiment, storedExperimentProblems, validateExperiment } from '../../plugins/experiments/definitions';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';

const NOW = Date.UTC(2026, 0, 1);
const valid = { id: 'shop_layout', name: 'Shop layout', cohorts: [{ id: 'control', weight: 0.5 }, { id: 'grid', weight: 0.3 }, { id: 'list', weight: 0.2 }] };
const users = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('experiment assignment', () => {
  test('a cohort is a pure function of experiment and player, spread by the weights', () => {
    const e = normaliseExperiment(valid, NOW);
    const counts: { [cohort: string]: number } = { control: 0, grid: 0, list: 0 };
    for (const u of users(20000)) {
      const cohort = cohortOf(e, u);
      expect(cohortOf(e, u)).toBe(cohort);
      counts[cohort] += 1;
    }
    // 20,000 draws: each share within 1.5 points of its weight (about 4.5 standard deviations).
    expect(Math.abs(counts.control / 20000 - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(counts.grid / 20000 - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(counts.list / 20000 - 0.2)).toBeLessThan(0.015);
  });

  test('different experiments assign independently', () => {
    const a = normaliseExperiment({ ...valid, id: 'a', cohorts: [{ id: 'x', weight: 0.5 }, { id: 'y', weight: 0.5 }] }, NOW);
    const b = normaliseExperiment({ ...valid, id: 'b', cohorts: [{ id: 'x', weight: 0.5 }, { id: 'y', weight: 0.5 }] }, NOW);
    const same = users(4000).filter((u) => cohortOf(a, u) === cohortOf(b, u)).length;
    expect(Math.abs(same / 4000 - 0.5)).toBeLessThan(0.04);
  });

  test('targeting by language and account age', () => {
    const t = { lang_tags: ['en', 'pt-BR'], account_created_after: NOW };
    expect(isTargeted(null, { langTag: 'de', createTime: 0 })).toBe(true);
    expect(isTargeted(t, { langTag: 'pt-br', createTime: NOW })).toBe(true);
    expect(isTargeted(t, { langTag: 'de', createTime: NOW })).toBe(false);
    expect(isTargeted(t, { langTag: 'en', createTime: NOW - 1 })).toBe(false);
    expect(isTargeted({ account_created_before: NOW }, { langTag: 'en', createTime: NOW })).toBe(false);
  });
});

describe('experiment definitions', () => {
  test('valid ones are stored with defaults; active within the window until ended', () => {
    expect(validateExperiment(valid, QUIZVERSE, [], NOW)).toEqual([]);
    const e = normaliseExperiment({ ...valid, ends_at: NOW + 1000 }, NOW);
    expect(e).toMatchObject({ starts_at: NOW, ends_at: NOW + 1000, targeting: null, ended_at: 0, description: '' });
    expect(isActive(e, NOW)).toBe(true);
    expect(isActive(e, NOW + 1000)).toBe(false);
    expect(isActive({ ...e, ended_at: NOW }, NOW)).toBe(false);
    expect(storedExperimentProblems(e, QUIZVERSE, [])).toEqual([]);
  });

  test('each problem names its field', () => {
    const problems = (e: object, taken: string[] = []) => validateExperiment(e, QUIZVERSE, taken, NOW).join('\n');
    expect(problems(valid, ['shop_layout'])).toContain('experiment.id: QuizVerse has an experiment shop_layout already');
    expect(problems({ ...valid, cohorts: [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.4 }] })).toContain('experiment.cohorts: weights must add up to 1');
    expect(problems({ ...valid, cohorts: [{ id: 'a', weight: 1 }] })).toContain('experiment.cohorts: 2-10');
    expect(problems({ ...valid, cohorts: [{ id: 'a', weight: 0.5 }, { id: 'a', weight: 0.5 }] })).toContain('experiment.cohorts[1].id: a appears twice');
    expect(problems({ ...valid, ends_at: NOW - 1 })).toContain('experiment.ends_at: must be in the future');
    expect(problems({ ...valid, targeting: { lang_tags: ['english!'] } })).toContain('experiment.targeting.lang_tags');
    expect(problems({ ...valid, colour: 'red' })).toContain('experiment.colour: unknown field');
    expect(problems([])).toBe('experiment: must be a JSON object');
  });

  test('a stored definition edited out of shape is refused', () => {
    const e = normaliseExperiment(valid, NOW);
    expect(storedExperimentProblems({ ...e, cohorts: [{ id: 'control', weight: 2 }, { id: 'grid', weight: -1 }] }, QUIZVERSE, []).length).toBeGreaterThan(0);
    expect(storedExperimentProblems({ ...e, created_at: 'yesterday' as unknown as number }, QUIZVERSE, [])).toEqual(['experiment.created_at, ended_at: integers (ms since the epoch)']);
  });
});
