import { failure, loadHarness, playDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Platform guards on the built bundle: rate limits held in the node-local cache, early payload checks. */
describe('platform guards in the harness', () => {

  test('a player gets 30 writes of one RPC per 10 s, then RESOURCE_EXHAUSTED with retry_after_ms; reads are looser; servers are not limited', async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    const cancel = () => h.rpc('matchmaking_cancel', { game_id: QUIZVERSE_ID }, { userId: ann });
    // Calls spread over the harness's pooled VMs: the count is shared through the node-local cache.
    for (let i = 0; i < 30; i++) cancel();
    expect(failure(cancel)).toMatch(/^RESOURCE_EXHAUSTED: rate limit: matchmaking_cancel allows 30 calls per 10 s; retry_after_ms=\d+$/);
    const status = JSON.parse(h.rpc('rate_limit_status', {}, { userId: ann })).rpcs;
    expect(status.matchmaking_cancel).toMatchObject({ limit: 30, window_seconds: 10, used: 30, remaining: 0 });
    expect(status.achievements_get_all).toMatchObject({ limit: 120, used: 0 });
    expect(status.season_create).toMatchObject({ limit: 5 });
    // Other RPCs and other players are unaffected; the next window admits the player again.
    expect(() => h.rpc('matchmaking_get_status', { game_id: QUIZVERSE_ID }, { userId: ann })).not.toThrow();
    expect(() => h.rpc('matchmaking_cancel', { game_id: QUIZVERSE_ID }, { userId: h.createUser() })).not.toThrow();
    h.advanceTime(10_000);
    expect(cancel).not.toThrow();
    for (let i = 0; i < 40; i++) h.rpc('achievements_update_progress', { game_id: QUIZVERSE_ID, user_id: ann, achievement_id: 'quizmaster_100', increment: 1 });
    h.dispose();
  });

  test('oversized and deeply nested payloads are refused before parsing', async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    const deep = `{"game_id": "${QUIZVERSE_ID}", "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(failure(() => h.rpc('player_overview', deep, { userId: ann }))).toBe('INVALID_PAYLOAD: payload nests deeper than 16 levels');
    expect(failure(() => h.rpc('player_overview', `{"game_id": "${'x'.repeat(20000)}"}`, { userId: ann }))).toBe('INVALID_PAYLOAD: payload is larger than 16384 bytes');
    // Brackets inside strings do not count.
    expect(failure(() => h.rpc('player_overview', { game_id: QUIZVERSE_ID, note: '[[[[[[[[[[[[[[[[[[[[' }, { userId: ann }))).toBe('INVALID_FIELD: note: unknown field');
    h.dispose();
  });
});

describe('metrics in the harness', () => {
  test('a played duel shows in the admin metrics: RPC calls and errors, ticks, players, currency sources, storage writes', async () => {
    const h = await loadHarness();
    const { alice } = playDuel(h);
    h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId: alice });
    expect(() => h.rpc('player_overview', { game_id: 'nope' }, { userId: alice })).toThrow();
    const admin = (id: string, payload: object = {}) => JSON.parse(h.rpc(id, payload));
    expect(() => h.rpc('metrics_get_summary', {}, { userId: alice })).toThrow('PERMISSION_DENIED');
    const summary = admin('metrics_get_summary');
    expect(summary.rpc).toMatchObject({ calls: 3, errors: 2 }); // the two refused calls count as errors
    expect(summary.matches.quiz.ticks).toBeGreaterThan(10);
    expect(summary.players_in_matches[QUIZVERSE_ID]).toBe(0); // both left when the match ended
    expect(summary.storage_writes).toBeGreaterThan(3);
    expect(admin('metrics_get_rpc_stats').rpcs.player_overview).toMatchObject({ calls: 2, errors: 1 });
    expect(admin('metrics_get_game_stats', { game_id: QUIZVERSE_ID }).currencies).toEqual({ coins: { sources: 75, sinks: 0 }, xp: { sources: 50, sinks: 0 } });
    expect(admin('metrics_export').text).toContain(`module_currency_flow{game="${QUIZVERSE_ID}",currency="coins",direction="source"} 75`);
    // Prometheus: the same counters through nk.metrics* (Nakama exports them on its metrics port).
    expect(h.metrics.some((m: { name: string; tags: { [k: string]: string } }) => m.name === 'rpc_calls' && m.tags.rpc === 'player_overview')).toBe(true);
    expect(h.metrics.some((m: { name: string }) => m.name === 'match_tick')).toBe(true);
    // Each plugin's event handling: its time per call and the events it took.
    const events = (plugin: string) => h.metrics.filter((m) => m.name === 'plugin_events' && m.tags.plugin === plugin).reduce((sum, m) => sum + m.value, 0);
    expect(events('achievements')).toBeGreaterThan(5);
    expect(h.metrics.filter((m) => m.name === 'plugin_delivery' && m.tags.plugin === 'achievements').length).toBeGreaterThan(0);
    h.dispose();
  });
});
