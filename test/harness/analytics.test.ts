import { cohortOf } from '../../plugins/experiments/assignment';
import { failure, gameRpc, loadHarness, playDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

const screen = (i: number) => ({ name: 'screen_viewed', event_id: `view-${i}`, properties: { screen: `screen_${i % 7}` } });

/** Analytics on the built bundle in the harness, on a real PostgreSQL schema (the real-server twin is test/integration/analytics.test.ts). */
describe('analytics in the harness', () => {
  test('a batch of 100 lands in one go; retries count once; bad events are refused by index, the rest stored', async () => {
    const h = await loadHarness('analytics-batch');
    const rpc = gameRpc(h);
    const [alice, bob] = [h.createUser(), h.createUser()];
    const batch = Array.from({ length: 100 }, (_, i) => screen(i));
    expect(rpc('analytics_collect_events', { events: batch }, alice)).toEqual({ accepted: 100, duplicates: 0, refused: [] });
    expect(rpc('analytics_collect_events', { events: batch }, alice)).toEqual({ accepted: 0, duplicates: 100, refused: [] });

    const page1 = rpc('analytics_get_user_events', { limit: 60 }, alice);
    const page2 = rpc('analytics_get_user_events', { limit: 60, cursor: page1.cursor }, alice);
    expect(page1.events).toHaveLength(60);
    expect(page2).toMatchObject({ cursor: null });
    expect(page2.events).toHaveLength(40);
    expect(page1.events[0]).toEqual({
      id: expect.any(String), name: 'screen_viewed', user_id: alice, session_id: expect.stringMatching(/^exp:\d+$/), properties: { screen: 'screen_1' },
      server_time: h.now(), client_time: null, match_id: null, experiments: {}, source: 'client',
    });

    const mixed = rpc('analytics_collect_events', { events: [screen(200), { name: 'kill' }, { name: 'screen_viewed' }, screen(201), 'x'] }, alice);
    expect(mixed).toEqual({
      accepted: 2, duplicates: 0,
      refused: [
        { index: 1, reason: 'name: kill is recorded by the server, not sent by clients' },
        { index: 2, reason: 'properties.screen: required' },
        { index: 4, reason: 'event: must be a JSON object' },
      ],
    });
    expect(failure(() => rpc('analytics_collect_events', { events: Array.from({ length: 101 }, (_, i) => screen(i)) }, alice))).toContain('events: must have at most 100 items');
    expect(failure(() => rpc('analytics_collect_events', { events: [] }, alice))).toContain('events: 1-100 events');
    expect(failure(() => rpc('analytics_collect_events', { events: [{ name: 'kill' }, { name: 'screen_viewed', properties: { screen: 'a\u0000b' } }] }, alice)))
      .toContain('events: none is valid ([0] name: kill is recorded by the server, not sent by clients; [1] properties.screen: text with a NUL character or an unpaired surrogate)');

    expect(rpc('analytics_get_user_events', { name: 'screen_viewed', limit: 100 }, bob).events).toEqual([]);
    expect(failure(() => rpc('analytics_get_user_events', { user_id: alice }, bob))).toContain('user_id: players read their own');
    expect(rpc('analytics_get_user_events', { user_id: alice, limit: 100 }).events).toHaveLength(100);

    const summary = rpc('analytics_summary', {});
    expect(summary.days).toEqual([{ day: '2025-01-01', name: 'screen_viewed', events: 102, players: 1 }]);
    h.advanceTime(10 * 24 * 3600 * 1000);
    expect(rpc('analytics_delete_older_than', { days: 5 })).toMatchObject({ deleted: 102 });
    expect(rpc('analytics_get_user_events', {}, alice).events).toEqual([]);
    h.dispose();
  });

  test('a played duel leaves its events, stamped with cohorts, once each', async () => {
    const h = await loadHarness('analytics-duel');
    const rpc = gameRpc(h);
    const { experiment } = rpc('experiment_create', { experiment: { id: 'hints', name: 'Hints', cohorts: [{ id: 'off', weight: 0.5 }, { id: 'on', weight: 0.5 }] } });
    const { alice, bob, matchId, match } = playDuel(h);
    expect(match.ended).toBe(true);
    const rows = () => h.nk.sqlQuery('SELECT name, user_id::text AS user_id, experiments::text AS experiments FROM analytics_events WHERE match_id = $1 ORDER BY id', [matchId]) as { name: string; user_id: string | null; experiments: string }[];
    const names = rows().map((r) => r.name);
    expect(names[0]).toBe('match_started');
    expect(names[names.length - 1]).toBe('match_ended');
    expect(names).toEqual(expect.arrayContaining(['answer_correct', 'answer_wrong', 'match_won', 'match_completed']));
    expect(names.filter((n) => n === 'match_completed')).toHaveLength(2);

    // Alice sees her match events and her rewards; after her exposure, her events carry her cohort.
    const own = rpc('analytics_get_user_events', { limit: 100 }, alice).events;
    expect(own.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['answer_correct', 'match_won', 'reward_granted']));
    expect(own.filter((e: { name: string }) => e.name === 'reward_granted')[0].properties).toMatchObject({ reason: expect.stringMatching(/^achievement:/), currencies: expect.any(Object) });
    const { cohort } = rpc('experiment_get_assignment', { experiment_id: 'hints' }, alice);
    expect(cohort).toBe(cohortOf(experiment, alice));
    rpc('analytics_collect_events', { events: [screen(1)] }, alice);
    const [latest] = rpc('analytics_get_user_events', { name: 'screen_viewed' }, alice).events;
    expect(latest.experiments).toEqual({ hints: cohort });
    expect(rpc('analytics_get_user_events', { name: 'experiment_exposure' }, alice).events[0]).toMatchObject({ properties: { experiment_id: 'hints', cohort }, source: 'server' });
    expect(rpc('analytics_summary', { experiment_id: 'hints' }).cohorts).toEqual([
      { cohort, name: 'experiment_exposure', events: 1, players: 1 }, { cohort, name: 'screen_viewed', events: 1, players: 1 },
    ]);
    void bob;
    h.dispose();
  });

  test('experiment_report: the SRM flag stays down on a fair exposure log and raises on a skewed one', async () => {
    const h = await loadHarness('analytics-srm');
    const rpc = gameRpc(h);
    const cohorts = [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.5 }];
    const fair = rpc('experiment_create', { experiment: { id: 'fair', name: 'Fair', cohorts } }).experiment;
    const skewed = rpc('experiment_create', { experiment: { id: 'skewed', name: 'Skewed', cohorts } }).experiment;
    const players = Array.from({ length: 300 }, () => h.createUser());
    let dropped = 0;
    for (const p of players) {
      rpc('experiment_get_assignment', { experiment_id: 'fair' }, p);
      // A client bug that loses two thirds of cohort b's exposures.
      if (cohortOf(skewed, p) === 'b' && dropped++ % 3 !== 0) continue;
      rpc('experiment_get_assignment', { experiment_id: 'skewed' }, p);
    }
    const fairReport = rpc('experiment_report', { experiment_id: 'fair', metric: 'screen_viewed' });
    const inA = players.filter((p) => cohortOf(fair, p) === 'a').length;
    expect(fairReport).toMatchObject({ exposures: 300, cohorts: [{ cohort: 'a', exposed: inA, expected: 150 }, { cohort: 'b', exposed: 300 - inA, expected: 150 }], srm: { mismatch: false, valid: true } });
    expect(fairReport.srm.p_value).toBeGreaterThan(0.001);
    const skewedReport = rpc('experiment_report', { experiment_id: 'skewed' });
    expect(skewedReport.srm).toMatchObject({ mismatch: true, valid: true });
    expect(skewedReport.srm.p_value).toBeLessThan(0.001);
    expect(failure(() => rpc('experiment_report', { experiment_id: 'none' }))).toContain('QuizVerse has no experiment none');
    h.dispose();
  });
});
