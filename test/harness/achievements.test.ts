import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import type { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness, playDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Achievements RPCs on the built bundle (the real-server twin: test/integration/achievements.test.ts). */
function api(h: Harness) {
  const call = gameRpc(h);
  const byId = (userId: string) => {
    const all = call('achievements_get_all', {}, userId).achievements as { id: string }[];
    return (id: string) => all.filter((a) => a.id === id)[0] as any;
  };
  return { call, failure, byId };
}

describe('achievements in the harness', () => {
  test('menus: hidden ones stay secret until unlocked; categories and stats add up', async () => {
    const h = await loadHarness();
    const { call, byId } = api(h);
    const ann = h.createUser({ username: 'ann' });
    expect(byId(ann)('speed_demon')).toMatchObject({ name: 'Hidden achievement', hidden: true, unlocked: false, rewards: null, progress: 0, target: 0 });
    expect(byId(ann)('quiz_champion')).toMatchObject({ kind: 'tiered', tier: null, tiers: [{ tier: 'bronze', target: 1, reached: false }, expect.anything(), expect.anything(), expect.anything()] });
    expect(byId(ann)('polymath')).toMatchObject({ kind: 'parent', target: 3, children: ['quizmaster_100', 'category_master_science', 'quiz_streak_10'] });

    const { alice } = playDuel(h);
    const view = byId(alice);
    expect(view('speed_demon')).toMatchObject({ name: 'Quick Draw', unlocked: true, rewards: { items: { badge_speed: 1 } } });
    expect(view('quiz_champion')).toMatchObject({ tier: 'bronze', unlocked: true, tiers: [{ tier: 'bronze', reached: true, claimed: true }, { tier: 'silver', reached: false }, expect.anything(), expect.anything()] });
    expect(view('quizmaster_100')).toMatchObject({ kind: 'incremental', progress: 5, target: 100, unlocked: false });
    expect(call('achievements_get_by_category', { category: 'wins' }, alice).achievements.map((a: { id: string }) => a.id)).toEqual(['quiz_champion', 'round_winner']);
    expect(call('achievements_get_player_stats', {}, alice)).toEqual({
      unlocked: 3, total: 8, points: 5 + 15 + 40, total_points: 5 + 20 + 50 + 25 + 15 + 40 + 10 + 100, completion_percent: 38, claimable: 0,
      by_category: { answers: { unlocked: 2, total: 4 }, categories: { unlocked: 0, total: 1 }, wins: { unlocked: 1, total: 2 }, mastery: { unlocked: 0, total: 1 } },
      by_rarity: { common: { unlocked: 1, total: 2 }, rare: { unlocked: 1, total: 3 }, epic: { unlocked: 1, total: 2 }, legendary: { unlocked: 0, total: 1 } },
    });
    h.dispose();
  });

  test('server progress and manual claims grant exactly once; players may not set progress', async () => {
    const h = await loadHarness();
    const { call, failure, byId } = api(h);
    const ann = h.createUser({ username: 'ann' });
    const progress = (increment: number, operation_id?: string) => call('achievements_update_progress', { user_id: ann, achievement_id: 'round_winner', increment, operation_id });
    expect(failure(() => call('achievements_update_progress', { user_id: ann, achievement_id: 'round_winner', increment: 1 }, ann))).toBe('PERMISSION_DENIED: this call is for admins');
    // round_winner requires first_correct_answer: progress counts only once that is unlocked.
    expect(progress(20)).toMatchObject({ applied: false, achievement: { progress: 0 } });
    call('achievements_update_progress', { user_id: ann, achievement_id: 'first_correct_answer', increment: 1 });
    expect(progress(15, 'op-1').achievement).toMatchObject({ progress: 15, unlocked: false });
    expect(progress(15, 'op-1')).toMatchObject({ applied: false, achievement: { progress: 15 } }); // a retried operation
    expect(progress(10).achievement).toMatchObject({ progress: 20, unlocked: true, claimable: true });
    expect(h.wallet(ann)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 50 }); // first_correct_answer only: round_winner waits for its claim

    expect(call('achievements_claim', { achievement_id: 'round_winner' }, ann)).toMatchObject({ claimed: [{ tier: null, rewards: { currencies: { coins: 100 }, items: { hint_token: 2 } } }], achievement: { claimable: false } });
    expect(failure(() => call('achievements_claim', { achievement_id: 'round_winner' }, ann))).toBe('FAILED_PRECONDITION: nothing to claim for round_winner');
    expect(failure(() => call('achievements_claim', { achievement_id: 'nope' }, ann))).toBe('NOT_FOUND: QuizVerse has no achievement nope');
    expect(h.wallet(ann)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 150 });
    expect((h.storage(`${QUIZVERSE_ID}:inventory`, 'items', ann)!.value as any).items.hint_token.count).toBe(2);
    expect(h.ledger(ann).filter((i) => i.metadata.reason === 'achievement:round_winner')).toHaveLength(1);
    expect(byId(ann)('round_winner')).toMatchObject({ unlocked: true, claimable: false });
    h.dispose();
  });

  test('admins add definitions at runtime, validated, all or none; they count events like the data files', async () => {
    const h = await loadHarness();
    const { call, failure, byId } = api(h);
    const wrong = { id: 'wrong_answers', name: 'Bold Guesser', description: 'Answer wrongly 3 times.', category: 'answers', rarity: 'common', points: 1, counter: { event: 'answer_wrong' }, target: 3, rewards: { currencies: { coins: 7 } } };
    const bad = { ...wrong, id: 'bad_one', rewards: { currencies: { diamonds: 1 } } };
    expect(failure(() => call('achievements_bulk_create', { definitions: [wrong, bad] }))).toBe('INVALID_FIELD: definition: bad_one: rewards.currencies.diamonds: not a currency of QuizVerse (coins, xp)');
    expect(failure(() => call('achievements_create_definition', { definition: { ...wrong, id: 'first_correct_answer' } }))).toBe('INVALID_FIELD: definition: first_correct_answer: id is used twice');
    const player = h.createUser();
    expect(failure(() => call('achievements_create_definition', { definition: wrong }, player))).toBe('PERMISSION_DENIED: this call is for admins');
    expect(failure(() => call('achievements_create_definition', { definition: [wrong] }))).toBe('INVALID_FIELD: definition: must be a JSON object');
    expect(call('achievements_create_definition', { definition: wrong })).toEqual({ created: ['wrong_answers'] });

    const { bob } = playDuel(h); // bob answers every question wrongly
    expect(byId(bob)('wrong_answers')).toMatchObject({ unlocked: true, progress: 3, target: 3 });
    expect(h.wallet(bob)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 7 });
    expect(h.logs.filter((l) => /^audit: server \(http key\) called achievements_/.test(l.message))).toHaveLength(3);
    h.dispose();
  });

  test('LastToLive has its own achievements, rewards and items; one game never sees the other\'s', async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    const all = JSON.parse(h.rpc('achievements_get_all', { game_id: LASTTOLIVE.id }, { userId: ann })).achievements;
    expect(all.map((a: { id: string }) => a.id)).toEqual(['first_kill', 'sharpshooter', 'survivor', 'win_100_matches', 'veteran', 'solo_squad_wipe']);
    expect(all.filter((a: { id: string }) => a.id === 'solo_squad_wipe')[0]).toMatchObject({ name: 'Hidden achievement', hidden: true });
    JSON.parse(h.rpc('achievements_update_progress', { game_id: LASTTOLIVE.id, user_id: ann, achievement_id: 'first_kill', increment: 1 }));
    expect(h.wallet(ann)).toEqual({ [`${LASTTOLIVE.id}:coins`]: 50, [`${LASTTOLIVE.id}:xp`]: 50 });
    expect(JSON.parse(h.rpc('achievements_get_player_stats', { game_id: QUIZVERSE_ID }, { userId: ann })).unlocked).toBe(0);
    h.dispose();
  });
});
