import { failure, gameRpc, loadHarness, playDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';
import { seasonFor } from '../support/seasons';

/** The reward inbox as the one place rewards wait for a claim (the real-server twin: test/integration/reward-inbox.test.ts). */
const HOUR = 3600 * 1000;
/** Ids of what the sources under test delivered (today's daily missions deliver too). */
const ids = (list: { id: string }[]) => list.map((d) => d.id).filter((id) => !id.startsWith('daily_mission')).sort();

describe('the reward inbox gathers every reward that waits for a claim', () => {
  test('a manual achievement, season tiers and a live event rank reward wait in the inbox; claiming all pays each once', async () => {
    const h = await loadHarness('inbox-sources');
    const rpc = gameRpc(h);
    rpc('season_create', { season: seasonFor(h.now()) });
    const ladder = { id: 'ladder', name: 'Ladder', description: 'Win.', starts_at: h.now(), ends_at: h.now() + 24 * HOUR,
      missions: [{ id: 'win', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100 }], rank_rewards: [{ from_rank: 1, to_rank: 1, rewards: { currencies: { coins: 500 } } }] };
    rpc('event_create', { event: ladder });
    // alice wins a duel: season tiers 1-3 (200 XP) and the ladder's top score.
    const { alice } = playDuel(h);
    rpc('achievements_update_progress', { user_id: alice, achievement_id: 'round_winner', increment: 20 });
    const occurrence = rpc('event_end', { event_id: 'ladder' }).occurrence_id;

    const pending = rpc('rewards_list_pending', {}, alice).pending;
    expect(ids(pending)).toEqual(['achievement:round_winner', `event:${occurrence}:rank`, 'season:season_one:free:1', 'season:season_one:free:2', 'season:season_one:free:3']);
    expect(pending.filter((d: { source: string }) => d.source === 'achievement')[0]).toMatchObject({ rewards: { currencies: { coins: 100 }, items: { hint_token: 2 } }, expires_at: null });
    // The menus still show them as claimable while they wait.
    expect(rpc('season_get_player_progress', {}, alice)).toMatchObject({ claimable: { free: [1, 2, 3] }, claimed: { free: [] } });
    expect(rpc('achievements_get_all', {}, alice).achievements.filter((a: { id: string }) => a.id === 'round_winner')[0]).toMatchObject({ claimable: true });
    expect(rpc('event_get_player_progress', { event_id: 'ladder' }, alice).progress[0]).toMatchObject({ claimable: ['rank'] });

    const before = h.wallet(alice)![`${QUIZVERSE_ID}:coins`] || 0;
    const claimed = rpc('rewards_claim_all', {}, alice).claimed;
    expect(ids(claimed)).toEqual(ids(pending));
    const coins = (list: { id: string; rewards: { currencies?: { coins?: number } } }[]) => list.reduce((sum, d) => sum + ((d.rewards.currencies || {}).coins || 0), 0);
    expect(h.wallet(alice)![`${QUIZVERSE_ID}:coins`]).toBe(before + coins(claimed));
    expect(coins(claimed.filter((d: { id: string }) => !d.id.startsWith('daily_mission')))).toBe(100 + 500 + 10 + 20);
    expect(failure(() => rpc('rewards_claim_all', {}, alice))).toBe('FAILED_PRECONDITION: no reward is pending');
    // Nothing is delivered twice: the sources remember what went to the inbox.
    expect(rpc('rewards_list_pending', {}, alice).pending).toEqual([]);
    expect(failure(() => rpc('achievements_claim', { achievement_id: 'round_winner' }, alice))).toBe('FAILED_PRECONDITION: nothing to claim for round_winner');
    expect(failure(() => rpc('season_claim_tier_rewards', {}, alice))).toBe('FAILED_PRECONDITION: nothing to claim');
    expect(failure(() => rpc('event_claim_rewards', { event_id: occurrence }, alice))).toMatch(/^FAILED_PRECONDITION: nothing to claim/);
    expect(rpc('season_get_player_progress', {}, alice)).toMatchObject({ claimable: { free: [] }, claimed: { free: [1, 2, 3] } });
    expect(rpc('achievements_get_all', {}, alice).achievements.filter((a: { id: string }) => a.id === 'round_winner')[0]).toMatchObject({ claimable: false });
    for (const reason of ['achievement:round_winner', `event:${occurrence}:rank`, 'season:season_one:free:1']) {
      expect(h.ledger(alice).filter((i) => i.metadata.reason === reason)).toHaveLength(1);
    }
    h.dispose();
  });

  test('buying premium later delivers its tiers retroactively; an admin can revoke a season reward before it is claimed', async () => {
    const h = await loadHarness('inbox-premium');
    const rpc = gameRpc(h);
    rpc('season_create', { season: seasonFor(h.now()) });
    const { alice } = playDuel(h);
    expect(rpc('season_claim_tier_rewards', { tier: 1 }, alice).claimed).toEqual([{ track: 'free', tier: 1, rewards: { currencies: { coins: 10 } } }]);
    rpc('reward_send', { user_id: alice, operation_id: 'coins-for-premium', rewards: { currencies: { coins: 100 } } });
    rpc('reward_claim', { reward_id: 'admin:coins-for-premium' }, alice);
    rpc('season_purchase_premium', {}, alice);
    const pending = ids(rpc('rewards_list_pending', {}, alice).pending);
    expect(pending).toEqual(['season:season_one:free:2', 'season:season_one:free:3', 'season:season_one:premium:1', 'season:season_one:premium:3']);
    expect(rpc('reward_revoke', { user_id: alice, reward_id: 'season:season_one:premium:3', reason: 'test' }).revoked).toMatchObject({ status: 'REVOKED' });
    expect(rpc('season_claim_tier_rewards', {}, alice).claimed.map((c: { track: string; tier: number }) => `${c.track}:${c.tier}`)).toEqual(['free:2', 'free:3', 'premium:1']);
    expect(rpc('season_get_player_progress', {}, alice)).toMatchObject({ claimable: { free: [], premium: [] }, claimed: { premium: [1, 3] } });
    h.dispose();
  });
});
