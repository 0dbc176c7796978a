import type { Harness } from '../../tools/harness';
import { answerUntilOver, failure, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** alice and bob (existing users) play a QuizVerse duel to the end; alice answers right. */
function duel(h: Harness, alice: string, bob: string): void {
  const ticket = (userId: string) => ({ presence: userId, properties: { game_id: QUIZVERSE_ID, mode: 'duel' }, query: '*', minCount: 2, maxCount: 2 });
  const match = h.match(h.matchmake([ticket(alice), ticket(bob)])!);
  match.join(alice);
  match.join(bob);
  match.flush();
  answerUntilOver(match, alice, bob);
}

const statusOf = (rpc: ReturnType<typeof gameRpc>, user: string, id: string) => rpc('quest_get_progress', { quest_id: id }, user).quest;

describe('quests and the reward inbox in the harness', () => {
  test('a three-step quest completed by two duels: step and quest rewards wait in the inbox, claimed once', async () => {
    const h = await loadHarness('quests');
    const rpc = gameRpc(h);
    const [alice, bob] = [h.createUser({ username: 'alice' }), h.createUser({ username: 'bob' })];
    expect(statusOf(rpc, alice, 'quiz_apprentice')).toMatchObject({ status: 'NOT_STARTED', available: true });
    expect(statusOf(rpc, alice, 'quiz_sprint')).toMatchObject({ status: 'NOT_STARTED', available: false });
    expect(failure(() => rpc('quest_start', { quest_id: 'quiz_sprint' }, alice))).toBe('FAILED_PRECONDITION: quiz_sprint needs quiz_apprentice completed first');
    expect(rpc('quest_start', { quest_id: 'quiz_apprentice' }, alice).quest).toMatchObject({ status: 'IN_PROGRESS', attempt: 1 });
    expect(failure(() => rpc('quest_start', { quest_id: 'quiz_apprentice' }, alice))).toBe('FAILED_PRECONDITION: quiz_apprentice is in_progress already');

    duel(h, alice, bob);
    const after1 = statusOf(rpc, alice, 'quiz_apprentice');
    expect(after1.status).toBe('IN_PROGRESS');
    expect(after1.steps.map((s: { completed: boolean }) => s.completed)).toEqual([true, true, false]);
    expect(after1.steps[2]).toMatchObject({ active: true, requirements: [{ event: 'match_won', value: 0, met: false, timeframe_seconds: 86400 }] });
    duel(h, alice, bob);
    const done = statusOf(rpc, alice, 'quiz_apprentice');
    expect(done.status).toBe('COMPLETED');
    expect(done.history.map((e: { status: string }) => e.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);

    const pending = rpc('rewards_list_pending', {}, alice).pending.filter((d: { id: string }) => d.id.startsWith('quest'));
    expect(pending.map((d: { id: string }) => d.id)).toEqual(['quest_step:quiz_apprentice/three_right', 'quest_step:quiz_apprentice/finish_match', 'quest_step:quiz_apprentice/win_duel', 'quest:quiz_apprentice']);
    const before = rpc('wallet_get', {}, alice).balances.coins;
    expect(rpc('reward_claim', { reward_id: 'quest:quiz_apprentice' }, alice).claimed).toMatchObject({ status: 'CLAIMED', rewards: { currencies: { coins: 50, xp: 50 } } });
    expect(failure(() => rpc('reward_claim', { reward_id: 'quest:quiz_apprentice' }, alice))).toBe('FAILED_PRECONDITION: reward quest:quiz_apprentice is claimed');
    // Claim all: the three step rewards, and whatever the day's missions put there too.
    const all = rpc('rewards_claim_all', {}, alice).claimed as { id: string; rewards: { currencies?: { coins?: number } } }[];
    expect(all.filter((d) => d.id.startsWith('quest')).map((d) => d.id)).toEqual(pending.slice(0, 3).map((d: { id: string }) => d.id));
    expect(failure(() => rpc('rewards_claim_all', {}, alice))).toBe('FAILED_PRECONDITION: no reward is pending');
    const missionCoins = all.filter((d) => d.id.startsWith('daily_mission')).reduce((n, d) => n + ((d.rewards.currencies || {}).coins || 0), 0);
    expect(rpc('wallet_get', {}, alice).balances.coins - before).toBe(50 + 10 + 15 + missionCoins);
    // Bob never started it: his duels advanced nothing.
    expect(rpc('rewards_list_pending', {}, bob).pending.filter((d: { id: string }) => d.id.startsWith('quest'))).toEqual([]);
    h.dispose();
  });

  test('a timed quest expires; abandon fails it and it may start again; definitions are validated', async () => {
    const h = await loadHarness('quests2');
    const rpc = gameRpc(h);
    const ann = h.createUser();
    rpc('quest_start', { quest_id: 'quiz_apprentice' }, ann);
    expect(rpc('quest_abandon', { quest_id: 'quiz_apprentice' }, ann).quest).toMatchObject({ status: 'FAILED', history: [{ status: 'IN_PROGRESS' }, { status: 'FAILED', reason: 'abandoned' }] });
    expect(failure(() => rpc('quest_abandon', { quest_id: 'quiz_apprentice' }, ann))).toBe('FAILED_PRECONDITION: quiz_apprentice is not in progress');
    expect(rpc('quest_start', { quest_id: 'quiz_apprentice' }, ann).quest).toMatchObject({ status: 'IN_PROGRESS', attempt: 2 });

    // An admin quest with a one-minute limit.
    const quest = { id: 'minute', name: 'Minute', description: '', type: 'challenge', difficulty: 'easy', time_limit_seconds: 60, steps: [{ id: 'win', name: 'Win', requirements: [{ counter: { event: 'match_won' }, threshold: 1 }] }], rewards: { currencies: { coins: 1 } } };
    expect(failure(() => rpc('quests_create_definition', { quest: { ...quest, steps: [{ id: 'win', name: 'Win', requirements: [{ counter: { event: 'match_won' }, operator: 'about', threshold: 0 }] }] } }))).toMatch(/^INVALID_FIELD: quest: minute\.steps\[0\]\.requirements\[0\]\.operator: one of gt, gte, lt, lte, eq; .*threshold: a count is an integer >= 1/);
    expect(rpc('quests_create_definition', { quest })).toEqual({ created: 'minute' });
    rpc('quest_start', { quest_id: 'minute' }, ann);
    h.advanceTime(61_000);
    expect(statusOf(rpc, ann, 'minute').status).toBe('EXPIRED');
    duel(h, ann, h.createUser());
    const expired = statusOf(rpc, ann, 'minute');
    expect(expired).toMatchObject({ status: 'EXPIRED', completed_at: null });
    expect(expired.history.map((e: { status: string }) => e.status)).toEqual(['IN_PROGRESS', 'EXPIRED']);
    expect(rpc('rewards_list_pending', {}, ann).pending.map((d: { id: string }) => d.id)).not.toContain('quest:minute');
    h.dispose();
  });

  test('admins send and revoke; an expired pending reward cannot be claimed', async () => {
    const h = await loadHarness('inbox');
    const rpc = gameRpc(h);
    const ann = h.createUser();
    const sent = rpc('reward_send', { user_id: ann, operation_id: 'comp-1', rewards: { currencies: { coins: 5 } }, expires_in_seconds: 3600 }).delivered;
    expect(sent).toMatchObject({ id: 'admin:comp-1', status: 'PENDING' });
    expect(rpc('reward_send', { user_id: ann, operation_id: 'comp-1', rewards: { currencies: { coins: 5 } } }).delivered).toBeNull();
    rpc('reward_send', { user_id: ann, operation_id: 'comp-2', rewards: { currencies: { coins: 7 } } });
    expect(failure(() => rpc('reward_send', { user_id: ann, operation_id: 'x', rewards: { currencies: { gems: 1 } } }))).toMatch(/^INVALID_FIELD: rewards\.currencies\.gems: not a currency/);
    expect(rpc('reward_revoke', { user_id: ann, reward_id: 'admin:comp-2', reason: 'sent twice' }).revoked).toMatchObject({ status: 'REVOKED', reason: 'sent twice' });
    expect(failure(() => rpc('reward_claim', { reward_id: 'admin:comp-2' }, ann))).toBe('FAILED_PRECONDITION: reward admin:comp-2 is revoked');
    expect(failure(() => h.rpc('reward_revoke', { game_id: QUIZVERSE_ID, user_id: ann, reward_id: 'admin:comp-1', reason: 'x' }, { userId: ann }))).toMatch(/^PERMISSION_DENIED/);
    h.advanceTime(3_601_000);
    expect(failure(() => rpc('reward_claim', { reward_id: 'admin:comp-1' }, ann))).toBe('FAILED_PRECONDITION: reward admin:comp-1 is expired');
    expect(failure(() => rpc('reward_claim', { reward_id: 'nope' }, ann))).toBe('NOT_FOUND: no reward nope in the inbox');
    const view = rpc('rewards_list_pending', {}, ann);
    expect(view.pending).toEqual([]);
    expect(view.recent.map((d: { id: string; status: string }) => `${d.id} ${d.status}`).sort()).toEqual(['admin:comp-1 EXPIRED', 'admin:comp-2 REVOKED']);
    expect(rpc('wallet_get', {}, ann).balances.coins).toBe(0);
    h.dispose();
  });
});
