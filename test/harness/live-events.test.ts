import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import type { Harness } from '../../tools/harness';
import { answerUntilOver, failure, gameRpc, loadHarness, startDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Live events on the built bundle (the real-server twin: test/integration/live-events.test.ts). */
const MIN = 60 * 1000;
const HOUR = 60 * MIN;

function api(h: Harness) {
  const call = gameRpc(h);
  const reasons = (userId: string, reason: string) => h.ledger(userId).filter((l) => l.metadata.reason === reason);
  const notices = (code: number, userId = '*') => h.notifications.filter((n) => n.code === code && n.userId === userId);
  return { call, failure, reasons, notices };
}

/** A QuizVerse duel between two new players: the first answers every question correctly (5), the second wrongly. */
function duel(h: Harness, names: [string, string]) {
  const { alice: winner, bob: loser, matchId, match } = startDuel(h, names);
  answerUntilOver(match, winner, loser);
  expect(match.ended).toBe(true);
  return { winner, loser, matchId };
}

function cup(now: number, over: object = {}) {
  return {
    id: 'winter_cup', name: 'Winter Cup', description: 'Answer and win.', starts_at: now, ends_at: now + 24 * HOUR,
    missions: [
      { id: 'answer_5', name: 'Answer 5 correctly', counter: { event: 'answer_correct' }, target: 5, points: 50, rewards: { currencies: { coins: 20 } } },
      { id: 'win_duel', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100, rewards: { currencies: { coins: 30 }, items: { hint_token: 1 } } },
    ],
    ...over,
  };
}

describe('live events in the harness', () => {
  test('a played duel completes missions: rewards once with reason and source, notifications, leaderboard points', async () => {
    const h = await loadHarness();
    const { call, reasons, notices } = api(h);
    const created = call('event_create', { event: cup(h.now()) });
    expect(created).toMatchObject({ event: { id: 'winter_cup', xp_multiplier: 1, created_at: h.now() }, occurrence: { occurrence_id: `winter_cup@${h.now()}`, active: true } });
    expect(notices(200)).toEqual([expect.objectContaining({ subject: 'Winter Cup has started', persistent: true, content: expect.objectContaining({ game_id: QUIZVERSE_ID, event_id: 'winter_cup' }) })]);

    const { winner: alice, loser: bob, matchId } = duel(h, ['alice', 'bob']);
    expect(call('event_get_player_progress', {}, alice).progress).toEqual([expect.objectContaining({
      event_id: 'winter_cup', active: true, points: 150, rank: 1, community: null, claimable: [],
      missions: [expect.objectContaining({ id: 'answer_5', progress: 5, completed: true }), expect.objectContaining({ id: 'win_duel', progress: 1, completed: true })],
    })]);
    const answers = reasons(alice, 'event:winter_cup:answer_5');
    expect(answers).toEqual([expect.objectContaining({ changeset: { [`${QUIZVERSE_ID}:coins`]: 20 }, metadata: expect.objectContaining({ game_id: QUIZVERSE_ID, source_id: expect.stringContaining(matchId) }) })]);
    expect(reasons(alice, 'event:winter_cup:win_duel')).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ items: { hint_token: 1 } }) })]);
    expect(notices(202, alice).map((n) => n.content.mission_id)).toEqual(['answer_5', 'win_duel']);
    expect(call('event_get_player_progress', { event_id: 'winter_cup' }, bob).progress[0]).toMatchObject({ points: 0, rank: null, missions: [{ progress: 0 }, { progress: 0 }] });

    expect(call('event_get_leaderboard', { event_id: 'winter_cup' }, bob)).toMatchObject({
      occurrence_id: `winter_cup@${created.event.starts_at}`, records: [{ rank: 1, user_id: alice, username: 'alice', points: 150 }], me: null,
    });
    expect(call('event_get_leaderboard', { event_id: 'winter_cup', limit: 1 }, alice).me).toEqual({ rank: 1, points: 150 });
    h.dispose();
  });

  test('exactly once: failed transactions, retried deliveries and retried admin calls grant once and lose nothing', async () => {
    const h = await loadHarness();
    const { call, failure, reasons } = api(h);
    call('event_create', { event: cup(h.now()) });
    // Failures inside the duel: transactions of the plugins (ours among them) fail and are redelivered.
    for (let i = 0; i < 4; i++) h.failNext('multiUpdate');
    const { winner: alice } = duel(h, ['alice', 'bob']);
    expect(h.logs.some((l) => /^plugin live_events failed on event/.test(l.message))).toBe(true);
    expect(reasons(alice, 'event:winter_cup:answer_5')).toHaveLength(1);
    expect(reasons(alice, 'event:winter_cup:win_duel')).toHaveLength(1);
    expect(call('event_get_player_progress', {}, alice).progress[0]).toMatchObject({ points: 150, rank: 1 });

    // A crash between the progress commit and the leaderboard write: the retried call commits nothing new and repairs the record.
    const ann = h.createUser({ username: 'ann' });
    const complete = (mission_id: string, operation_id?: string) => call('event_complete_mission', { user_id: ann, event_id: 'winter_cup', mission_id, operation_id });
    h.failNext('leaderboardRecordWrite');
    expect(failure(() => complete('win_duel', 'op-1'))).toBe('INTERNAL: event_complete_mission failed; the error was logged');
    expect(call('event_get_leaderboard', { event_id: 'winter_cup' }, ann).me).toBeNull();
    expect(complete('win_duel', 'op-1')).toMatchObject({ applied: false, progress: { points: 100, rank: 2 } });
    expect(complete('win_duel')).toMatchObject({ applied: false }); // completed missions stay completed
    // A transaction that fails leaves nothing: the retry applies it in full, a second retry nothing.
    h.failNext('multiUpdate');
    expect(failure(() => complete('answer_5', 'op-2'))).toBe('INTERNAL: event_complete_mission failed; the error was logged');
    expect(complete('answer_5', 'op-2')).toMatchObject({ applied: true, progress: { points: 150, rank: 2 } });
    expect(complete('answer_5', 'op-2')).toMatchObject({ applied: false });
    expect(reasons(ann, 'event:winter_cup:win_duel')).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ source_id: expect.stringMatching(/^complete:op-1\/winter_cup@\d+\/win_duel$/) }) })]);
    expect(reasons(ann, 'event:winter_cup:answer_5')).toHaveLength(1);
    expect(h.wallet(ann)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 50 });
    h.dispose();
  });

  test('community goal: the sharded total is exact; contributors claim its rewards once', async () => {
    const h = await loadHarness();
    const { call, failure, reasons, notices } = api(h);
    const goal = { counter: { event: 'answer_correct' }, target: 8, rewards: { currencies: { coins: 40 } } };
    call('event_create', { event: cup(h.now(), { id: 'quiz_drive', name: 'Quiz Drive', missions: [], community_goal: goal }) });
    const first = duel(h, ['ann', 'ben']);
    expect(call('event_get_active_events', {}, first.winner).events[0].community_goal).toEqual({ target: 8, total: 5, reached: false, rewards: goal.rewards });
    expect(failure(() => call('event_claim_rewards', { event_id: 'quiz_drive' }, first.winner))).toMatch(/^FAILED_PRECONDITION: nothing to claim in quiz_drive@\d+$/);
    const second = duel(h, ['cat', 'dan']);
    const third = duel(h, ['eve', 'fay']);
    expect(call('event_get_active_events', {}, first.winner).events[0].community_goal).toMatchObject({ total: 15, reached: true });
    expect(notices(203)).toHaveLength(1);
    for (const { winner } of [first, second, third]) {
      expect(call('event_get_player_progress', { event_id: 'quiz_drive' }, winner).progress[0]).toMatchObject({ community: { contributions: 5, total: 15, claimed: false }, claimable: ['community_goal'] });
      const occurrence = call('event_get_player_progress', { event_id: 'quiz_drive' }, winner).progress[0].occurrence_id;
      expect(call('event_claim_rewards', { event_id: 'quiz_drive' }, winner).claimed).toEqual([{ kind: 'community_goal', rewards: goal.rewards }]);
      expect(failure(() => call('event_claim_rewards', { event_id: 'quiz_drive' }, winner))).toMatch(/^FAILED_PRECONDITION: nothing to claim/);
      expect(reasons(winner, `event:${occurrence}:community_goal`)).toHaveLength(1);
    }
    expect(failure(() => call('event_claim_rewards', { event_id: 'quiz_drive' }, first.loser))).toMatch(/^FAILED_PRECONDITION: nothing to claim/); // no contribution
    h.dispose();
  });

  test('a community goal may count missions completed by everyone (mission_completed)', async () => {
    const h = await loadHarness();
    const { call, failure } = api(h);
    const goal = { counter: { event: 'mission_completed', equals: { mission_id: 'win_duel' } }, target: 2, rewards: { items: { badge_streak: 1 } } };
    call('event_create', { event: cup(h.now(), { id: 'together', name: 'Together', community_goal: goal }) });
    const [ann, ben] = ['ann', 'ben'].map((username) => h.createUser({ username }));
    call('event_complete_mission', { user_id: ann, event_id: 'together', mission_id: 'answer_5' }); // not counted
    call('event_complete_mission', { user_id: ann, event_id: 'together', mission_id: 'win_duel' });
    expect(failure(() => call('event_claim_rewards', { event_id: 'together' }, ann))).toMatch(/^FAILED_PRECONDITION/);
    call('event_complete_mission', { user_id: ben, event_id: 'together', mission_id: 'win_duel' });
    call('event_complete_mission', { user_id: ben, event_id: 'together', mission_id: 'win_duel' }); // complete already: nothing
    // Menus show the total at most 2 s old (core/cache.ts community_totals).
    expect(call('event_get_active_events', {}, ann).events[0].community_goal.total).toBeLessThan(2);
    h.advanceTime(2000);
    expect(call('event_get_active_events', {}, ann).events[0].community_goal).toMatchObject({ total: 2, reached: true });
    expect(call('event_claim_rewards', { event_id: 'together' }, ben).claimed).toEqual([{ kind: 'community_goal', rewards: goal.rewards }]);
    expect((h.storage(`${QUIZVERSE_ID}:inventory`, 'items', ben)!.value as any).items.badge_streak.count).toBe(1);
    h.dispose();
  });

  test('leaderboard ranks; rank rewards are claimed once after the end, which is announced once', async () => {
    const h = await loadHarness();
    const { call, failure, reasons, notices } = api(h);
    const mission = (id: string, points: number) => ({ id, name: id, counter: { event: 'never_emitted' }, target: 1, points, rewards: {} });
    const rank_rewards = [{ from_rank: 1, to_rank: 1, rewards: { currencies: { coins: 500 } } }, { from_rank: 2, to_rank: 3, rewards: { currencies: { coins: 100 } } }];
    call('event_create', { event: cup(h.now(), { id: 'ladder', name: 'Ladder', missions: [mission('a', 10), mission('b', 20), mission('c', 5)], rank_rewards }) });
    const [u1, u2, u3, u4] = ['one', 'two', 'three', 'four'].map((username) => h.createUser({ username }));
    const complete = (user_id: string, mission_id: string) => call('event_complete_mission', { user_id, event_id: 'ladder', mission_id });
    complete(u1, 'a');
    complete(u1, 'b');
    complete(u2, 'b');
    complete(u3, 'c');
    const board = call('event_get_leaderboard', { event_id: 'ladder' }, u2);
    expect(board.records.map((r: any) => [r.rank, r.username, r.points])).toEqual([[1, 'one', 30], [2, 'two', 20], [3, 'three', 5]]);
    expect(board.me).toEqual({ rank: 2, points: 20 });
    expect(failure(() => call('event_claim_rewards', { event_id: 'ladder' }, u1))).toMatch(/^FAILED_PRECONDITION: nothing to claim/); // still running

    h.advanceTime(HOUR);
    const ended = call('event_end', { event_id: 'ladder' });
    expect(ended).toMatchObject({ event_id: 'ladder', ended_at: h.now(), occurrence_id: expect.stringMatching(/^ladder@/) });
    expect(notices(201)).toEqual([expect.objectContaining({ subject: 'Ladder has ended' })]);
    expect(failure(() => call('event_end', { event_id: 'ladder' }))).toBe('FAILED_PRECONDITION: ladder has ended already');
    expect(failure(() => complete(u4, 'a'))).toBe(`FAILED_PRECONDITION: ${ended.occurrence_id} is not running`);
    expect(call('event_get_active_events', {}, u1).events).toEqual([]);
    expect(call('event_get_player_progress', { event_id: 'ladder' }, u1).progress[0]).toMatchObject({ active: false, rank: 1, claimable: ['rank'] });

    expect(call('event_claim_rewards', { event_id: 'ladder' }, u1).claimed).toEqual([{ kind: 'rank', rank: 1, rewards: { currencies: { coins: 500 } } }]);
    expect(call('event_claim_rewards', { event_id: ended.occurrence_id }, u3).claimed).toEqual([{ kind: 'rank', rank: 3, rewards: { currencies: { coins: 100 } } }]);
    expect(failure(() => call('event_claim_rewards', { event_id: 'ladder' }, u1))).toMatch(/^FAILED_PRECONDITION: nothing to claim/);
    expect(failure(() => call('event_claim_rewards', { event_id: 'ladder' }, u4))).toMatch(/^FAILED_PRECONDITION: nothing to claim/);
    // Paid from the reward inbox: the ledger names the occurrence.
    expect(reasons(u1, `event:${ended.occurrence_id}:rank`)).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ source_id: `inbox/event:${ended.occurrence_id}:rank/${u1}` }) })]);
    expect(h.wallet(u1)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 500 });
    expect(notices(201)).toHaveLength(1);
    h.dispose();
  });

  test('recurring events: one id, progress and announcement per occurrence, announced on the first activity; XP multipliers multiply', async () => {
    const h = await loadHarness();
    const { call, notices } = api(h);
    const start = h.now(); // 2025-01-01T00:00:00Z: the hourly cron matches at once
    const viewer = h.createUser({ username: 'viewer' });
    call('event_create', { event: cup(start, { id: 'happy_hour', name: 'Happy Hour', ends_at: start + 3 * HOUR, recurrence: { cron: '0 * * * *', duration_seconds: 1800 }, xp_multiplier: 2 }) });
    call('event_create', { event: cup(start, { id: 'xp_weekend', name: 'XP Weekend', xp_multiplier: 1.5, missions: [] }) });
    expect(call('event_get_active_events', {}, viewer).xp_multiplier).toBe(3);
    call('event_complete_mission', { user_id: viewer, event_id: 'happy_hour', mission_id: 'win_duel' });

    h.advanceTime(45 * MIN); // the first occurrence ended at 00:30; nothing announced it yet
    expect(notices(201)).toHaveLength(0);
    const between = call('event_get_active_events', {}, viewer);
    expect(notices(201).map((n) => n.content.occurrence_id)).toEqual([`happy_hour@${start}`]);
    expect(between.xp_multiplier).toBe(1.5);
    expect(between.upcoming).toEqual([expect.objectContaining({ occurrence_id: `happy_hour@${start + HOUR}`, active: false })]);

    h.advanceTime(20 * MIN); // 01:05: the second occurrence runs
    const progress = call('event_get_player_progress', {}, viewer).progress;
    expect(progress.map((p: any) => [p.occurrence_id, p.points])).toEqual([[`happy_hour@${start + HOUR}`, 0], [`xp_weekend@${start}`, 0]]);
    expect(call('event_get_player_progress', { event_id: `happy_hour@${start}` }, viewer).progress[0]).toMatchObject({ active: false, points: 100 });
    expect(notices(200).map((n) => n.content.occurrence_id)).toEqual([`happy_hour@${start}`, `xp_weekend@${start}`, `happy_hour@${start + HOUR}`]);
    call('event_get_active_events', {}, viewer);
    expect(notices(200)).toHaveLength(3);
    h.dispose();
  });

  test('admin RPCs refuse players; payloads are checked field by field; one game sees nothing of another', async () => {
    const h = await loadHarness();
    const { call, failure } = api(h);
    const player = h.createUser({ username: 'player' });
    for (const [id, payload] of [['event_create', { event: cup(h.now()) }], ['event_end', { event_id: 'winter_cup' }], ['event_complete_mission', { user_id: player, event_id: 'winter_cup', mission_id: 'win_duel' }]] as const) {
      expect(failure(() => call(id, payload, player))).toBe('PERMISSION_DENIED: this call is for admins');
    }
    expect(failure(() => call('event_create', { event: cup(h.now(), { missions: [{ id: 'm', name: 'M', counter: { event: 'kill' }, target: 0, points: 1 }] }) })))
      .toBe('INVALID_FIELD: event.missions[0].target: an integer >= 1');
    expect(failure(() => call('event_create', { event: [] }))).toBe('INVALID_FIELD: event: must be a JSON object');
    expect(failure(() => call('event_get_leaderboard', { event_id: 'winter_cup', limit: 500 }, player))).toBe('INVALID_FIELD: limit: must be <= 100');
    expect(failure(() => call('event_claim_rewards', { event_id: 'Winter Cup' }, player))).toMatch(/^INVALID_FIELD: event_id: must match/);
    expect(failure(() => call('event_end', { event_id: 'nope' }))).toBe('NOT_FOUND: QuizVerse has no live event nope');

    call('event_create', { event: cup(h.now(), { xp_multiplier: 2 }) });
    const other = (id: string, payload: object) => JSON.parse(h.rpc(id, { game_id: LASTTOLIVE.id, ...payload }, { userId: player }));
    expect(other('event_get_active_events', {})).toEqual({ xp_multiplier: 1, events: [], upcoming: [] });
    expect(other('event_get_player_progress', {})).toEqual({ progress: [] });
    expect(failure(() => other('event_get_leaderboard', { event_id: 'winter_cup' }))).toBe('NOT_FOUND: LastToLive has no live event winter_cup running or ended');
    // A LastToLive event counting the same event types sees nothing of QuizVerse matches.
    JSON.parse(h.rpc('event_create', { game_id: LASTTOLIVE.id, event: cup(h.now(), { id: 'br_cup', name: 'BR Cup', missions: [], community_goal: { counter: { event: 'answer_correct' }, target: 5, rewards: {} } }) }));
    duel(h, ['alice', 'bob']);
    expect(other('event_get_active_events', {}).events[0].community_goal.total).toBe(0);
    expect(call('event_get_active_events', {}, player).events[0].event_id).toBe('winter_cup');
    h.dispose();
  });
});
