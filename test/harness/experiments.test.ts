import { cohortOf } from '../../plugins/experiments/assignment';
import { failure, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Experiments on the built bundle in the harness (the real-server twin is test/integration/experiments.test.ts). */
describe('experiments in the harness', () => {
  test('admins create and end experiments; players get a stable cohort, recorded on first exposure', async () => {
    const h = await loadHarness('experiments');
    const rpc = gameRpc(h);
    const players = Array.from({ length: 30 }, () => h.createUser());
    const cohorts = [{ id: 'control', weight: 0.5 }, { id: 'bigger_buttons', weight: 0.5 }];
    expect(failure(() => rpc('experiment_create', { experiment: { id: 'buttons', name: 'Buttons', cohorts } }, players[0]))).toContain('PERMISSION_DENIED');
    const { experiment } = rpc('experiment_create', { experiment: { id: 'buttons', name: 'Buttons', cohorts } });
    expect(experiment).toMatchObject({ id: 'buttons', starts_at: h.now(), ends_at: 0, ended_at: 0 });
    expect(failure(() => rpc('experiment_create', { experiment: { id: 'buttons', name: 'Again', cohorts } }))).toContain('experiment.id: QuizVerse has an experiment buttons already');
    expect(rpc('experiments_list_active', {}, players[0]).experiments).toEqual([{ id: 'buttons', name: 'Buttons', description: '', cohorts, starts_at: h.now(), ends_at: 0 }]);

    const exposedAt = h.now();
    for (const p of players) {
      const first = rpc('experiment_get_assignment', { experiment_id: 'buttons' }, p);
      expect(first).toEqual({ experiment_id: 'buttons', cohort: cohortOf(experiment, p), exposed_at: h.now() });
      h.advanceTime(10);
      expect(rpc('experiment_get_assignment', { experiment_id: 'buttons' }, p)).toEqual(first);
    }
    expect(new Set(players.map((p) => cohortOf(experiment, p))).size).toBe(2);
    const stored = h.storage(`${QUIZVERSE_ID}:experiment_exposures`, 'exposures', players[0])!;
    expect(stored.value).toEqual({ experiments: { buttons: { cohort: cohortOf(experiment, players[0]), exposed_at: exposedAt } } });
    expect(stored.permissionWrite).toBe(0);
    expect(failure(() => rpc('experiment_get_assignment', { experiment_id: 'nope' }, players[0]))).toContain('QuizVerse has no experiment nope');

    expect(rpc('experiment_end', { experiment_id: 'buttons' })).toMatchObject({ experiment: { id: 'buttons', ended_at: h.now() } });
    expect(failure(() => rpc('experiment_end', { experiment_id: 'buttons' }))).toContain('buttons has ended already');
    expect(rpc('experiment_get_assignment', { experiment_id: 'buttons' }, players[0])).toEqual({ experiment_id: 'buttons', cohort: null, reason: 'not_running' });
    expect(rpc('experiments_list_active', {}, players[0]).experiments).toEqual([]);
    h.dispose();
  });

  test('targeting leaves players out without recording them; a window opens and closes', async () => {
    const h = await loadHarness('experiments-targeting');
    const rpc = gameRpc(h);
    const player = h.createUser();
    const cohorts = [{ id: 'a', weight: 0.25 }, { id: 'b', weight: 0.75 }];
    rpc('experiment_create', { experiment: { id: 'for_brazil', name: 'Brazil', cohorts, targeting: { lang_tags: ['pt-BR'] } } });
    expect(rpc('experiment_get_assignment', { experiment_id: 'for_brazil' }, player)).toEqual({ experiment_id: 'for_brazil', cohort: null, reason: 'not_targeted' });
    expect(h.storage(`${QUIZVERSE_ID}:experiment_exposures`, 'exposures', player)).toBeNull();

    rpc('experiment_create', { experiment: { id: 'later', name: 'Later', cohorts, starts_at: h.now() + 60000, ends_at: h.now() + 120000 } });
    expect(rpc('experiment_get_assignment', { experiment_id: 'later' }, player)).toMatchObject({ cohort: null, reason: 'not_running' });
    h.advanceTime(60000);
    expect(rpc('experiment_get_assignment', { experiment_id: 'later' }, player)).toMatchObject({ cohort: expect.stringMatching(/^(a|b)$/) });
    h.advanceTime(60000);
    expect(rpc('experiment_get_assignment', { experiment_id: 'later' }, player)).toMatchObject({ cohort: null, reason: 'not_running' });
    h.dispose();
  });
});
