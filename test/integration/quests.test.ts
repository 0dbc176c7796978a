import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { matchResult } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverRpc, walletLedger, type Player } from './support/nakama';
import { matchDuel, playAnswering } from './support/quiz-bots';

const G = { game_id: QUIZVERSE.id };
const HOUR = 3600000;

interface Quest { status: string; steps: { id: string; completed: boolean }[]; history: { status: string }[] }
interface Inbox { pending: { id: string; rewards: object }[]; recent: { id: string; status: string }[] }
const quest = async (p: Player, id: string) => (await rpc<{ quest: Quest }>(p, 'quest_get_progress', { ...G, quest_id: id })).quest;

/** alice wins a duel against bob (she answers right, he wrongly), to the match result. */
async function duel(alice: Player, bob: Player): Promise<void> {
  alice.matchData.length = 0;
  const matchId = await matchDuel(alice, bob);
  await Promise.all([playAnswering(alice, matchId, true), playAnswering(bob, matchId, false)]);
  await alice.until(() => matchResult(alice.matchData), 'the match result', 60000);
  await Promise.all([alice, bob].map((p) => p.socket.leaveMatch(matchId)));
}

describe('quests, the reward inbox and daily missions (real server)', () => {
  let alice: Player;
  let bob: Player;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([connectPlayer('q-alice'), connectPlayer('q-bob')]);
  });
  afterAll(() => [alice, bob].forEach((p) => p.close()));

  test('a three-step quest completed by playing duels: its step and quest rewards reach the ledger exactly once', async () => {
    expect((await rpc<{ quest: Quest }>(alice, 'quest_start', { ...G, quest_id: 'quiz_apprentice' })).quest.status).toBe('IN_PROGRESS');
    await duel(alice, bob);
    expect((await quest(alice, 'quiz_apprentice')).steps.map((s) => s.completed)).toEqual([true, true, false]);
    await duel(alice, bob);
    const done = await quest(alice, 'quiz_apprentice');
    expect(done.status).toBe('COMPLETED');
    expect(done.history.map((h) => h.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);

    const inbox = await rpc<Inbox>(alice, 'rewards_list_pending', G);
    expect(inbox.pending.map((d) => d.id).filter((id) => id.startsWith('quest'))).toEqual(['quest_step:quiz_apprentice/three_right', 'quest_step:quiz_apprentice/finish_match', 'quest_step:quiz_apprentice/win_duel', 'quest:quiz_apprentice']);
    const quests = inbox.pending.filter((d) => d.id.startsWith('quest'));
    const claims = await Promise.allSettled(quests.map((d) => rpc(alice, 'reward_claim', { ...G, reward_id: d.id })));
    expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(4);
    const ledger = (await walletLedger(alice.userId)).filter((e) => /^quest(_step)?:/.test(String(e.metadata.reason)));
    expect(ledger.map((e) => e.metadata.reason).sort()).toEqual(['quest:quiz_apprentice', 'quest_step:quiz_apprentice/finish_match', 'quest_step:quiz_apprentice/three_right', 'quest_step:quiz_apprentice/win_duel']);
    expect(ledger.filter((e) => e.metadata.reason === 'quest:quiz_apprentice')[0].changeset).toMatchObject({ [`${QUIZVERSE.id}:coins`]: 50 });
    expect((await rpc<Inbox>(alice, 'rewards_list_pending', G)).pending.filter((d) => d.id.startsWith('quest'))).toEqual([]);
    // Bob played the same duels without the quest: no quest reward.
    expect((await rpc<Inbox>(bob, 'rewards_list_pending', G)).pending.filter((d) => d.id.startsWith('quest'))).toEqual([]);
  });

  test("the duels also advanced the day's missions: the done ones paid once; the next day brings fresh ones", async () => {
    interface Day { day: number; missions: { id: string; value: number; threshold: number; completed: boolean }[] }
    const today = await rpc<Day>(alice, 'daily_missions_get', G);
    expect(today.missions).toHaveLength(3);
    const done = today.missions.filter((m) => m.completed).map((m) => m.id);
    expect(done.length).toBeGreaterThan(0);
    const waiting = (await rpc<Inbox>(alice, 'rewards_list_pending', G)).pending.map((d) => d.id);
    expect(waiting.sort()).toEqual(done.map((id) => `daily_mission:${today.day}/${id}`).sort());
    expect((await rpc<{ claimed: object[] }>(alice, 'rewards_claim_all', G)).claimed).toHaveLength(done.length);
    const paid = (await walletLedger(alice.userId)).map((e) => String(e.metadata.reason)).filter((r) => r.startsWith('daily_mission:'));
    expect(paid.sort()).toEqual(done.map((id) => `daily_mission:${today.day}/${id}`).sort());
    await serverRpc('test_clock_set', { user_id: alice.userId, offset_ms: 24 * HOUR });
    try {
      const tomorrow = await rpc<Day>(alice, 'daily_missions_get', G);
      expect(tomorrow.day).toBe(today.day + 1);
      expect(tomorrow.missions.every((m) => m.value === 0 && !m.completed)).toBe(true);
    } finally {
      await serverRpc('test_clock_set', { user_id: alice.userId, offset_ms: 0 });
    }
  });

  test('a timed quest past its limit is expired: nothing counts and nothing is paid', async () => {
    await rpc(alice, 'quest_start', { ...G, quest_id: 'quiz_sprint' });
    await serverRpc('test_clock_set', { user_id: alice.userId, offset_ms: 2 * HOUR });
    try {
      expect((await quest(alice, 'quiz_sprint')).status).toBe('EXPIRED');
      await duel(alice, bob);
      const sprint = await quest(alice, 'quiz_sprint');
      expect(sprint.status).toBe('EXPIRED');
      expect(sprint.steps.every((s) => !s.completed)).toBe(true);
      expect((await rpc<Inbox>(alice, 'rewards_list_pending', G)).pending.filter((d) => d.id.startsWith('quest'))).toEqual([]);
      expect(await rpcError(rpc(alice, 'quest_abandon', { ...G, quest_id: 'quiz_sprint' }))).toMatchObject({ status: 400, message: 'FAILED_PRECONDITION: quiz_sprint is not in progress' });
    } finally {
      await serverRpc('test_clock_set', { user_id: alice.userId, offset_ms: 0 });
    }
  });

  test('an expired pending reward cannot be claimed; a revoked one leaves the inbox; 100 parallel claims of one reward pay once', async () => {
    const send = (operation: string, extra: object = {}) => serverRpc('reward_send', { ...G, user_id: bob.userId, operation_id: operation, rewards: { currencies: { coins: 7 } }, ...extra });
    await send('soon', { expires_in_seconds: 60 });
    await send('mistake');
    await send('race');
    await serverRpc('reward_revoke', { ...G, user_id: bob.userId, reward_id: 'admin:mistake', reason: 'sent by mistake' });
    let inbox = await rpc<Inbox>(bob, 'rewards_list_pending', G);
    const admin = (i: Inbox) => i.pending.map((d) => d.id).filter((id) => id.startsWith('admin:'));
    expect(admin(inbox)).toEqual(['admin:soon', 'admin:race']);
    expect(inbox.recent).toEqual([expect.objectContaining({ id: 'admin:mistake', status: 'REVOKED' })]);

    await serverRpc('test_clock_set', { user_id: bob.userId, offset_ms: HOUR });
    try {
      expect(await rpcError(rpc(bob, 'reward_claim', { ...G, reward_id: 'admin:soon' }))).toMatchObject({ status: 400, message: 'FAILED_PRECONDITION: reward admin:soon is expired' });
    } finally {
      await serverRpc('test_clock_set', { user_id: bob.userId, offset_ms: 0 });
    }
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => rpc(bob, 'reward_claim', { ...G, reward_id: 'admin:race' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const ledger = (await walletLedger(bob.userId)).filter((e) => String(e.metadata.reason).startsWith('admin:'));
    expect(ledger.map((e) => e.metadata.reason)).toEqual(['admin:race']);
    inbox = await rpc<Inbox>(bob, 'rewards_list_pending', G);
    expect(admin(inbox)).toEqual(['admin:soon']); // expired only by bob's moved clock; by the server's it still waits
  });
});
