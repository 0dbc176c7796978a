import { clientEventProblem, catalogueProblems } from '../../plugins/analytics/catalogue';
import { CATALOGUES } from '../../plugins/analytics/catalogues';
import { srmTest, upperGammaQ } from '../../plugins/analytics/srm';
import { SERVER_EVENTS } from '../../plugins/analytics/plugin';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';

const NOW = Date.UTC(2026, 11, 1);
const catalogue = CATALOGUES[QUIZVERSE.id];
const problem = (e: unknown) => clientEventProblem(e, catalogue, SERVER_EVENTS, 'QuizVerse', NOW);

describe('chi-square p-values', () => {
  test('match the tables', () => {
    // Critical values of the chi-square distribution: df 1 at 0.05 and 0.001, df 2 at 0.05, df 4 at 0.01.
    expect(upperGammaQ(0.5, 3.841459 / 2)).toBeCloseTo(0.05, 6);
    expect(upperGammaQ(0.5, 10.827566 / 2)).toBeCloseTo(0.001, 7);
    expect(upperGammaQ(1, 5.991465 / 2)).toBeCloseTo(0.05, 6);
    expect(upperGammaQ(2, 13.276704 / 2)).toBeCloseTo(0.01, 6);
    expect(upperGammaQ(3, 0)).toBe(1);
  });

  test('the SRM flag raises on a skewed split and stays down on a fair one', () => {
    expect(srmTest([5012, 4988], [0.5, 0.5])).toMatchObject({ mismatch: false, valid: true, degrees_of_freedom: 1 });
    const skewed = srmTest([5200, 4800], [0.5, 0.5]);
    expect(skewed.chi_square).toBe(16);
    expect(skewed.p_value).toBeLessThan(0.001);
    expect(skewed.mismatch).toBe(true);
    expect(srmTest([3, 0], [0.5, 0.5])).toMatchObject({ valid: false, mismatch: false });
    expect(srmTest([340, 330, 330], [0.34, 0.33, 0.33]).mismatch).toBe(false);
  });
});

describe('the event catalogue', () => {
  test('valid events pass; each refusal names its field', () => {
    expect(catalogueProblems(catalogue, SERVER_EVENTS)).toEqual([]);
    expect(problem({ name: 'screen_viewed', event_id: 'e-1', client_time: NOW - 1000, properties: { screen: 'home' } })).toBeNull();
    expect(problem({ name: 'match_won' })).toBe('name: match_won is recorded by the server, not sent by clients');
    expect(problem({ name: 'dance' })).toBe("name: dance is not in QuizVerse's event catalogue");
    expect(problem({ name: 'screen_viewed', properties: {} })).toBe('properties.screen: required');
    expect(problem({ name: 'screen_viewed', properties: { screen: 'x'.repeat(65) } })).toBe('properties.screen: at most 64 characters');
    expect(problem({ name: 'screen_viewed', properties: { screen: 'home', colour: 'red' } })).toBe('properties.colour: not a property of screen_viewed (screen, previous)');
    expect(problem({ name: 'tutorial_step', properties: { step: 0, completed: true } })).toBe('properties.step: between 1 and 100');
    expect(problem({ name: 'session_started', properties: { platform: 'toaster', app_version: '1' } })).toContain('properties.platform: one of ios');
    expect(problem({ name: 'store_viewed', client_time: NOW - 8 * 24 * 3600 * 1000 })).toBe('client_time: more than 7 days behind or 1 hour ahead of the server clock');
    expect(problem({ name: 'store_viewed', user_id: 'someone' })).toBe('user_id: unknown field (name, event_id, client_time, properties)');
    expect(problem('click')).toBe('event: must be a JSON object');
  });

  test('a catalogue that names a server event or breaks a limit is refused at start', () => {
    expect(catalogueProblems({ kill: { description: '', properties: {} }, Bad: { description: '', properties: { x: { type: 'integer', min: 2, max: 1 } } } }, SERVER_EVENTS)).toEqual([
      'event kill: the server records it; clients cannot send it', 'event Bad: name must be snake_case, at most 48 characters', 'event Bad.x: min must not exceed max',
    ]);
  });
});
