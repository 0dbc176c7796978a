import { Client } from '@heroiclabs/nakama-js';
import { cohortOf } from '../../plugins/experiments/assignment';
import { matchResult, QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, server, serverRpc, type Player } from './support/nakama';
import { matchDuel, playAnswering } from './support/quiz-bots';

const G = { game_id: QUIZVERSE_ID };
const unique = Date.now().toString(36);
type Events = { events: { id: string; name: string; match_id: string | null; experiments: { [id: string]: string }; properties: any; source: string }[]; cursor: string | null };

/** Analytics on the real server: events in the module's own PostgreSQL table, from clients and from played matches. */
describe('analytics on a real Nakama', () => {
  const players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('a batch of 100 events lands in one INSERT and is found by user, name and cohort; bad events are refused by index', async () => {
    const player = await connectPlayer('analytics');
    players.push(player);
    const id = `menu_${unique}`;
    const { experiment } = await serverRpc<any>('experiment_create', { ...G, experiment: { id, name: 'Menu', cohorts: [{ id: 'old', weight: 0.5 }, { id: 'new', weight: 0.5 }] } });
    const { cohort } = await rpc<any>(player, 'experiment_get_assignment', { ...G, experiment_id: id });
    expect(cohort).toBe(cohortOf(experiment, player.userId));

    const batch = Array.from({ length: 100 }, (_, i) => ({ name: i % 2 ? 'screen_viewed' : 'button_clicked', event_id: `${unique}-${i}`, client_time: Date.now() - 1000, properties: i % 2 ? { screen: 'home' } : { button: 'play', screen: 'home' } }));
    expect(await rpc(player, 'analytics_collect_events', { ...G, events: batch })).toEqual({ accepted: 100, duplicates: 0, refused: [] });
    expect(await rpc(player, 'analytics_collect_events', { ...G, events: batch.slice(0, 10) })).toEqual({ accepted: 0, duplicates: 10, refused: [] });
    expect(await rpc(player, 'analytics_collect_events', { ...G, events: [{ name: 'match_won' }, batch[0], { name: 'screen_viewed', properties: { screen: 7 } }] })).toEqual({
      accepted: 0, duplicates: 1, refused: [{ index: 0, reason: 'name: match_won is recorded by the server, not sent by clients' }, { index: 2, reason: 'properties.screen: must be a string' }],
    });

    const screens = await rpc<Events>(player, 'analytics_get_user_events', { ...G, name: 'screen_viewed', limit: 100 });
    expect(screens.events).toHaveLength(50);
    for (const e of screens.events) expect(e).toMatchObject({ source: 'client', experiments: { [id]: cohort }, properties: { screen: 'home' } });
    const all = await rpc<Events>(player, 'analytics_get_user_events', { ...G, limit: 100 });
    expect(all.cursor).not.toBeNull();
    const rest = await rpc<Events>(player, 'analytics_get_user_events', { ...G, limit: 100, cursor: all.cursor });
    expect(rest.events.map((e) => e.name)).toEqual(['experiment_exposure']);

    const { cohorts } = await serverRpc<any>('analytics_summary', { ...G, experiment_id: id });
    expect(cohorts).toEqual([
      { cohort, name: 'button_clicked', events: 50, players: 1 }, { cohort, name: 'experiment_exposure', events: 1, players: 1 }, { cohort, name: 'screen_viewed', events: 50, players: 1 },
    ]);
    const other = await connectPlayer('analytics-other');
    players.push(other);
    expect(await rpcError(rpc(other, 'analytics_get_user_events', { ...G, user_id: player.userId }))).toMatchObject({ status: 400, message: expect.stringContaining('players read their own') });
    expect(await rpcError(rpc(other, 'analytics_summary', G))).toMatchObject({ status: 403 });
    await serverRpc('experiment_end', { ...G, experiment_id: id });
  });

  test('a played duel leaves its match events and rewards in the table without any client call', async () => {
    const [alice, bob] = await Promise.all([connectPlayer('an-alice'), connectPlayer('an-bob')]);
    players.push(alice, bob);
    const matchId = await matchDuel(alice, bob);
    await Promise.all([playAnswering(alice, matchId, true), playAnswering(bob, matchId, false)]);
    await alice.until(() => matchResult(alice.matchData), 'the match result', 60000);
    // Events reach the table in the tick they happen; the last tick's are in before the result is sent.
    const own = (await serverRpc<Events>('analytics_get_user_events', { ...G, user_id: alice.userId, limit: 100 })).events;
    const inMatch = own.filter((e) => e.match_id === matchId).map((e) => e.name);
    expect(inMatch).toEqual(expect.arrayContaining(['answer_correct', 'match_won', 'match_completed']));
    expect(new Set(own.map((e) => e.id)).size).toBe(own.length);
    expect(own.filter((e) => e.name === 'reward_granted').length).toBeGreaterThan(0);
    const bobs = (await rpc<Events>(bob, 'analytics_get_user_events', { ...G, limit: 100 })).events.filter((e) => e.match_id === matchId).map((e) => e.name);
    expect(bobs).toEqual(expect.arrayContaining(['answer_wrong', 'match_completed']));
    const today = new Date().toISOString().slice(0, 10);
    const { days } = await serverRpc<any>('analytics_summary', G);
    for (const name of ['match_started', 'match_ended']) expect(days.filter((d: { day: string; name: string }) => d.day === today && d.name === name)[0].events).toBeGreaterThanOrEqual(1);
  });

  test('experiment_report: the SRM flag raises on a skewed exposure log and stays down on a fair one', async () => {
    const { host, port, serverKey } = server();
    const client = new Client(serverKey, host, port, false);
    const sessions = await Promise.all(Array.from({ length: 120 }, (_, i) => client.authenticateDevice(`srm-${unique}-${i}`, true)));
    const cohorts = [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.5 }];
    const fair = (await serverRpc<any>('experiment_create', { ...G, experiment: { id: `fair_${unique}`, name: 'Fair', cohorts } })).experiment;
    const skewed = (await serverRpc<any>('experiment_create', { ...G, experiment: { id: `skewed_${unique}`, name: 'Skewed', cohorts } })).experiment;
    let inB = 0;
    await Promise.all(sessions.map(async (s) => {
      await client.rpc(s, 'experiment_get_assignment', { ...G, experiment_id: fair.id });
      // A client bug that loses three quarters of cohort b's exposures.
      if (cohortOf(skewed, s.user_id!) === 'b' && inB++ % 4 !== 0) return;
      await client.rpc(s, 'experiment_get_assignment', { ...G, experiment_id: skewed.id });
    }));
    const fairReport = await serverRpc<any>('experiment_report', { ...G, experiment_id: fair.id });
    expect(fairReport.exposures).toBe(120);
    expect(fairReport.cohorts.map((c: { exposed: number }) => c.exposed)).toEqual(cohorts.map((c) => sessions.filter((s) => cohortOf(fair, s.user_id!) === c.id).length));
    // Fair assignment of 120 players: the flag stays down unless chance gives p < 0.001 (once in a thousand runs).
    expect(fairReport.srm).toMatchObject({ mismatch: false, valid: true });
    const skewedReport = await serverRpc<any>('experiment_report', { ...G, experiment_id: skewed.id });
    expect(skewedReport.srm).toMatchObject({ mismatch: true, valid: true });
    expect(skewedReport.srm.p_value).toBeLessThan(0.001);
  });
});
