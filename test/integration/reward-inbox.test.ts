import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverCall, serverRpc, walletLedger, type Player } from './support/nakama';

type Distribution = { id: string; source: string; rewards: { currencies?: { [k: string]: number } }; status: string };

/**
 * The reward inbox as the one place rewards wait, on the real server: an achievement claimed by hand
 * and a live event's rank reward show up in rewards_list_pending, 20 parallel rewards_claim_all pay
 * each exactly once, and the old claim RPCs then find nothing. The event counts an event type no
 * match emits, so other test files' players never score in it.
 */
describe('reward inbox sources on a real Nakama', () => {
  let player: Player;
  const game = { game_id: QUIZVERSE_ID };
  const eventId = `it_inbox_${process.pid}_${Date.now() % 1e8}`;
  beforeAll(async () => { player = await connectPlayer('inboxsrc'); });
  afterAll(async () => {
    await serverCall('event_end', { ...game, event_id: eventId }); // ended already: a 400, fine
    player?.close();
  });

  test('an achievement and a live event reward wait in the inbox; parallel claim-alls pay each once', async () => {
    const now = Date.now();
    await serverRpc('event_create', { ...game, event: {
      id: eventId, name: 'Inbox Ladder', starts_at: now, ends_at: now + 10 * 60000,
      missions: [{ id: 'm', name: 'Mission', counter: { event: 'integration_only' }, target: 1, points: 10 }],
      rank_rewards: [{ from_rank: 1, to_rank: 1, rewards: { currencies: { coins: 77 } } }],
    } });
    await serverRpc('event_complete_mission', { ...game, user_id: player.userId, event_id: eventId, mission_id: 'm' });
    const { occurrence_id: occurrence } = await serverRpc<{ occurrence_id: string }>('event_end', { ...game, event_id: eventId });
    await serverRpc('achievements_update_progress', { ...game, user_id: player.userId, achievement_id: 'first_correct_answer', increment: 1 });
    await serverRpc('achievements_update_progress', { ...game, user_id: player.userId, achievement_id: 'round_winner', increment: 20 });

    const ours = (list: Distribution[]) => list.filter((d) => d.source === 'achievement' || d.source === 'event');
    const pending = ours((await rpc<{ pending: Distribution[] }>(player, 'rewards_list_pending', game)).pending);
    expect(pending.map((d) => d.id).sort()).toEqual(['achievement:round_winner', `event:${occurrence}:rank`]);

    const results = await Promise.all(Array.from({ length: 20 }, () => rpc<{ claimed: Distribution[] }>(player, 'rewards_claim_all', game).catch((e) => e)));
    const claimed = results.filter((r) => r && r.claimed).flatMap((r) => ours(r.claimed));
    expect(claimed.map((d) => d.id).sort()).toEqual(['achievement:round_winner', `event:${occurrence}:rank`]);
    const ledger = await walletLedger(player.userId);
    expect(ledger.filter((l) => l.metadata.reason === 'achievement:round_winner').map((l) => l.changeset[`${QUIZVERSE_ID}:coins`])).toEqual([100]);
    expect(ledger.filter((l) => l.metadata.reason === `event:${occurrence}:rank`).map((l) => l.changeset[`${QUIZVERSE_ID}:coins`])).toEqual([77]);

    expect(await rpcError(rpc(player, 'achievements_claim', { ...game, achievement_id: 'round_winner' }))).toMatchObject({ status: 400, message: 'FAILED_PRECONDITION: nothing to claim for round_winner' });
    expect(await rpcError(rpc(player, 'event_claim_rewards', { ...game, event_id: occurrence }))).toMatchObject({ status: 400, message: `FAILED_PRECONDITION: nothing to claim in ${occurrence}` });
    expect(ours((await rpc<{ pending: Distribution[] }>(player, 'rewards_list_pending', game)).pending)).toEqual([]);
  });
});
